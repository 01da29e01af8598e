/**
 * The site's topics section (on the index page): each topic of the config with its keywords
 * and its feed links, and the `topics.opml` list of them all. Pure view data; the index
 * template shows it when the index view carries it as `topics` (`templates/site/index.hbs`).
 */
import type { Config } from '../config/schema.js';
import { sitePaths } from '../project/site-paths.js';
import { topicAnchor } from '../view/anchors.js';
import { uiStrings } from '../view/ui-strings.js';

/** One topic on the site. Hrefs are relative to the index page (`out/index.html`). */
export interface TopicView {
  id: string;
  /** Its element id (`topic-diffusion`): the topic feeds' home link points here. */
  anchor: string;
  title: string;
  description?: string;
  /** `diffusion、扩散`: the keywords, joined for reading. */
  keywords: string;
  links: { label: string; href: string }[];
}

/** The topics section; undefined when the config has no topics (the template then shows nothing). */
export interface TopicsSectionView {
  heading: string;
  keywordsLabel: string;
  intro: string;
  opmlNote: string;
  /** `topics.opml`, relative to the index page. */
  opml: string;
  topics: TopicView[];
}

/** The topics section of the index page, or undefined without topics. */
export function topicsSectionView(config: Config): TopicsSectionView | undefined {
  if (config.topics.length === 0) return undefined;
  const words = uiStrings(config.language);
  return {
    heading: words.topics,
    keywordsLabel: words.keywords,
    intro: words.topicsIntro,
    opmlNote: words.topicsOpmlIs,
    opml: sitePaths.opmlTopics,
    topics: config.topics.map((topic) => ({
      id: topic.id,
      anchor: topicAnchor(topic.id),
      title: topic.title,
      ...(topic.description ? { description: topic.description } : {}),
      keywords: topic.keywords.join(words.listSeparator),
      links: [
        { label: 'Atom', href: sitePaths.topicFeed('atom', topic.id) },
        { label: 'RSS', href: sitePaths.topicFeed('rss', topic.id) },
        { label: 'JSON Feed', href: sitePaths.topicFeed('json', topic.id) },
      ],
    })),
  };
}
