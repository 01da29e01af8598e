/**
 * Opening a project: the one step `build`, `preview`, `send` and `run` share. A project is a
 * folder with its config; its digest history (every day in outline, days in full when asked
 * for) and templates are read the first time a command asks for them, and never twice in one
 * command (`run` builds, then sends from the same history with the same email templates). What
 * reads and renders them (remark, Handlebars, MJML) is imported on first use too, so a command
 * that finds nothing to do stays light.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadConfig } from './config/load-config.js';
import type { Config } from './config/schema.js';
import type { EmailTemplates } from './email/email-templates.js';
import { codeIdentity } from './package-info.js';
import type { Catalog } from './project/catalog.js';
import type { DigestHistory, HistoryOptions } from './build/digest-history.js';
import { sha256 } from './hash.js';
import { MIN_DIGESTS_FOR_THREADS } from './build/many-digests.js';
import { FileHashes } from './digest-hashes.js';
import { listDigestFiles, readDigestBytesSync, statDigestSync } from './digest-files.js';
import type { DigestSet } from './read-digests.js';
import type { Diagnostic } from './model.js';
import type { SiteTemplates } from './site/site-templates.js';

/** The folders of a project, absolute. */
export interface ProjectDirs {
  /** The project folder: config paths are relative to it, and diagnostics name files relative to it. */
  root: string;
  digests: string;
  out: string;
  /** `.digestcast/` by default: caches, the build manifest, the send state. */
  state: string;
  templates: string;
  /** Parse cache and compiled email templates. */
  cache: string;
}

/** The digests as read: every file's parse, the merged days, and the catalog built from them. */
export interface ProjectDigests {
  set: DigestSet;
  catalog: Catalog;
  /** How many digest files were parsed again and how many came from the parse cache. */
  parseCache: { hits: number; misses: number };
  /** Why a state file was not used (damaged, another format) or could not be saved: the digests' hashes, the parse cache; notes joined by `; `. */
  cacheNote?: string;
}

/** One digest file as found on disk. */
export interface DigestFileRef {
  /** Absolute path. */
  path: string;
  /** Path relative to the project: what diagnostics and records name. */
  name: string;
  /** SHA-256 of its bytes (recorded by an earlier command while its size, mtime and inode are the same); absent when it could not be read. */
  hash?: string;
}

/** The digest files as found on disk: their content hashes, and their bytes until they are parsed. */
export interface DigestFiles {
  /** `<path relative to the project>:<sha-256>` (or `:unreadable`) of every digest file, in listing order. */
  hashes: string[];
  /** Every digest file, in listing order. */
  files: DigestFileRef[];
  /** Why a digests path could not be listed. */
  listingDiagnostics: Diagnostic[];
  /**
   * The bytes and hash of each file read to be hashed, by absolute path (so what is parsed is what
   * was hashed); emptied once `digests()` or the history has parsed what it needs (later reads go
   * by the hash). A file whose recorded hash was reused (`digest-hashes.ts`) is not here: the
   * reader reads it when it must be parsed.
   */
  bytes: Map<string, { bytes: Uint8Array; hash: string }>;
  /** Why the recorded hashes were ignored or could not be saved. */
  notes: string[];
}

/** A project folder and its config; its digests and templates are loaded on first use, once. */
export class Project {
  readonly dirs: ProjectDirs;
  private filesLoading?: Promise<DigestFiles> | undefined;
  private digestsLoading?: Promise<ProjectDigests> | undefined;
  private historyLoading?: Promise<DigestHistory> | undefined;
  private emailLoading?: Promise<EmailTemplates> | undefined;
  private siteLoading?: Promise<SiteTemplates> | undefined;

  /** Called once a command turns out to have much to do (`largeWork`). */
  private onLargeWork: (() => void) | undefined;

  constructor(
    root: string,
    readonly config: Config,
    options: { onLargeWork?: (() => void) | undefined } = {},
  ) {
    this.onLargeWork = options.onLargeWork;
    const state = resolve(root, config.stateDir);
    this.dirs = {
      root,
      digests: resolve(root, config.digestsDir),
      out: resolve(root, config.outDir),
      state,
      templates: resolve(root, config.templatesDir),
      cache: join(state, 'cache'),
    };
  }

