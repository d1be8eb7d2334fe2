import type { TestApp } from '../support/test-app';

/** Tables that legitimately change on rejected requests: the security log and failed-login counters. */
const VOLATILE_TABLES = new Set(['audit_events', 'login_throttle']);

export type Fingerprint = Record<string, string>;

/** Each app's last fingerprint, with the database snapshot read just before it was computed. */
const lastTaken = new WeakMap<TestApp, { snapshot: string; fingerprint: Fingerprint }>();

/**
 * A digest of every row of every other public table: any insert, update or delete changes it. Digesting every row
 * takes a while on the demo data, and most checks follow requests that wrote nothing, so the last digest is answered
 * again while the snapshot has not moved: a write is done by a transaction that has a transaction id, and such a
 * transaction ending (committed or rolled back) moves the snapshot's xmax or clears it from the in-progress list.
 */
export async function fingerprint(t: TestApp): Promise<Fingerprint> {
  const [{ snapshot }] = await t.sql<{ snapshot: string }>(`select pg_current_snapshot()::text as snapshot`);
  const last = lastTaken.get(t);
  if (last?.snapshot === snapshot) return last.fingerprint;
  const taken = await digest(t);
  lastTaken.set(t, { snapshot, fingerprint: taken });
  return taken;
}

async function digest(t: TestApp): Promise<Fingerprint> {
  const tables = (await t.sql<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by tablename`))
    .map((row) => row.tablename)
    .filter((name) => !VOLATILE_TABLES.has(name));
  const query = tables
    .map((name) => `select '${name}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`)
    .join(' union all ');
  const rows = await t.sql<{ name: string; rows: number; digest: string }>(query);
  const audit = await t.sql<{ count: number }>(
    `select count(*)::int as count from audit_events where not (category = 'security' and action like 'auth.%')`,
  );
  return {
    ...Object.fromEntries(rows.map((row) => [row.name, `${row.rows} rows, ${row.digest}`])),
    'audit_events (other than auth.*)': `${audit[0].count} rows`,
  };
}

/** The tables whose content differs, for a failure message; empty when nothing was written. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? '(absent)'} → ${after[name] ?? '(absent)'}`);
}
