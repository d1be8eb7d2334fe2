import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** An arbitrary constant: the advisory lock that lets one replica migrate while the others wait. */
const MIGRATION_LOCK = 7_311_042;

/** Applies pending migrations; safe when several API replicas start at once. Returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), entities: [] });
  await dataSource.initialize();
  // Session-level lock: taken and released on one dedicated connection.
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.connect();
    await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockHolder.release();
    await dataSource.destroy();
  }
}
