/**
 * When each subscriber was first seen by a send (`joined/<writer>.jsonl`, ids only), so that
 * a new subscriber gets the days from the one they joined on, not the backlog of a catch-up.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonLinesWriter, listStateDir, readJsonLines } from './state-files.js';

const JOIN_FORMAT = 'digestcast-joined';
const joinSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/), since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
type JoinRecord = z.infer<typeof joinSchema>;

/** The first day each recipient id is to get, from every writer's records. */
export class JoinDates {
  private readonly since = new Map<string, string>();
  private readonly writer: JsonLinesWriter<JoinRecord>;
  /** Whether any join date was recorded before this run (false on a state from before they existed). */
  readonly recordedBefore: boolean;

  constructor(stateDir: string, writerId: string) {
    const dir = join(stateDir, 'joined');
    for (const name of listStateDir(dir).filter((n) => n.endsWith('.jsonl'))) {
      for (const r of readJsonLines(join(dir, name), JOIN_FORMAT, joinSchema, `joined/${name}`)) {
        const known = this.since.get(r.id);
        if (!known || r.since < known) this.since.set(r.id, r.since);
      }
    }
    this.recordedBefore = this.since.size > 0;
    // Synced in batches: a lost line only means a new subscriber is seen again on the next run.
    this.writer = new JsonLinesWriter(join(dir, `${writerId}.jsonl`), JOIN_FORMAT, 1000);
  }

  /** The first day `id` gets; a recipient not seen before is recorded with `firstDay`. */
  sinceOf(id: string, firstDay: string, record: boolean): string {
    const known = this.since.get(id);
    if (known) return known;
    if (record) {
      this.since.set(id, firstDay);
      this.writer.append({ id, since: firstDay });
    }
    return firstDay;
  }

  close(): void {
    this.writer.close();
  }
}
