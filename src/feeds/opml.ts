/**
 * `feeds.opml`: every feed of the site, for importing into a reader in one go.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Config } from '../config/schema.js';
import { cleanText } from '../text/escape.js';
import type { Catalog } from './catalog.js';
import { sitePaths, siteUrlOf } from './site-paths.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true, suppressEmptyNode: true });

/** OPML 2.0 listing the Atom, RSS and JSON feeds of all sources, each source, and the daily issue. */
export function opmlXml(config: Config, catalog: Catalog): string {
  const url = (path: string) => siteUrlOf(config.siteUrl, path);
  const outline = (text: string, type: string, path: string) => ({ '@_text': cleanText(text), '@_title': cleanText(text), '@_type': type, '@_xmlUrl': url(path), '@_htmlUrl': config.siteUrl });
  const group = (title: string, source?: string) => ({
    '@_text': cleanText(title),
    outline: [
      outline(`${title}（Atom）`, 'rss', sitePaths.feed('atom', source)),
      outline(`${title}（RSS）`, 'rss', sitePaths.feed('rss', source)),
      outline(`${title}（JSON Feed）`, 'rss', sitePaths.feed('json', source)),
    ],
  });
  const newest = catalog.days[0]?.date;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    opml: {
      '@_version': '2.0',
      head: { title: cleanText(config.title), ...(newest ? { dateModified: new Date(`${newest}T00:00:00Z`).toUTCString() } : {}), ownerName: cleanText(config.author.name) },
      body: {
        outline: [
          group(config.title),
          ...catalog.sources.map((s) => group(`${config.title} · ${s.name}`, s.id)),
          { '@_text': `${config.title} · 每日一期`, outline: [outline(`${config.title} · 每日一期（Atom）`, 'rss', sitePaths.issues('atom')), outline(`${config.title} · 每日一期（JSON Feed）`, 'rss', sitePaths.issues('json'))] },
        ],
      },
    },
  }) as string;
}
