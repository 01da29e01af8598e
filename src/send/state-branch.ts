/**
 * The send state on a git branch (`digestcast-state` on `origin` by default), shared by every
 * runner: `pullState` merges the branch into the state folder, `pushState` merges the state
 * folder into the branch and pushes, retrying with jitter when another writer pushed first.
 *
 * Both merge by union of lines (see state-files.ts): ledgers, bounce logs and join records are
 * files of one writer each, and the suppression list only grows, so no merge can lose a line,
 * whichever writer pushes last or holds an older copy. Commits are made with git's plumbing
 * in a temporary index: the work tree, HEAD and the branch checked out are never touched.
 * Plain addresses in a private suppression list are never pushed (the branch may be public).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomicSync } from '../write-file-atomic.js';
import { redact } from './redact.js';
import { completeLines, listStateDir, localStatePath, readStateText, StateError, unionLines } from './state-files.js';
import { liveSendLock } from './send-lock.js';
import { LEGACY_BOUNCES_FILE, parseSuppressionLine, SUPPRESSIONS_FILE } from './suppression-list.js';

const run = promisify(execFile);

/** Longest a single git command may take before it is killed (a hung network must not hang a send). */
const GIT_TIMEOUT_MS = 60_000;
/** git over HTTPS gives up on a transfer slower than 1 kB/s for 30 s. */
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_HTTP_LOW_SPEED_LIMIT: '1000', GIT_HTTP_LOW_SPEED_TIME: '30' };

/** Where the state branch is. */
export interface StateBranchOptions {
  /** A folder inside the git repository (the project). */
  repoDir: string;
  /** The state folder (`.digestcast`). */
  stateDir: string;
  remote?: string;
  branch?: string;
  /** Most push attempts before giving up (each after a fresh fetch and merge). */
  attempts?: number;
}

/** What a pull or push did. */
export interface StateSyncResult {
  /** The branch existed on the remote (before a push: before this push). */
  branchExisted: boolean;
  /** Files written locally (pull) or changed on the branch (push). */
  files: number;
  /** Push attempts made (push only). */
  attempts: number;
  /** Lines with an address in them that were kept off the branch (push only). */
  addressesKeptPrivate: number;
  /** Damaged lines that were kept off the branch (push only): fix them locally. */
  damagedKeptOff?: number;
}

const STATE_DIRS = ['ledger', 'bounces', 'joined'];
const MANIFEST = 'state-sync.json';
const BRANCH_README = '# digestcast send state\n\nWritten by `digestcast state push`: who got which day (ledger/), bounces, join dates and the suppression list.\nRecipient ids are HMACs of the addresses keyed by UNSUBSCRIBE_SECRET; no address is ever stored here.\nFiles are append-only sets of lines, one file per writer, merged by union.\n';

/** Whether a branch path is part of the send state. */
function isStatePath(path: string): boolean {
  if (path === SUPPRESSIONS_FILE || path === LEGACY_BOUNCES_FILE) return true;
  const [dir, name, ...rest] = path.split('/');
  return rest.length === 0 && name !== undefined && STATE_DIRS.includes(dir!) && name.endsWith('.jsonl');
}

/** The state files in the local folder, as branch paths. */
function localStateFiles(stateDir: string): string[] {
  const files: string[] = [];
  if (listStateDir(stateDir).includes(SUPPRESSIONS_FILE)) files.push(SUPPRESSIONS_FILE);
  for (const dir of STATE_DIRS) for (const name of listStateDir(join(stateDir, dir))) if (name.endsWith('.jsonl')) files.push(`${dir}/${name}`);
  return files;
}

interface ManifestEntry {
  size: number;
  mtimeMs: number;
  blob?: string;
}

/** What the last pull or push to one remote branch saw of each file, so unchanged files are not read again. */
class SyncManifest {
  private all: Record<string, Record<string, ManifestEntry>> = {};
  private entries: Record<string, ManifestEntry>;
  private readonly path: string;