  /**
   * Says, once, that this command turned out to have much to do (many digests to parse, many days
   * to render): the program limits V8's heap growth then (`cli/heap-growth.ts`).
   */
  largeWork(): void {
    const onLargeWork = this.onLargeWork;
    this.onLargeWork = undefined;
    onLargeWork?.();
  }

  /** Where parse results are kept between commands (`build/parse-cache.ts`). */
  get parseCacheDir(): string {
    return join(this.dirs.cache, 'parsed');
  }

  /** Whether a command has asked for the digests already (their reading may still be under way). */
  get digestsRequested(): boolean {
    return this.digestsLoading !== undefined;
  }

  /**
   * The digest files' content hashes (all an up-to-date build needs), read once. A file whose
   * size, mtime and inode are as recorded keeps its recorded hash unread (`digest-hashes.ts`);
   * the others are read, and `digests()` parses those very bytes.
   */
  digestFiles(): Promise<DigestFiles> {
    this.filesLoading ??= forgetOnFailure(this.readDigestFiles(), () => (this.filesLoading = undefined));
    return this.filesLoading;
  }

  /**
   * The digests, parsed from `digestFiles()`'s bytes through the parse cache (only changed files
   * are parsed; the cache's folder is written only when that changed it). Read once per project;
   * a failed read is not remembered, so asking again tries again.
   */
  digests(): Promise<ProjectDigests> {
    this.digestsLoading ??= forgetOnFailure(this.readDigests(), () => (this.digestsLoading = undefined));
    return this.digestsLoading;
  }

  /**
   * The digest history in outline (`build/digest-history.ts`): every day's statuses and counts,
   * each paper's first day, and the days themselves loaded in full only when asked for. Read once
   * per project: `run` builds, then sends from the same history (the days the build loaded stay
   * loaded); `options` count only on the first call (the build's).
   */
  history(options?: HistoryOptions): Promise<DigestHistory> {
    this.historyLoading ??= forgetOnFailure(
      import('./build/digest-history.js').then(({ openHistory }) => openHistory(this, options)),
      () => (this.historyLoading = undefined),
    );
    return this.historyLoading;
  }

  /**
   * A catalog holding in full the newest `recentWithPapers` days that have papers (and the newest
   * day), plus `dates`, with the whole history in outline: what sending needs, without reading
   * every day. New parse results are saved for the next command.
   */
  async catalog(wanted: { recentWithPapers?: number; dates?: readonly string[] }): Promise<Catalog> {
    const [history, { buildCatalog }] = await Promise.all([this.history(), import('./project/catalog.js')]);
    const withPapers = history.outlines.filter((d) => d.sources.some((s) => s.count > 0)).slice(0, wanted.recentWithPapers ?? 0);
    const dates = new Set([...(history.outlines[0] ? [history.outlines[0].date] : []), ...withPapers.map((d) => d.date), ...(wanted.dates ?? [])]);
    const catalog = buildCatalog(await history.loadDays(dates), { outlines: history.outlines, firstDay: history.firstDay });
    if (history.changed) await history.save();
    return catalog;
  }

  /** The email templates (MJML layout, text part, subject), loaded and compiled once. */
  emailTemplates(): Promise<EmailTemplates> {
    this.emailLoading ??= forgetOnFailure(
      import('./templates/load-email-templates.js').then(({ loadEmailTemplates }) =>
        loadEmailTemplates(this.dirs.templates, this.config.email.subject, { cacheDir: this.dirs.cache, displayRoot: this.dirs.root }),
      ),
      () => (this.emailLoading = undefined),
    );
    return this.emailLoading;
  }

  /** The site templates, loaded and compiled once. */
  siteTemplates(): Promise<SiteTemplates> {
    this.siteLoading ??= forgetOnFailure(
      import('./templates/load-site-templates.js').then(({ loadSiteTemplates }) => loadSiteTemplates(this.dirs.templates, this.dirs.root, { cacheDir: this.dirs.cache })),
      () => (this.siteLoading = undefined),
    );
    return this.siteLoading;
  }

  /** Where digest files' content hashes are kept between commands (`digest-hashes.ts`). */
  get fileHashesPath(): string {
    return join(this.dirs.cache, 'file-hashes.json');
  }

