/**
 * One run's hold on the send state: the lock, this writer's id (its own ledger, bounce and join
 * files), the per-run message budget and deadline, and the checkpoint that pushes the state
 * while sending. `digestcast run` opens one for all its catch-up days; `send` for its one day.
 */
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { SendBudget } from './deliver.js';
import { JoinDates } from './join-dates.js';
import { acquireSendLock, type SendLock } from './send-lock.js';
import { pushState } from './state-branch.js';
import { StateCheckpoint } from './state-checkpoint.js';
import { newWriterId } from './state-files.js';
import { BounceHistory } from './suppression-list.js';

/** How the ledger names a shard's completed send: `all`, or `k/n` for a shard of a split list. */
export function shardLabelOf(shard: { index: number; count: number } | undefined): string {
  return shard && shard.count > 1 ? `${shard.index}/${shard.count}` : 'all';
}

/** Where `--checkpoint` pushes the state. */
export interface CheckpointTarget {
  remote?: string;
  branch?: string;
}

export interface SendSessionOptions {
  projectDir: string;
  config: Config;
  shard?: { index: number; count: number };
  dryRun: boolean;
  /** Push the state to this branch while sending (and at the end). */
  checkpoint?: CheckpointTarget;
  /** Lines for stderr. */
  warn: (line: string) => void;
}

/** A run's send state; `close` it (in a finally) to save and unlock. */
export class SendSession {
  readonly writerId = newWriterId();
  readonly stateDir: string;
  readonly shardLabel: string;
  readonly budget: SendBudget;
  /** When sending stops (ms since the epoch). */
  readonly deadline: number;
  readonly joins: JoinDates;
  readonly bounces: BounceHistory;
  readonly checkpoint: StateCheckpoint | undefined;
  private readonly lock: SendLock | undefined;

  constructor(options: SendSessionOptions) {
    const { config } = options;
    this.stateDir = resolve(options.projectDir, config.stateDir);
    this.shardLabel = shardLabelOf(options.shard);
    this.budget = { remaining: config.send.maxPerRun };
    this.deadline = Date.now() + config.send.runDeadlineSeconds * 1000;
    if (!options.dryRun) {
      this.lock = acquireSendLock(this.stateDir, this.shardLabel, this.writerId);
      for (const line of this.lock.tookOver) options.warn(line);
    }
    try {
      this.joins = new JoinDates(this.stateDir, this.writerId);
      this.bounces = new BounceHistory(this.stateDir, this.writerId);
    } catch (error) {
      this.lock?.release();
      throw error;
    }
    if (options.checkpoint && !options.dryRun) {
      const target = { repoDir: options.projectDir, stateDir: this.stateDir, ...options.checkpoint };
      this.checkpoint = new StateCheckpoint(
        () => pushState(target).then(() => undefined),
        { every: config.send.checkpointEvery, intervalMs: config.send.checkpointSeconds * 1000 },
      );
    }
  }

  /** Closes this writer's files, pushes the state (with a checkpoint) and releases the lock. Returns why the last save failed, if it did. */
  async close(): Promise<string | undefined> {
    this.joins.close();
    this.bounces.close();
    try {
      await this.checkpoint?.finish();
      return undefined;
    } catch (error) {
      return `the send state could not be pushed: ${(error as Error).message}. Run \`digestcast state push\` before the next send.`;
    } finally {
      this.lock?.release();
    }
  }
}