  constructor(
    private readonly stateDir: string,
    target: string,
  ) {
    this.path = join(stateDir, MANIFEST);
    const text = readStateText(this.path, MANIFEST);
    if (text) {
      try {
        this.all = JSON.parse(text) as Record<string, Record<string, ManifestEntry>>;
      } catch {
        this.all = {}; // only an optimisation: rebuilt from the files
      }
    }
    this.entries = this.all[target] ??= {};
  }

  stat(path: string): { size: number; mtimeMs: number } | undefined {
    try {
      const s = statSync(localStatePath(this.stateDir, path));
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  /** Whether the local file is as it was when last synced (and, given a blob, the branch too). */
  unchanged(path: string, blob?: string): boolean {
    const e = this.entries[path];
    const s = this.stat(path);
    return e !== undefined && s !== undefined && e.size === s.size && e.mtimeMs === s.mtimeMs && (blob === undefined || e.blob === blob);
  }

  /** Records a file as synced, as it was when `seen` was taken (before it was read). */
  record(path: string, seen = this.stat(path), blob?: string): void {
    if (seen) this.entries[path] = { ...seen, ...(blob ? { blob } : {}) };
  }

  forget(path: string): void {
    delete this.entries[path];
  }

  save(): void {
    writeFileAtomicSync(this.path, JSON.stringify(this.all));
  }
}

/** Runs git in the repository; errors carry git's own message, with credentials removed. */
async function git(repoDir: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<string> {
  if (options.input !== undefined) return gitWithInput(repoDir, args, options.input, options.env);
  try {
    const { stdout } = await run('git', args, { cwd: repoDir, env: { ...(options.env ?? process.env), ...GIT_ENV }, maxBuffer: 1 << 30, encoding: 'utf8', timeout: GIT_TIMEOUT_MS });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string; killed?: boolean };
    if (e.killed) throw new StateError(`git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} s and was stopped: is the remote reachable?`);
    throw new StateError(`git ${args[0]} failed: ${redact((e.stderr || e.message).trim()).slice(0, 500)}`);
  }
}

function gitWithInput(repoDir: string, args: string[], input: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: repoDir, env: { ...(env ?? process.env), ...GIT_ENV }, timeout: GIT_TIMEOUT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new StateError(`git ${args[0]} failed: ${redact(Buffer.concat(err).toString('utf8').trim()).slice(0, 500)}`));
    });
    child.stdin.end(input);
  });
}

/** Whether each repository is a shallow clone (asked once: a checkpoint fetches many times). */
const shallowRepos = new Map<string, Promise<boolean>>();

/** Fetches the branch into a private ref; returns its commit, or undefined when the branch does not exist yet. */
async function fetchBranch(repoDir: string, remote: string, branch: string, privateRef: string): Promise<string | undefined> {
  if (!shallowRepos.has(repoDir)) shallowRepos.set(repoDir, git(repoDir, ['rev-parse', '--is-shallow-repository']).then((out) => out.trim() === 'true'));
  const shallow = await shallowRepos.get(repoDir)!;
  try {
    await git(repoDir, ['fetch', '--quiet', '--no-tags', ...(shallow ? ['--depth=1'] : []), remote, `+refs/heads/${branch}:${privateRef}`]);
  } catch (error) {
    if (/couldn't find remote ref|could not find remote ref/i.test((error as Error).message)) return undefined;
    throw error;
  }
  return (await git(repoDir, ['rev-parse', privateRef])).trim();
}

/** Blob ids of the state files in a commit. */
async function branchFiles(repoDir: string, commit: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const line of (await git(repoDir, ['ls-tree', '-r', commit])).split('\n')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
    if (m && isStatePath(m[2]!)) files.set(m[2]!, m[1]!);
  }
  return files;
}

