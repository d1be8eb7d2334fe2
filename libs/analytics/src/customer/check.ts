import { InputError } from '../input-error';

/**
 * Checks of caller-supplied numbers (options and inputs), each failing with an {@link InputError} that names what
 * was wrong (`options.loyalMinVisits`, `revenue[3]`), so that the API can answer 400 with the field and the command
 * line can print it.
 */
export interface NumberRule {
  min?: number;
  max?: number;
  /** `min` is exclusive (e.g. a reference value must be > 0). */
  above?: number;
  integer?: boolean;
}

export function checkNumber(value: unknown, name: string, rule: NumberRule = {}): number {
  const problem = numberProblem(value, rule);
  if (problem !== null) throw new InputError(`${name}: ${problem}`);
  return value as number;
}

/** Every element of `values` passes {@link checkNumber}; the error names the element (`revenue[2]`). */
export function checkNumbers(values: ArrayLike<number>, name: string, rule: NumberRule = {}): void {
  // The element's name is built only for a failing element: the metrics job checks tens of millions of valid ones.
  for (let i = 0; i < values.length; i++) {
    const problem = numberProblem(values[i], rule);
    if (problem !== null) throw new InputError(`${name}[${i}]: ${problem}`);
  }
}

/** What is wrong with `value` under `rule`, or null. */
function numberProblem(value: unknown, rule: NumberRule): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${String(value)} is not a finite number`;
  if (rule.integer && !Number.isInteger(value)) return `${value} is not a whole number`;
  if (rule.min !== undefined && value < rule.min) return `${value} is below ${rule.min}`;
  if (rule.above !== undefined && value <= rule.above) return `${value} must be above ${rule.above}`;
  if (rule.max !== undefined && value > rule.max) return `${value} is above ${rule.max}`;
  return null;
}

/**
 * Merges caller options over the defaults, refusing unknown keys (a misspelt threshold would otherwise be silently
 * ignored) and checking each value with its rule.
 */
export function resolveOptions<T extends object>(defaults: T, rules: { [K in keyof T]: NumberRule }, given: Partial<T> | undefined, what: string): T {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in defaults)) throw new InputError(`${what}.${key}: unknown option (known: ${Object.keys(defaults).join(', ')})`);
    if (value === undefined) continue;
    checkNumber(value, `${what}.${key}`, rules[key as keyof T]);
    (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
