import type { TestApp } from '../support/test-app';

/** Tables that legitimately change on rejected requests: the security log and failed-login counters. */
const VOLATILE_TABLES = new Set(['audit_events', 'login_throttle']);

export type Fingerprint = Record<string, string>;

/** A digest of every row of every other public table: any insert, update or delete changes it. */
export async function fingerprint(t: TestApp): Promise<Fingerprint> {
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
