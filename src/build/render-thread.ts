/**
 * A render thread's entry (`render-threads.ts` starts it). It parses the digests it is sent
 * into the parse cache folder, and renders the day chunks it is sent (`renderDayChunk`), reading
 * their days from that folder; it posts back the records of what it parsed or wrote, or why it failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readOneDigest } from '../read-digests.js';
import { loadSiteTemplates } from '../templates/load-site-templates.js';
import { type DayChunkContext, renderDayChunk } from './day-units.js';
import { assembleDay, cachedDigest, parseBatch } from './digest-history.js';
import { ParseCache } from './parse-cache.js';
import type { DigestFileRef } from '../open-project.js';
import type { DayOutline } from '../project/day-outline.js';
import type { RenderThreadData, RenderThreadEnvelope, RenderThreadReply, RenderThreadRequest } from './render-threads.js';

const data = workerData as RenderThreadData;
let parseCacheLoading: Promise<ParseCache> | undefined;
let contextLoading: Promise<Omit<DayChunkContext, 'outlines'>> | undefined;
let outlines: DayOutline[] = [];
const parseCache = () => (parseCacheLoading ??= ParseCache.load(data.parseCacheDir, data.code));
// Rendering reads the cache folder as it is when the first chunk comes: after every digest was parsed.
const chunkContext = () =>
  (contextLoading ??= Promise.all([ParseCache.load(data.parseCacheDir, data.code, { readOnly: true }), loadSiteTemplates(data.templatesDir, data.projectRoot, { cacheDir: data.cacheDir })]).then(([cache, siteTemplates]) => ({
    outDir: data.outDir,
    config: data.config,
    siteTemplates,
    // A day's files were all readable (an unreadable one speaks of no day).
    readDay: async (date: string, files: DigestFileRef[]) => assembleDay(date, files.map((ref) => cachedDigest(ref, cache))).day,
  })));

async function handle(request: RenderThreadRequest): Promise<RenderThreadReply> {
  if (request.type === 'render') {
    if (request.outlines) outlines = request.outlines;
    return { ok: true, type: 'render', result: await renderDayChunk(request.chunk, { ...(await chunkContext()), outlines }) };
  }
  const cache = await parseCache();
  const { files } = request;
  const parsed: boolean[] = [];
  const batch = await parseBatch(files, async (i) => {
    const misses = cache.misses;
    const { digest } = await readOneDigest(files[i]!.path, files[i]!.name, { cache, preloaded: { bytes: files[i]!.bytes, hash: files[i]!.hash } });
    parsed.push(cache.misses > misses);
    return digest;
  });
  cache.flush();
  const note = cache.note;
  return { ok: true, type: 'parse', batch: { ...batch, parsed, notes: note === undefined ? [] : [note] } };
}

// Requests are done one at a time, in the order they came (the build keeps a few queued here, so
// that this thread never waits for it): one chunk of days in memory at a time.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', ({ id, body }: RenderThreadEnvelope<RenderThreadRequest>) => {
  const post = (reply: RenderThreadReply) => parentPort!.postMessage({ id, body: reply } satisfies RenderThreadEnvelope<RenderThreadReply>);
  const failed = (error: unknown): RenderThreadReply => ({ ok: false, message: error instanceof Error ? error.message : String(error) });
  queue = queue
    .then(async () => {
      const reply = await handle(body).catch(failed);
      try {
        post(reply);
      } catch (error) {
        post(failed(error));
      }
    })
    // Whatever became of this request, the next ones are still done.
    .catch(() => undefined);
});
// A request that could not be read cannot be answered: the thread stops, and the build hands its work back.
parentPort!.on('messageerror', () => process.exit(1));