/** The contents of several blobs, read through one `git cat-file --batch`. */
async function readBlobs(repoDir: string, blobs: string[]): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  if (blobs.length === 0) return contents;
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repoDir, timeout: GIT_TIMEOUT_MS });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new StateError('git cat-file failed'))));
    child.stdin.end(`${blobs.join('\n')}\n`);
  });
  let at = 0;
  for (const blob of blobs) {
    const eol = raw.indexOf(10, at);
    const [, , size] = raw.subarray(at, eol).toString('utf8').split(' ');
    const start = eol + 1;
    const end = start + Number(size);
    contents.set(blob, raw.subarray(start, end).toString('utf8'));
    at = end + 1;
  }
  return contents;
}

/** A private ref name for one fetch, so concurrent syncs in one repository do not share FETCH_HEAD. */
function privateRefName(): string {
  return `refs/digestcast/sync-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Merges the state branch into the state folder. Local lines are never dropped. */
export async function pullState(options: StateBranchOptions): Promise<StateSyncResult> {
  const { repoDir, stateDir, remote = 'origin', branch = 'digestcast-state' } = options;
  // A send appends to its files while it runs; replacing them under it would lose its lines.
  const holder = liveSendLock(stateDir);
  if (holder) throw new StateError(`a send is running in ${stateDir} (${holder}): pull the state before sending or after it, not during it`);
  const ref = privateRefName();
  try {
    const tip = await fetchBranch(repoDir, remote, branch, ref);
    if (!tip) return { branchExisted: false, files: 0, attempts: 0, addressesKeptPrivate: 0 };
    const manifest = new SyncManifest(stateDir, `${remote} ${branch}`);
    const remoteFiles = await branchFiles(repoDir, tip);
    const todo = [...remoteFiles].filter(([path, blob]) => !manifest.unchanged(path, blob));
    const blobs = await readBlobs(repoDir, todo.map(([, blob]) => blob));
    let files = 0;
    for (const [path, blob] of todo) {
      const remoteText = blobs.get(blob) ?? '';
      const localPath = localStatePath(stateDir, path);
      const local = readStateText(localPath, path);
      const merged = path === LEGACY_BOUNCES_FILE ? (local ?? remoteText) : unionLines(local ?? '', remoteText);
      if (merged !== local) {
        writeFileAtomicSync(localPath, merged);
        files++;
      }
      // In sync only when the branch holds every local line; otherwise the next push must look at it.
      if (merged === remoteText) manifest.record(path, undefined, blob);
      else manifest.forget(path);
    }
    manifest.save();
    return { branchExisted: true, files, attempts: 0, addressesKeptPrivate: 0 };
  } finally {
    await git(repoDir, ['update-ref', '-d', ref]).catch(() => undefined);
  }
}

/**
 * What of a local file goes on the branch: complete lines, no line with an address in it (an
 * owner's private suppression entries, a comment naming someone: the branch may be public), and
 * no damaged line (it would stop every runner that pulls it). Dropped lines are counted.
 */
function publishable(path: string, text: string): { text: string; addresses: number; damaged: number } {
  const lines = completeLines(text);
  const wellFormed = (l: string) => {
    if (!l.trim()) return false;
    if (path === SUPPRESSIONS_FILE) return parseSuppressionLine(l) !== undefined;
    try {
      return typeof JSON.parse(l) === 'object';
    } catch {
      return false;
    }
  };
  const noAddress = lines.filter((l) => !l.includes('@'));
  const kept = noAddress.filter(wellFormed);
  return { text: kept.length ? `${kept.join('\n')}\n` : '', addresses: lines.length - noAddress.length, damaged: noAddress.length - kept.length };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Merges the state folder into the state branch and pushes it. When another writer pushed in
 * between, fetches again and merges again, with a jittered backoff, up to `attempts` times.
 */
export async function pushState(options: StateBranchOptions): Promise<StateSyncResult> {
  const { repoDir, stateDir, remote = 'origin', branch = 'digestcast-state', attempts = 20 } = options;
  const manifest = new SyncManifest(stateDir, `${remote} ${branch}`);
  const files = localStateFiles(stateDir);
  const local = new Map<string, { text: string; addresses: number; damaged: number; seen: ReturnType<SyncManifest['stat']> }>();
  const readLocal = (path: string) => {
    const seen = manifest.stat(path);
    local.set(path, { ...publishable(path, readStateText(localStatePath(stateDir, path), path) ?? ''), seen });
  };
  for (const path of files) if (!manifest.unchanged(path)) readLocal(path);

  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'digestcast[bot]',
    GIT_AUTHOR_EMAIL: 'digestcast-bot@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'digestcast[bot]',
    GIT_COMMITTER_EMAIL: 'digestcast-bot@users.noreply.github.com',
  };
  const addressesKept = () => [...local.values()].reduce((n, f) => n + f.addresses, 0);
  const damagedKeptOff = () => [...local.values()].reduce((n, f) => n + f.damaged, 0);
  let branchExisted = false;
  for (let attempt = 1; ; attempt++) {
    const ref = privateRefName();
    const index = join(tmpdir(), `digestcast-index-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const tip = await fetchBranch(repoDir, remote, branch, ref);
      if (attempt === 1) branchExisted = tip !== undefined;
      const remoteFiles = tip ? await branchFiles(repoDir, tip) : new Map<string, string>();
      // A file synced before but missing from the branch (re-created or reset): pushed again.
      for (const path of files) if (!local.has(path) && !remoteFiles.has(path)) readLocal(path);
      const remoteTexts = await readBlobs(repoDir, [...local.keys()].map((p) => remoteFiles.get(p)).filter((b): b is string => b !== undefined));
      const changed: [string, string][] = [];
      for (const [path, mine] of local) {
        const blob = remoteFiles.get(path);
        const theirs = blob ? (remoteTexts.get(blob) ?? '') : undefined;
        const merged = theirs === undefined ? mine.text : unionLines(theirs, mine.text);
        if (merged !== theirs && merged !== '') changed.push([path, merged]);
      }
      if (changed.length === 0) {
        for (const [path, mine] of local) manifest.record(path, mine.seen);
        manifest.save();
        return { branchExisted, files: 0, attempts: attempt, addressesKeptPrivate: addressesKept(), damagedKeptOff: damagedKeptOff() };
      }
      const indexEnv = { ...env, GIT_INDEX_FILE: index };
      await git(repoDir, tip ? ['read-tree', tip] : ['read-tree', '--empty'], { env: indexEnv });
      const updates = tip ? changed : [...changed, ['README.md', BRANCH_README] as [string, string]];
      for (const [path, text] of updates) {
        const blob = (await git(repoDir, ['hash-object', '-w', '--stdin'], { input: text })).trim();
        await git(repoDir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env: indexEnv });
      }
      const tree = (await git(repoDir, ['write-tree'], { env: indexEnv })).trim();
      const message = `send state: ${changed.length} file${changed.length === 1 ? '' : 's'} (${new Date().toISOString().slice(0, 16)}Z)`;
      const commit = (await git(repoDir, ['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', message], { env })).trim();
      try {
        await git(repoDir, ['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
      } catch (error) {
        const text = (error as Error).message;
        // Another writer pushed first (non-fast-forward, a ref lock taken) and any other passing fault are
        // retried on the new tip; a refusal that no retry changes is not.
        const refused = /hook declined|protected branch|Permission to .* denied|\b403\b|Authentication failed|could not read Username|Repository not found/i.test(text);
        const raced = !refused;
        if (!raced || attempt >= attempts) {
          throw new StateError(
            `could not push the send state to ${remote} ${branch} (attempt ${attempt} of ${attempts}): ${text}. ${refused ? 'The remote refused it: the Action needs "contents: write", and the branch must not be protected.' : 'Run `digestcast state push` again; nothing is lost locally.'}`,
          );
        }
        await sleep(Math.min(8000, 150 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
        continue;
      }
      for (const [path, mine] of local) manifest.record(path, mine.seen);
      manifest.save();
      return { branchExisted, files: changed.length, attempts: attempt, addressesKeptPrivate: addressesKept(), damagedKeptOff: damagedKeptOff() };
    } finally {
      rmSync(index, { force: true });
      await git(repoDir, ['update-ref', '-d', ref]).catch(() => undefined);
    }
  }
}
