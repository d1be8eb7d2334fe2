import { Client } from 'pg';

/**
 * The pool's client class (data-source-options.ts): pg's Client whose promise form, `await client.query(text, values)`
 * — how TypeORM's query runner sends every statement — runs pg's callback form underneath.
 *
 * Why: with pg 8.23 on Node 20, a loop of 50-row selects through the promise form kept each statement's rows alive
 * through the next young-generation collection, which then promoted them (1.5 MB per scavenge, and old-generation
 * collections to clear them), against 17 KB per scavenge with the callback form on the same client, or through
 * `pool.query`. GC pauses over 3,200 statements: 230 ms against 55 ms (docs/permissions.md, "Benchmark").
 * Callers see no difference: same results, same errors (re-stacked at the caller, as pg does).
 */
export class CallbackQueryClient extends Client {
  // pg's overloads (text, config or submittable; with or without values and callback) are all passed on as they are.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const callbackForm = typeof callback === 'function' || typeof values === 'function' || typeof config?.submit === 'function';
    if (callbackForm) return super.query(config, values, callback);
    return new Promise((resolve, reject) => {
      super.query(config, values, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result)));
    }).catch((error: unknown) => {
      if (error instanceof Error) Error.captureStackTrace(error);
      throw error;
    });
  }
}
