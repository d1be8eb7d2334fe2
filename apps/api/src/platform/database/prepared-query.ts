import type { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a fixed statement as a named prepared statement on the pool behind TypeORM, so each connection plans it once
 * instead of on every call. For the per-request hot path only (the principal load): planning its subqueries cost
 * more than running them (0.72 → 0.32 ms per call measured). `name` must be unique per `text`. Behind a pooler,
 * it needs one that keeps prepared statements (PgBouncer ≥ 1.21 with max_prepared_statements, or session mode).
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  // TypeORM's query() has no way to name a statement; its PostgreSQL driver keeps the pg Pool as `master`.
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  return (await pool.query({ name, text, values })).rows as T[];
}
