import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './dates';
import { Random } from './testing/random';

/** The reading parseDay had before it was made allocation-free: a regular expression and a Date read back. */
function parseDayWithDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / 86_400_000;
}

describe('parseDay', () => {
  it('reads real dates as days since 1970-01-01 and round-trips with formatDay', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(parseDay('1969-12-31')).toBe(-1);
    expect(parseDay('2000-02-29')).toBe(11_016);
    expect(parseDay('2026-12-03')).toBe(20_790);
    for (let day = -40_000; day <= 60_000; day += 37) expect(parseDay(formatDay(day))).toBe(day);
  });

  it('refuses what is not a real calendar date', () => {
    for (const text of ['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00', '2026-1-01', '2026-01-01 ', '２０２６-01-01', 'abcd-ef-gh', '0099-01-01', '', '20260101', '2026/01/01']) {
      expect(parseDay(text)).toBeNull();
    }
  });

  it('answers what the Date-based reading answered, on random texts near the date format', () => {
    const random = new Random(20261203);
    const pick = (digits: number, max: number) => String(Math.floor(random.uniform() * max)).padStart(digits, '0');
    for (let i = 0; i < 20_000; i++) {
      const text = `${pick(4, 10_000)}-${pick(2, 14)}-${pick(2, 33)}`;
      expect(parseDay(text), text).toBe(parseDayWithDate(text));
    }
  });
});
