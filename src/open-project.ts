/**
 * Opening a project: the one step `build`, `preview`, `send` and `run` share. A project is a
 * folder with its config; its digests and templates are read the first time a command asks
 * for them, and never twice in one command (`run` builds, then sends the same catalog with
 * the same email templates).
 */
import { join, resolve } from 'node:path';
import { ParseCache } from './build/parse-cache.js';
import { loadConfig } from './config/load-config.js';
import type { Config } from './config/schema.js';
import type { EmailTemplates } from './email/email-templates.js';
import { loadEmailTemplates } from './templates/load-email-templates.js';
import { codeIdentity } from './package-info.js';
import { buildCatalog, type Catalog } from './project/catalog.js';
import { type DigestSet, readDigests } from './read-digests.js';
import type { SiteTemplates } from './site/site-templates.js';
import { loadSiteTemplates } from './templates/load-site-templates.js';

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
  /** Why the parse cache on disk was not used (damaged, another format), when it was not. */
  cacheNote?: string;
}

/** Digest bytes already read (and hashed) by the caller, by absolute path. */
export type PreloadedDigests = ReadonlyMap<string, { bytes: Uint8Array; hash: string }>;

/** A project folder and its config; digests and templates are loaded on first use, once. */
export class Project {
  readonly dirs: ProjectDirs;
  private digestsLoading?: Promise<ProjectDigests>;
  private emailLoading?: Promise<EmailTemplates>;
  private siteLoading?: Promise<SiteTemplates>;

  constructor(
    root: string,
    readonly config: Config,
  ) {
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

  /** Whether the digests were read in this command already (so asking for them again costs nothing). */
  get digestsRead(): boolean {
    return this.digestsLoading !== undefined;
  }

  /**
   * The digests, read through the parse cache (only changed files are parsed), then the
   * cache saved. `preloaded` bytes are used instead of reading those files again; only the
   * first call reads.
   */
  digests(preloaded?: PreloadedDigests): Promise<ProjectDigests> {
    this.digestsLoading ??= this.readDigests(preloaded);
    return this.digestsLoading;
  }

  /** The email templates (MJML layout, text part, subject), loaded and compiled once. */
  emailTemplates(): Promise<EmailTemplates> {
    if (!this.emailLoading) {
      this.emailLoading = loadEmailTemplates(this.dirs.templates, this.config.email.subject, { cacheDir: this.dirs.cache, displayRoot: this.dirs.root });
      // Callers may start it early and await it later: an error is reported when awaited, not as unhandled.
      this.emailLoading.catch(() => undefined);
    }
    return this.emailLoading;
  }

  /** The site templates, loaded and compiled once. */
  siteTemplates(): Promise<SiteTemplates> {
    this.siteLoading ??= loadSiteTemplates(this.dirs.templates, this.dirs.root);
    return this.siteLoading;
  }

  private async readDigests(preloaded: PreloadedDigests | undefined): Promise<ProjectDigests> {
    const cache = await ParseCache.load(join(this.dirs.cache, 'parsed-digests.json'), codeIdentity());
    const set = await readDigests([this.dirs.digests], { displayRoot: this.dirs.root, cache, ...(preloaded ? { preloaded } : {}) });
    await cache.save();
    return { set, catalog: buildCatalog(set.days), parseCache: { hits: cache.hits, misses: cache.misses }, ...(cache.note !== undefined ? { cacheNote: cache.note } : {}) };
  }
}

/**
 * Opens the project in `root`: reads and checks its config (`digestcast.config.json`, or
 * `configPath`), with the environment's overrides. Throws `ConfigError` naming each bad key.
 */
export async function openProject(root: string, options: { configPath?: string | undefined; env?: Readonly<Record<string, string | undefined>> } = {}): Promise<Project> {
  const config = await loadConfig(root, { ...(options.configPath ? { path: options.configPath } : {}), ...(options.env ? { env: options.env } : {}) });
  return new Project(root, config);
}
