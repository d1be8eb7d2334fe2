import { parse } from 'csv-parse/sync';
import { parseDay } from './dates';
import { InputError } from './input-error';

/** One purchase: who, when (day number, see `dates.ts`) and how much (in the data's currency unit). */
export interface Transaction {
  customerId: string;
  day: number;
  amount: number;
}

const COLUMNS = ['customer_id', 'date', 'amount'] as const;

/**
 * Reads the analysts' transactions CSV (header `customer_id,date,amount`; extra columns are ignored). Every problem
 * is an {@link InputError} naming the row as a spreadsheet shows it (the header is row 1) and the column.
 */
export function parseTransactionsCsv(text: string): Transaction[] {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    throw new InputError(`not a readable CSV file: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new InputError('the file is empty: expected the header customer_id,date,amount');
  const header = rows[0].map((name) => name.toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((column) => index[column] < 0);
  if (missing.length > 0) throw new InputError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header (expected customer_id,date,amount)`);

  return rows.slice(1).map((row, i) => {
    const line = i + 2;
    const customerId = row[index.customer_id] ?? '';
    const dateText = row[index.date] ?? '';
    const amountText = row[index.amount] ?? '';
    if (customerId === '') throw new InputError(`row ${line}: customer_id is empty`);
    const day = parseDay(dateText);
    if (day === null) throw new InputError(`row ${line}: date "${dateText}" is not a date (expected YYYY-MM-DD)`);
    const amount = Number(amountText);
    if (amountText === '' || !Number.isFinite(amount)) throw new InputError(`row ${line}: amount "${amountText}" is not a number`);
    if (amount < 0) throw new InputError(`row ${line}: amount ${amountText} is negative (returns are not purchases)`);
    return { customerId, day, amount };
  });
}
