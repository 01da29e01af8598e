/**
 * OPML 2.0 subscription lists, each importable whole without any paper arriving twice:
 * - `all.opml`: the all-sources Atom feed alone (one subscription, every paper once);
 * - `sources.opml` (also written as `feeds.opml`, the address earlier versions published):
 *   one Atom feed per source, under a folder; sources do not overlap, so every paper once.
 * - `topics.opml` (`topicsOpmlXml`): one Atom feed per topic of the config, under a folder.
 *   Topics overlap (a paper on two topics is in both feeds): said in its title and on the site.
 * Neither of the first two lists the RSS/JSON twins of a feed, the other list's feeds, or the daily-issue feed
 * (whose entries repeat the papers): importing those together is what made readers show each
 * paper several times.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Config } from '../config/schema.js';
import { cleanText } from '../text/escape.js';
import type { Catalog } from '../project/catalog.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { type Topic, topicFeedTitle } from '../project/topics.js';
import { topicAnchor } from '../view/anchors.js';
import { uiStrings } from '../view/ui-strings.js';
import { XML_BUILDER_OPTIONS } from './xml-builder-options.js';

const builder = new XMLBuilder({ ...XML_BUILDER_OPTIONS, format: true });

/** Which subscription list: every paper in one feed, or one feed per source. */
export type OpmlKind = 'all' | 'sources';

/** The OPML document of a kind. */
export function opmlXml(config: Config, catalog: Catalog, kind: OpmlKind): string {
  const url = (path: string) => siteUrlOf(config.siteUrl, path);
  const outline = (text: string, source?: string) => ({ '@_type': 'rss', '@_text': cleanText(text), '@_title': cleanText(text), '@_xmlUrl': url(sitePaths.feed('atom', source)), '@_htmlUrl': config.siteUrl });
  const body =
    kind === 'all'
      ? { outline: outline(config.title) }
      : { outline: { '@_text': cleanText(config.title), '@_title': cleanText(config.title), outline: catalog.sources.map((s) => outline(`${config.title} · ${s.name}`, s.id)) } };
  const words = uiStrings(config.language);
  return opmlDocument(config, words.withNote(config.title, kind === 'all' ? words.allPapers : words.bySource), body, catalog.days[0]?.date);
}

/**
 * `topics.opml`: the Atom feed of every topic (`topics` in the config), in the config's order,
 * under one folder. `newestDate` (the newest digest day) dates the list.
 */
export function topicsOpmlXml(config: Config, topics: readonly Topic[], newestDate?: string): string {
  const words = uiStrings(config.language);
  const outline = (topic: Topic) => {
    const text = cleanText(topicFeedTitle(config, topic));
    return { '@_type': 'rss', '@_text': text, '@_title': text, '@_xmlUrl': siteUrlOf(config.siteUrl, sitePaths.topicFeed('atom', topic.id)), '@_htmlUrl': `${config.siteUrl}#${topicAnchor(topic.id)}` };
  };
  const body = { outline: { '@_text': cleanText(config.title), '@_title': cleanText(config.title), outline: topics.map(outline) } };
  return opmlDocument(config, words.withNote(config.title, words.byTopic), body, newestDate);
}

function opmlDocument(config: Config, title: string, body: Record<string, unknown>, newest: string | undefined): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    // For a host that serves OPML as XML (GitHub Pages does not: text/x-opml), opml.xsl shows it as a page.
    '?xml-stylesheet': { '@_type': 'text/xsl', '@_href': sitePaths.opmlStylesheet },
    opml: {
      '@_version': '2.0',
      head: { title: cleanText(title), ...(newest ? { dateModified: new Date(`${newest}T00:00:00Z`).toUTCString() } : {}), ownerName: cleanText(config.author.name) },
      body,
    },
  }) as string;
}
