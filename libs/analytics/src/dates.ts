import { InputError } from './input-error';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC) of an ISO date `YYYY-MM-DD`; `null` when the text is not a real calendar date. */
export function parseDay(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2024-02-30 over to March: a real date reads back the same.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / MS_PER_DAY;
}

/** Like {@link parseDay}, but a bad date is an {@link InputError} naming what it is (e.g. `--calibration-end`). */
export function requireDay(text: string, what: string): number {
  const day = parseDay(text);
  if (day === null) throw new InputError(`${what}: "${text}" is not a date (expected YYYY-MM-DD)`);
  return day;
}

/** The ISO date `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
