/**
 * Saving the send state while sending (`--checkpoint`): the state is pushed once half a
 * checkpoint of ledger lines is unsaved or `intervalMs` has passed, in the background, and no
 * new message starts while a whole checkpoint (`every` lines) is unsaved. A runner that is lost
 * mid-send has therefore saved all but at most `every` recorded messages, plus those in flight:
 * that is what the next run can send a second time.
 */
import type { DeliveryCheckpoint } from './deliver.js';

export interface CheckpointSettings {
  /** Most recorded messages that may be unsaved. */
  every: number;
  /** Most time between saves while there is something to save. */
  intervalMs: number;
}

/** Counts ledger lines and saves the state through `save` as the settings ask. */
export class StateCheckpoint implements DeliveryCheckpoint {
  private recordedCount = 0;
  private savedCount = 0;
  private lastSaveAt = Date.now();
  private running: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly timer: NodeJS.Timeout;
  /** Saves made, for the report. */
  saves = 0;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly settings: CheckpointSettings,
  ) {
    this.timer = setInterval(() => this.maybeStart(), Math.min(settings.intervalMs, 5000));
    this.timer.unref();
  }

  recorded(): void {
    this.recordedCount++;
    this.maybeStart();
  }

  async beforeJob(): Promise<void> {
    this.maybeStart();
    while (!this.failure && this.recordedCount - this.savedCount >= this.settings.every) {
      if (!this.running) this.start();
      await this.running;
    }
    if (this.failure) throw new Error(`the send state could not be saved, so the run stops before more than ${this.settings.every} messages are unsaved: ${this.failure.message}`);
  }

  private maybeStart(): void {
    if (this.running || this.failure) return;
    const unsaved = this.recordedCount - this.savedCount;
    if (unsaved >= Math.max(1, Math.floor(this.settings.every / 2)) || (unsaved > 0 && Date.now() - this.lastSaveAt >= this.settings.intervalMs)) this.start();
  }

  private start(): void {
    const snapshot = this.recordedCount;
    this.running = this.save()
      .then(
        () => {
          this.savedCount = Math.max(this.savedCount, snapshot);
          this.lastSaveAt = Date.now();
          this.saves++;
        },
        (error: unknown) => {
          this.failure = error instanceof Error ? error : new Error(String(error));
        },
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a save in progress, then saves what is left. Throws when the last save fails. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    if (this.running) await this.running;
    this.failure = undefined;
    this.start();
    await this.running;
    if (this.failure) throw this.failure;
  }
}
