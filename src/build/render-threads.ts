/**
 * Render threads: worker threads that parse digests and render day chunks (`day-units.ts`)
 * beside the build's own thread, so that a build with much to do (a cold build of a long
 * history) uses every core. A thread is sent what to parse (the bytes the build hashed) or
 * which days to render (their digest files: it reads their parse results from the cache
 * folder, so days are not copied between threads); it writes parse results and outputs itself
 * and posts back their records.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { DayOutline } from '../project/day-outline.js';
import type { DayChunk, DayChunkResult } from './day-units.js';
import type { ParsedElsewhere } from './digest-history.js';
import { CODE_DIR, RUNS_BUNDLED } from '../package-info.js';

/** What a render thread is started with. */
export interface RenderThreadData {
  projectRoot: string;
  templatesDir: string;
  outDir: string;
  parseCacheDir: string;
  /** The project's cache folder (compiled templates). */
  cacheDir: string;
  /** `codeIdentity()`: what the parse cache's entries are keyed with. */
  code: string;
  config: Config;
}

/** What a render thread is asked to do. */
export type RenderThreadRequest =
  | { type: 'parse'; files: { path: string; name: string; hash: string; bytes: Uint8Array }[] }
  | { type: 'render'; chunk: DayChunk; /** Every day in outline, newest first (for day pages): sent with a thread's first chunk. */ outlines?: DayOutline[] };

/** What a render thread posts back. */
export type RenderThreadReply = { ok: true; type: 'parse'; batch: ParsedElsewhere } | { ok: true; type: 'render'; result: DayChunkResult } | { ok: false; message: string };

/**
 * How many render threads a build may start beside its own: one fewer than the cores Node may
 * use (none on one core); `DIGESTCAST_RENDER_THREADS` sets it (0: everything in the build's thread).
 */
export function renderThreadCount(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const set = env.DIGESTCAST_RENDER_THREADS;
  if (set !== undefined && set.trim() !== '') {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 0) throw new Error(`DIGESTCAST_RENDER_THREADS must be a whole number of threads (0 or more), not "${set}"`);
    return n;
  }
  return Math.max(0, availableParallelism() - 1);
}

export { MIN_DIGESTS_FOR_THREADS } from './many-digests.js';

/**
 * The old-generation heap of a render thread, in MB. A thread holds a chunk of days at a time
 * (about `PAPERS_PER_CHUNK` papers, their outputs, the templates): a few tens of MB. Without a
 * limit, V8 lets a busy heap grow to several times what is live before it collects; with one,
 * it collects sooner, and the build's peak memory stays near what it uses.
 */
const RENDER_THREAD_HEAP_MB = 160;

/** A render thread's heap limit: `RENDER_THREAD_HEAP_MB`, or `DIGESTCAST_RENDER_THREAD_HEAP_MB` (for a runner with little memory). */
export function renderThreadHeapMb(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const set = env.DIGESTCAST_RENDER_THREAD_HEAP_MB;
  if (set === undefined || set.trim() === '') return RENDER_THREAD_HEAP_MB;
  const n = Number(set);
  if (!Number.isInteger(n) || n < 1) throw new Error(`DIGESTCAST_RENDER_THREAD_HEAP_MB must be a whole number of MB (1 or more), not "${set}"`);
  return n;
}

/**
 * A render thread could not do what it was asked (it ran out of its heap on a huge day, or
 * stopped): the task is to be done in the build's own thread instead.
 */
export class RenderThreadUnavailable extends Error {
  /** The one line a build reports when it did a thread's `work` itself (`parsed its digests`, `rendered its days`). */
  note(work: string): string {
    return `${this.message}; the build's own thread ${work} (set DIGESTCAST_RENDER_THREAD_HEAP_MB higher, or DIGESTCAST_RENDER_THREADS=0)`;
  }
}

/**
 * How many requests the build keeps queued in a render thread (one helper loop each). The thread
 * does them one at a time, in order; the next is already there when it finishes one, so it does
 * not wait for the build's own thread to send more. While that thread is busy with work of its
 * own (the feeds of a long history are one piece of work of a few seconds, in which it answers
 * nothing), more chunks of days are queued (`whileBusy`, but never more than a fair share of the
 * chunks left); once it takes chunks too, few (`sharing`), so that the last are not left waiting
 * in a thread while another is idle. Parse requests carry their digests' bytes: few (`parsing`).
 * A queued render request is small (which days); what it makes is held only while it is done.
 */
export const REQUESTS_QUEUED = { whileBusy: 8, sharing: 2, parsing: 2 } as const;

/** A request as posted to a thread, and its reply as posted back: matched by `id`. */
export interface RenderThreadEnvelope<T> {
  id: number;
  body: T;
}

