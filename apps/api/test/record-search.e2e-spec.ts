import { DataSource } from 'typeorm';
import { paginateSearch, searchSql } from '../src/access/record-search';
import type { KeysetColumn } from '../src/platform/http/pagination';
import { AccountEntity } from '../src/sales/accounts/account.entity';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The list search's paging (access/record-search.ts) takes one of three ways — the scope ends inside the window,
 * the window holds a page, or every match from the search indexes — and each must give exactly the pages of the
 * plain "filter, sort, limit" query. A small window makes all three happen on a test-sized table.
 */
describe('list search paging (window, then the search indexes)', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    dataSource = t.app.get(DataSource);
    // 600 accounts: every tenth starting with 苏州 (so they cluster in name order), some with 苏州 further in, one
    // 赵家, one starting with 州, one named just 苏州, the rest by a hash.
    await t.sql(
      `insert into accounts (id, name, kind, owner_id, team_id)
       select gen_random_uuid(),
              case when i % 10 = 0 then '苏州' || md5(i::text) || '机械' when i = 7 then '赵家' || md5(i::text) when i % 37 = 0 then '江苏州' || md5(i::text)
                   when i % 41 = 0 then 'Zz' || md5(i::text) || '苏州苏州' when i = 11 then '州' || md5(i::text) when i = 13 then '苏州' else 'Zz' || md5(i::text) || '机械' end,
              'company', u.id, u.team_id
         from generate_series(1, 600) i, users u where u.email = 'rep.e1@lianxi.test'`,
    );
    await t.sql('analyze accounts');
  });
  afterAll(() => t.close());

  const keyset: KeysetColumn<AccountEntity>[] = [
    { expression: 'r.name', value: (row) => row.name },
    { expression: 'r.id', value: (row) => row.id },
  ];

  async function everyPage(term: string, direction: 'ASC' | 'DESC', window: number): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const scope = dataSource.getRepository(AccountEntity).createQueryBuilder('r').where('r.deleted_at is null');
      const page = await paginateSearch(dataSource, scope, searchSql('r', 'accounts', ['name'], [], term), keyset, { limit: 50, cursor }, direction, window);
      names.push(...page.data.map((a) => a.name));
      if (!page.nextCursor) return names;
      cursor = page.nextCursor;
    }
    throw new Error('more than 100 pages');
  }

  async function expected(term: string, direction: 'ASC' | 'DESC'): Promise<string[]> {
    const pattern = `%${term}%`;
    const rows = await t.sql<{ name: string }>(`select name from accounts where deleted_at is null and name ilike $1 order by name ${direction}, id ${direction}`, [pattern]);
    return rows.map((r) => r.name);
  }

  // 苏州 (2 characters, 10 % clustered at the start, some further in), 州 (1 character, at the start once and
  // further in often), 机械 (dense), a 3+ character hash fragment (rare), 赵 (1 character, once), zz (with case), none.
  const terms = ['苏州', '州', '机械', 'c4ca', '赵', 'zz', '无此名'];
  for (const direction of ['ASC', 'DESC'] as const) {
    for (const window of [1, 30, 5000]) {
      it(`gives the plain query's pages, ${direction}, window ${window}`, async () => {
        for (const term of terms) {
          const want = await expected(term, direction);
          expect({ term, names: await everyPage(term, direction, window) }).toEqual({ term, names: want });
        }
      });
    }
  }

  it('finds 1–2 character terms through the grams index (plan, not timing)', async () => {
    let plan = '';
    // 20,000 more accounts (rolled back) give the planner a realistic choice; a scan is priced out as in
    // accounts-details.e2e-spec.ts (at a million rows the planner picks the index on its own).
    await dataSource
      .transaction(async (manager) => {
        await manager.query(
          `insert into accounts (id, name, kind, owner_id, team_id)
           select gen_random_uuid(), '生成' || md5(i::text), 'company', u.id, u.team_id
             from generate_series(1, 20000) i, users u where u.email = 'rep.e1@lianxi.test'`,
        );
        await manager.query('analyze accounts');
        await manager.query('set local enable_seqscan = off');
        for (const form of [`search_grams(r.name) @> array[lower($1)]`, `search_grams(r.name) && array[lower($1), chr(1) || lower($1)]`]) {
          const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(`explain select id from accounts r where r.deleted_at is null and ${form}`, ['苏州']);
          plan += rows.map((r) => r['QUERY PLAN']).join('\n');
        }
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    expect(plan.match(/Bitmap Index Scan on accounts_name_grams_idx/g)).toHaveLength(2);
  });

  it('splits a short Chinese term over the name into the matches starting with it and the others', () => {
    const sql = searchSql('r', 'accounts', ['name'], [], '苏州');
    expect(sql.byPosition?.starting.params).toEqual({ q_from: '苏州', q_to: '苏巟' });
    expect(searchSql('r', 'accounts', ['name'], [], 'zz').byPosition).toBeUndefined();
    expect(searchSql('r', 'leads', ['name', 'company'], [], '苏州').byPosition).toBeUndefined();
  });

  it('matches short terms without regard to case, like ilike', async () => {
    expect(await everyPage('ZZ', 'ASC', 1)).toEqual(await expected('zz', 'ASC'));
  });
});