  private async readDigestFiles(): Promise<DigestFiles> {
    const listed = await listDigestFiles([this.dirs.digests]);
    const known = FileHashes.load(this.fileHashesPath);
    const notes = known.note === undefined ? [] : [known.note];
    const bytes = new Map<string, { bytes: Uint8Array; hash: string }>();
    // The digests folder's display name, taken once (`relative` for each of a history's thousands of files costs milliseconds).
    const digestsFolder = relative(this.dirs.root, this.dirs.digests);
    const nameOf = (path: string) => (dirname(path) === this.dirs.digests ? join(digestsFolder, basename(path)) : this.displayName(path));
    const files = listed.files.map((path): DigestFileRef => {
      const name = nameOf(path);
      // A file whose hash is reused is not read now: the reader reads it if it must be parsed.
      const info = statDigestSync(path, name);
      if ('rule' in info) return { path, name };
      const reused = known.hashOf(name, info);
      if (reused !== undefined) return { path, name, hash: reused };
      const read = readDigestBytesSync(path);
      if (!(read instanceof Uint8Array)) return { path, name };
      const hash = sha256(read);
      known.record(name, info, hash);
      bytes.set(path, { bytes: read, hash });
      return { path, name, hash };
    });
    try {
      known.save();
    } catch (error) {
      notes.push(`digest file hashes not saved (${(error as Error).message}); the next command hashes every digest again`);
    }
    const hashes = files.map((f) => `${f.name}:${f.hash ?? 'unreadable'}`);
    const listingDiagnostics = listed.diagnostics.map((d) => ({ ...d, file: this.displayName(d.file) }));
    return { hashes, files, listingDiagnostics, bytes, notes };
  }

  /** A path as records and diagnostics name it: relative to the project folder. */
  displayName(path: string): string {
    return relative(this.dirs.root, path) || path;
  }

  private async readDigests(): Promise<ProjectDigests> {
    // The reader (remark and all) is loaded only here: an up-to-date build never needs it.
    const [files, { ParseCache }, { readDigestList }, { buildCatalog }] = await Promise.all([
      this.digestFiles(),
      import('./build/parse-cache.js'),
      import('./read-digests.js'),
      import('./project/catalog.js'),
    ]);
    const cache = await ParseCache.load(this.parseCacheDir, codeIdentity());
    // Every digest of the history is read, and held.
    if (files.files.length >= MIN_DIGESTS_FOR_THREADS) this.largeWork();
    // The files the hashes were taken of, from the bytes read then: what a build fingerprinted is what is sent.
    const set = await readDigestList(files.files, files.listingDiagnostics, { cache, preloaded: files.bytes });
    files.bytes.clear();
    // The cache only saves time: a command whose cache cannot be written goes on, and says so (its note, taken once it is saved).
    if (cache.changed) await cache.save();
    const cacheNote = [...files.notes, ...(cache.note !== undefined ? [cache.note] : [])].join('; ') || undefined;
    return { set, catalog: buildCatalog(set.days), parseCache: { hits: cache.hits, misses: cache.misses }, ...(cacheNote !== undefined ? { cacheNote } : {}) };
  }
}

/**
 * `loading`, with `forget()` called if it fails: a memo that keeps successes only. The failure
 * counts as handled here, so a caller may start a load early and await it later: the error
 * reaches it when it awaits, never as an unhandled rejection.
 */
function forgetOnFailure<T>(loading: Promise<T>, forget: () => void): Promise<T> {
  loading.catch(forget);
  return loading;
}

/**
 * Opens the project in `root`: reads and checks its config (`digestcast.config.json`, or
 * `configPath`), with the environment's overrides. Throws `ConfigError` naming each bad key.
 * `onLargeWork` is called once if a command on it turns out to have much to do (`Project.largeWork`).
 */
export async function openProject(root: string, options: { configPath?: string | undefined; env?: Readonly<Record<string, string | undefined>>; onLargeWork?: (() => void) | undefined } = {}): Promise<Project> {
  const config = await loadConfig(root, { ...(options.configPath ? { path: options.configPath } : {}), ...(options.env ? { env: options.env } : {}) });
  return new Project(root, config, { onLargeWork: options.onLargeWork });
}
