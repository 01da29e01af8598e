import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig, type Config } from '../../src/config/schema.js';
import type { IndexView } from '../../src/site/page-views.js';
import { indexView } from '../../src/site/page-views.js';
import { topicsSectionView } from '../../src/site/topic-views.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { loadSiteTemplates } from '../../src/templates/load-site-templates.js';
import { PROJECT_DIR } from '../helpers/corpus.js';

function configWith(extra: Record<string, unknown>): Config {
  const result = validateConfig({ siteUrl: 'https://feeds.example.org/papers/', title: '测试速递', ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

const TOPICS = [
  { id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'] },
  { id: 'x', title: '<script>alert("t")</script> & "q"', keywords: ['a<b>', "it's"], description: 'javascript:alert(1) <img src=x onerror=alert(1)>' },
];

describe('the topics section of the site', () => {
  it('is absent without topics, and lists each topic with its feeds and keywords', () => {
    expect(topicsSectionView(configWith({}))).toBeUndefined();
    const view = topicsSectionView(configWith({ topics: TOPICS }))!;
    expect(view.opml).toBe('topics.opml');
    expect(view.topics[0]).toEqual({
      id: 'diffusion',
      anchor: 'topic-diffusion',
      title: '扩散模型',
      keywords: 'diffusion、扩散',
      links: [
        { label: 'Atom', href: 'topics/diffusion.atom' },
        { label: 'RSS', href: 'topics/diffusion.rss' },
        { label: 'JSON Feed', href: 'topics/diffusion.json' },
      ],
    });
    expect(topicsSectionView(configWith({ language: 'en', topics: TOPICS }))!.topics[0]!.keywords).toBe('diffusion, 扩散');
  });

  it('renders in the index template escaped, its links resolving to the topic feeds; the index is unchanged without it', async () => {
    const templates = await loadSiteTemplates(join(PROJECT_DIR, 'templates'), PROJECT_DIR);
    const config = configWith({ topics: TOPICS });
    const catalog = buildCatalog([]);
    const base: IndexView = indexView(configWith({}), catalog);
    // indexView adds the section when the config has topics.
    expect(indexView(config, catalog).topics).toEqual(topicsSectionView(config));
    const html = templates.index({ ...base, topics: topicsSectionView(config) } as IndexView);
    expect(templates.index(base)).not.toContain('class="topics"');
    const section = /<section class="topics"[^]*?<\/section>/.exec(html)![0];
    expect(section).toContain('<h2 id="topics-heading">主题</h2>');
    expect([...section.matchAll(/<li id="([^"]*)"/g)].map((m) => m[1])).toEqual(['topic-diffusion', 'topic-x']);
    expect([...section.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'topics/diffusion.atom',
      'topics/diffusion.rss',
      'topics/diffusion.json',
      'topics/x.atom',
      'topics/x.rss',
      'topics/x.json',
      'topics.opml',
    ]);
    expect(section).toContain('<strong>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;q&quot;</strong>');
    expect(section).toContain('<span class="topic-description">javascript:alert(1) &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</span>');
    expect(section).toContain('关键词：a&lt;b&gt;、it&#x27;s');
    expect(html).not.toMatch(/<script>alert|<img src=x/);
  });
});
