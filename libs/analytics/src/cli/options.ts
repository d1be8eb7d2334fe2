import { readFileSync } from 'node:fs';
import { requireDay } from '../dates';
import { InputError } from '../input-error';
import { parseTransactionsCsv, type Transaction } from '../transactions';

/** The `--name value` options of one command, read with the checks every command shares. */
export class CommandOptions {
  constructor(private readonly values: Record<string, string | undefined>) {}

  string(name: string): string {
    const value = this.values[name];
    if (value === undefined || value === '') throw new InputError(`--${name} is required`);
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.values[name];
  }

  day(name: string): number {
    return requireDay(this.string(name), `--${name}`);
  }

  /** A number option, `fallback` when absent; `min` is inclusive. */
  number(name: string, fallback?: number, min = 0): number {
    const text = this.values[name];
    if (text === undefined) {
      if (fallback === undefined) throw new InputError(`--${name} is required`);
      return fallback;
    }
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min) throw new InputError(`--${name}: "${text}" is not a number ≥ ${min}`);
    return value;
  }

  file(name: string): string {
    const path = this.string(name);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new InputError(`--${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }

  transactions(name = 'transactions'): Transaction[] {
    const path = this.string(name);
    try {
      return parseTransactionsCsv(this.file(name));
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${path}: ${error.message}`);
      throw error;
    }
  }
}

/** One sub-command: the options it accepts (for the usage text and to refuse unknown ones) and what it prints. */
export interface Command {
  usage: string;
  options: string[];
  run(options: CommandOptions): unknown;
}