/** One render thread: requests queue in it and are done one at a time, in the order sent. */
export class RenderThread {
  private readonly worker: Worker;
  private outlinesSent = false;
  private closing = false;
  /** Why the thread is gone, once it is. */
  private gone: string | undefined;
  private nextId = 0;
  /** Requests sent and not yet answered, by id. */
  private readonly pending = new Map<number, { resolve: (reply: Extract<RenderThreadReply, { ok: true }>) => void; reject: (error: Error) => void }>();

  constructor(data: RenderThreadData) {
    // Bundled (the CLI), the thread runs the bundled entry, with the same bundled dependencies;
    // compiled (the library), `build/render-thread.js` of the code folder; from the TypeScript
    // sources (tests, `tsx`), it registers tsx first so that it can load them too.
    const fromSources = import.meta.url.endsWith('.ts');
    const heapMb = renderThreadHeapMb();
    const resourceLimits = { maxOldGenerationSizeMb: heapMb };
    const entry = pathToFileURL(RUNS_BUNDLED ? join(CODE_DIR, 'render-thread.bundle.js') : join(CODE_DIR, 'build', fromSources ? 'render-thread.ts' : 'render-thread.js'));
    if (fromSources) {
      // tsx as this package has it (the thread's own working folder may be any project's).
      const tsx = import.meta.resolve('tsx/esm/api');
      this.worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: data, resourceLimits });
    } else this.worker = new Worker(entry, { workerData: data, resourceLimits });
    this.worker.on('message', ({ id, body }: RenderThreadEnvelope<RenderThreadReply>) => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (body.ok) waiting.resolve(body);
      else waiting.reject(new Error(`a render thread failed: ${body.message}`));
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      // Out of its heap: the build's own thread (without that limit) does its tasks instead.
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.gone ??= outOfMemory ? `ran out of its ${heapMb} MB heap` : `failed (${error.message})`;
      this.failAll(outOfMemory ? new RenderThreadUnavailable(`a render thread ran out of its ${heapMb} MB heap`) : error);
    });
    this.worker.on('exit', (code) => {
      this.gone ??= `stopped (exit code ${code})`;
      this.failAll(this.closing ? new Error('a render thread was stopped by the build') : new RenderThreadUnavailable(`a render thread stopped (exit code ${code})`));
    });
    // An answer that cannot be read cannot be matched to its request either: the thread is stopped and every request under way fails.
    this.worker.on('messageerror', (error: Error) => {
      this.gone ??= `answered what could not be read (${error.message})`;
      void this.worker.terminate();
      this.failAll(new Error(`a render thread's answer could not be read: ${error.message}`));
    });
  }

  /** Whether the thread takes requests: not gone, not being stopped. */
  get available(): boolean {
    return this.gone === undefined && !this.closing;
  }

  /** Parses digests in the thread into the parse cache folder (`parseBatch`). */
  async parse(files: Extract<RenderThreadRequest, { type: 'parse' }>['files']): Promise<ParsedElsewhere> {
    const reply = await this.request({ type: 'parse', files });
    if (reply.type !== 'parse') throw new Error('a render thread answered a parse request with another reply');
    return reply.batch;
  }

  /** Renders and writes a chunk of days in the thread (`outlines`: the history in outline, which it keeps from the first chunk on). */
  async render(chunk: DayChunk, outlines: DayOutline[]): Promise<DayChunkResult> {
    // Requests are done in the order sent: the first one sent carries the outlines.
    const request: RenderThreadRequest = { type: 'render', chunk, ...(this.outlinesSent ? {} : { outlines }) };
    this.outlinesSent = true;
    const reply = await this.request(request);
    if (reply.type !== 'render') throw new Error('a render thread answered a render request with another reply');
    return reply.result;
  }

  /** Stops the thread: a request under way then fails as stopped by the build (not handed back). */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
  }

  private request(body: RenderThreadRequest): Promise<Extract<RenderThreadReply, { ok: true }>> {
    return new Promise((resolve, reject) => {
      if (this.closing) {
        reject(new Error('a render thread was stopped by the build'));
        return;
      }
      if (this.gone !== undefined) {
        reject(new RenderThreadUnavailable(`a render thread ${this.gone}`));
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, body } satisfies RenderThreadEnvelope<RenderThreadRequest>);
      } catch (error) {
        this.pending.delete(id);
        reject(error as Error);
      }
    });
  }
}

/** Render threads started when first asked for, at most `limit`; `close` stops them all. */
export class RenderThreadPool {
  private readonly threads: RenderThread[] = [];

  constructor(
    /** At most this many threads (0: none; the build's thread does everything). */
    readonly limit: number,
    private readonly data: RenderThreadData,
  ) {}

  /** How many threads have been started. */
  get started(): number {
    return this.threads.length;
  }

  /** Thread `i` (0 ≤ i < limit), started if it was not. */
  thread(i: number): RenderThread {
    if (i < 0 || i >= this.limit) throw new Error(`render thread ${i} asked for; there are ${this.limit}`);
    while (this.threads.length <= i) this.threads.push(new RenderThread(this.data));
    return this.threads[i]!;
  }

  /** Stops the threads started. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
