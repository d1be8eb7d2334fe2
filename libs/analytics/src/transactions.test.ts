import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './dates';
import { InputError } from './input-error';
import { parseTransactionsCsv } from './transactions';

describe('parseTransactionsCsv', () => {
  it('reads rows in any column order, ignoring extra columns', () => {
    const rows = parseTransactionsCsv('date,amount,customer_id,note\n1997-01-01,29.33,4,x\n1997-01-18,0,4,\n');
    expect(rows).toEqual([
      { customerId: '4', day: parseDay('1997-01-01'), amount: 29.33 },
      { customerId: '4', day: parseDay('1997-01-18'), amount: 0 },
    ]);
  });

  it.each([
    ['customer_id,date\n1,1997-01-01\n', /missing column amount/],
    ['', /empty/],
    ['customer_id,date,amount\n1,1997-02-30,5\n', /row 2: date "1997-02-30" is not a date/],
    ['customer_id,date,amount\n1,1997-02-03,5\n2,19970203,5\n', /row 3: date "19970203"/],
    ['customer_id,date,amount\n1,1997-02-03,-5\n', /row 2: amount -5 is negative/],
    ['customer_id,date,amount\n1,1997-02-03,abc\n', /row 2: amount "abc" is not a number/],
    ['customer_id,date,amount\n,1997-02-03,1\n', /row 2: customer_id is empty/],
  ])('refuses %j naming the problem', (text, message) => {
    expect(() => parseTransactionsCsv(text)).toThrow(InputError);
    expect(() => parseTransactionsCsv(text)).toThrow(message);
  });
});

describe('day numbers', () => {
  it('round-trip through ISO dates and refuse impossible ones', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(formatDay(parseDay('2024-02-29')!)).toBe('2024-02-29');
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2023-2-9')).toBeNull();
  });
});
