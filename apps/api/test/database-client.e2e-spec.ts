import { DataSource, QueryFailedError } from 'typeorm';
import { CallbackQueryClient } from '../src/platform/database/callback-query-client';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { createTestDatabase } from './support/test-database';

// The pool's client class (callback-query-client.ts) must answer every form of pg's query exactly as pg's own Client.
describe('the database client behind TypeORM', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('is what the pool connects with', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      expect(await runner.connect()).toBeInstanceOf(CallbackQueryClient);
    } finally {
      await runner.release();
    }
  });

  it('answers TypeORM statements, transactions and errors as before', async () => {
    expect(await dataSource.query(`select $1::int as n, 'a' || $2 as s`, [41, 'b'])).toEqual([{ n: 41, s: 'ab' }]);
    await expect(dataSource.query(`select 1 / 0`)).rejects.toMatchObject({ constructor: QueryFailedError, driverError: { code: '22012' } });
    const counted = await dataSource.transaction(async (manager) => {
      await manager.query(`create temporary table t (n int) on commit drop`);
      await manager.query(`insert into t values (1), (2)`);
      return manager.query(`select count(*)::int as c from t`);
    });
    expect(counted).toEqual([{ c: 2 }]);
  });

  it.each([
    ['text and values', (client: CallbackQueryClient) => client.query('select $1::text as v', ['x'])],
    ['a config object with a name (prepared)', (client: CallbackQueryClient) => client.query({ name: 'client-spec', text: 'select $1::text as v', values: ['x'] })],
    ['a callback', (client: CallbackQueryClient) => new Promise((resolve, reject) => client.query('select $1::text as v', ['x'], (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))))],
  ])('answers %s with pg result objects, and errors with the caller in their stack', async (_form, run) => {
    const client = new CallbackQueryClient({ connectionString: database.url });
    await client.connect();
    try {
      expect(await run(client)).toMatchObject({ rows: [{ v: 'x' }], rowCount: 1, command: 'SELECT' });
      const failure = await client.query('select 1 / 0').catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: '22012' });
      expect((failure as Error).stack).toContain('database-client.e2e-spec');
    } finally {
      await client.end();
    }
  });
});
