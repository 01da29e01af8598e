/**
 * The `--date` option the commands that work on one day take (`fetch`, `preview`, `run`, `send`).
 */
import { isIsoDate } from '../parse/digest-heading.js';
import { UsageError } from './io.js';

/** A `--date` option's value: undefined when not given; a usage mistake unless it is `YYYY-MM-DD`. */
export function dateOption(value: string | undefined): string | undefined {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--date must be YYYY-MM-DD, not "${value}"`);
  return value;
}
