import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './support/test-app';

/**
 * CSV imports of accounts and contacts (and the duplicate report of the lead import), through the permission engine:
 * row errors by line and field, duplicates against live records the caller can read and against earlier rows of the
 * file, skip or create, dry runs, idempotent retries, and a record the caller cannot read never named as a candidate.
 * rep.e1 and rep.e2 are reps of two teams (neither reads the other's records); manager.east reads both.
 */
const USERS = ['rep.e1', 'rep.e2', 'rep.n1', 'manager.east', 'gm', 'admin'];

describe('CSV imports of accounts and contacts', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const post = (user: string, path: string, body: object) => t.http.post(`/api/v1/${path}`).set(as(user)).send(body);
  const createAccount = async (user: string, body: object) => (await post(user, 'accounts', body).expect(201)).body as { id: string; name: string };
  const createContact = async (user: string, body: object) => (await post(user, 'contacts', body).expect(201)).body as { id: string; name: string };
  /** Random digits, so phone numbers of one run never meet another's. */
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const count = async (table: string, names: string[]) => Number((await t.sql<{ n: string }>(`select count(*) as n from ${table} where name = any($1)`, [names]))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  describe('accounts', () => {
    it('imports the valid rows as the caller\'s, reports each bad row with line and field, and replays a retry', async () => {
      const s = randomUUID().slice(0, 8);
      const csv = `\uFEFF名称,电话,邮箱,tier\n导入客户甲${s},0516-8000 1000,a@${s}.example.cn,key\n导入客户乙${s},,not-an-email,\n,0516-8000 1001,,\n导入客户丙${s},,,platinum\n"导入客户丁${s}, 有限公司",,,\n`;
      const key = randomUUID();
      const response = await post('rep.e1', 'accounts/import', { csv }).set('Idempotency-Key', key).expect(200);
      expect(response.body).toMatchObject({ imported: 2, rows: [2, 6], duplicates: [], dryRun: false });
      expect(response.body.errors).toEqual([
        { row: 3, field: 'email', message: expect.any(String) },
        { row: 4, field: 'name', message: expect.any(String) },
        { row: 5, field: 'tier', message: expect.any(String) },
      ]);
      const rows = await t.sql<{ name: string; phone: string | null; tier: string | null; owner_id: string; team_id: string }>(
        'select name, phone, tier, owner_id, team_id from accounts where id = any($1) order by name',
        [response.body.ids],
      );
      const [{ team_id: team }] = await t.sql<{ team_id: string }>('select team_id from users where id = $1', [userIds['rep.e1']]);
      expect(rows).toEqual([
        { name: `导入客户丁${s}, 有限公司`, phone: null, tier: null, owner_id: userIds['rep.e1'], team_id: team },
        { name: `导入客户甲${s}`, phone: '0516-8000 1000', tier: 'key', owner_id: userIds['rep.e1'], team_id: team },
      ]);
      const audited = await t.sql<{ action: string }>(`select action from audit_events where entity_id = any($1)`, [response.body.ids]);
      expect(audited.map((a) => a.action)).toEqual(['account.created', 'account.created']);

      const again = await post('rep.e1', 'accounts/import', { csv }).set('Idempotency-Key', key).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(response.body);
      expect(await count('accounts', [`导入客户甲${s}`])).toBe(1);
    });

    /** An existing account and a file with a duplicate by name, phone, email and of an earlier row. */
    const duplicateFile = async (s: string) => {
      const d = digits(4);
      const existing = await createAccount('rep.e1', { name: `Dup ${s} Co., Ltd.`, phone: `0516-${d} 77`, email: `Info@Dup${s}.example.cn` });
      const phone = `0516${d}77`;
      const names = [`dup ${s} co ltd`, `Other ${s} A`, `Other ${s} B`, `Fresh ${s}`, `FRESH  ${s}.`];
      const csv = ['name,phone,email', `${names[0]},,`, `${names[1]},${phone},`, `${names[2]},,info@dup${s}.example.cn`, `${names[3]},139${digits(8)},`, `${names[4]},,`].join('\n');
      return { existing, names, csv };
    };
    const expectedDuplicates = (existing: { id: string; name: string }, names: string[], freshId: string | null) => [
      { row: 2, candidates: [{ objectType: 'account', id: existing.id, row: null, name: existing.name, matchedOn: ['name'] }] },
      { row: 3, candidates: [{ objectType: 'account', id: existing.id, row: null, name: existing.name, matchedOn: ['phone'] }] },
      { row: 4, candidates: [{ objectType: 'account', id: existing.id, row: null, name: existing.name, matchedOn: ['email'] }] },
      { row: 6, candidates: [{ objectType: 'account', id: freshId, row: 5, name: names[3], matchedOn: ['name'] }] },
    ];

    it('a dry run reports duplicates by name, phone, email and within the file, and writes nothing', async () => {
      const s = randomUUID().slice(0, 8);
      const { existing, names, csv } = await duplicateFile(s);
      const audits = async () => Number((await t.sql<{ n: string }>(`select count(*) as n from audit_events where action = 'account.created'`))[0].n);
      const before = await audits();
      const response = await post('rep.e1', 'accounts/import', { csv, onDuplicate: 'skip', dryRun: true }).expect(200);
      expect(response.body).toEqual({ imported: 1, ids: [], rows: [5], errors: [], duplicates: expectedDuplicates(existing, names, null), dryRun: true });
      expect(await count('accounts', names)).toBe(0);
      expect(await audits()).toBe(before);
    });

    it('skip leaves the duplicate rows out; create writes them and still reports them', async () => {
      const skipped = await duplicateFile(randomUUID().slice(0, 8));
      const skip = await post('rep.e1', 'accounts/import', { csv: skipped.csv, onDuplicate: 'skip' }).expect(200);
      expect(skip.body).toMatchObject({ imported: 1, rows: [5], duplicates: expectedDuplicates(skipped.existing, skipped.names, skip.body.ids[0]) });
      expect(await count('accounts', skipped.names)).toBe(1);

      const created = await duplicateFile(randomUUID().slice(0, 8));
      const create = await post('rep.e1', 'accounts/import', { csv: created.csv, onDuplicate: 'create' }).expect(200);
      expect(create.body).toMatchObject({ imported: 5, rows: [2, 3, 4, 5, 6], duplicates: expectedDuplicates(created.existing, created.names, create.body.ids[3]) });
      expect(await count('accounts', created.names)).toBe(5);
    });

    it('never names an account the caller cannot read as a candidate', async () => {
      const s = randomUUID().slice(0, 8);
      const d = digits(4);
      const hidden = await createAccount('rep.e2', { name: `隐藏客户${s}`, phone: `021-${d}-99`, email: `hidden@${s}.example.cn` });
      const csv = `name,phone,email\n隐藏客户${s},,\n别名${s},021${d}99,\n另名${s},,HIDDEN@${s}.example.cn\n`;
      for (const user of ['rep.e1', 'rep.n1']) {
        const response = await post(user, 'accounts/import', { csv, onDuplicate: 'skip', dryRun: true }).expect(200);
        expect(response.body).toMatchObject({ imported: 3, duplicates: [] });
      }
      // The same file for someone who reads the account: all three rows name it.
      const manager = await post('manager.east', 'accounts/import', { csv, onDuplicate: 'skip', dryRun: true }).expect(200);
      expect(manager.body.imported).toBe(0);
      expect(manager.body.duplicates.map((d: { row: number; candidates: Array<{ id: string; matchedOn: string[] }> }) => [d.row, d.candidates.map((c) => [c.id, c.matchedOn])])).toEqual([
        [2, [[hidden.id, ['name']]]],
        [3, [[hidden.id, ['phone']]]],
        [4, [[hidden.id, ['email']]]],
      ]);
    });

    it('needs the create right, also for a dry run (403)', async () => {
      for (const user of ['gm', 'admin']) {
        for (const dryRun of [false, true]) await post(user, 'accounts/import', { csv: 'name\nX\n', dryRun }).expect(403);
      }
    });

    it.each([
      [{ csv: `name\n${Array.from({ length: 5001 }, (_, i) => `超限${i}`).join('\n')}\n` }, 'csv', 'at most 5000'],
      [{ csv: `name\n${'x'.repeat(900_001)}` }, 'csv', ''],
      [{ csv: 'name,colour\nA,red\n' }, 'csv', 'unknown columns'],
      [{ csv: 'name,名称\nA,B\n' }, 'csv', 'more than one column'],
      [{ csv: 'phone\n13800000000\n' }, 'csv', 'needs a name column'],
      [{ csv: 'name\nA\n', onDuplicate: 'merge' }, 'onDuplicate', ''],
      [{ csv: 'name\nA\n', dryRun: 'yes' }, 'dryRun', ''],
    ])('refuses a file or options it cannot take (400): %#', async (body, field, message) => {
      const response = await post('rep.e1', 'accounts/import', body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors[0]).toEqual({ field, message: expect.stringContaining(message) });
    });
  });

  describe('contacts', () => {
    it('finds each row\'s account among readable ones (an unreadable one is "no such account"), reports duplicates, skips them', async () => {
      const s = randomUUID().slice(0, 8);
      const mine = await createAccount('rep.e1', { name: `联系人导入${s}有限公司` });
      const myPhone = `137${digits(8)}`;
      await createContact('rep.e1', { accountId: mine.id, name: `王五${s}`, phone: myPhone, email: `wang@${s}.example.cn` });
      const theirs = await createAccount('rep.e2', { name: `他人客户${s}` });
      const theirPhone = `136${digits(8)}`;
      const hiddenContact = await createContact('rep.e2', { accountId: theirs.id, name: `隐藏联系人${s}`, phone: theirPhone });
      const csv = [
        '客户,姓名,电话,邮箱',
        `联系人导入${s} 有限公司,王五${s},,`,
        `${mine.id},赵六${s},${myPhone.slice(0, 3)}-${myPhone.slice(3)},`,
        `他人客户${s},孙七${s},,`,
        `${randomUUID()},孙八${s},,`,
        `${mine.id},周九${s},${theirPhone},`,
        `,吴十${s},,`,
        `${mine.id},郑十一${s},,zheng@${s}.example.cn`,
        `${mine.id},郑某${s},,ZHENG@${s}.example.cn`,
      ].join('\n');
      const response = await post('rep.e1', 'contacts/import', { csv, onDuplicate: 'skip' }).expect(200);
      expect(response.body.errors).toEqual([
        { row: 4, field: 'account', message: 'no such account' },
        { row: 5, field: 'account', message: 'no such account' },
        { row: 7, field: 'account', message: expect.stringContaining('is required') },
      ]);
      const [existing] = await t.sql<{ id: string }>(`select id from contacts where name = $1`, [`王五${s}`]);
      expect(response.body.duplicates).toEqual([
        { row: 2, candidates: [{ objectType: 'contact', id: existing.id, row: null, name: `王五${s}`, matchedOn: ['name'] }] },
        { row: 3, candidates: [{ objectType: 'contact', id: existing.id, row: null, name: `王五${s}`, matchedOn: ['phone'] }] },
        { row: 9, candidates: [{ objectType: 'contact', id: response.body.ids[1], row: 8, name: `郑十一${s}`, matchedOn: ['email'] }] },
      ]);
      expect(response.body).toMatchObject({ imported: 2, rows: [6, 8] });
      const rows = await t.sql<{ name: string; account_id: string; owner_id: string }>('select name, account_id, owner_id from contacts where id = any($1) order by name', [response.body.ids]);
      expect(rows).toEqual([
        { name: `周九${s}`, account_id: mine.id, owner_id: userIds['rep.e1'] },
        { name: `郑十一${s}`, account_id: mine.id, owner_id: userIds['rep.e1'] },
      ]);
      // rep.e2 reads the contact row 6 shares a phone with, so for them it is a duplicate.
      const forOwner = await post('rep.e2', 'contacts/import', { csv: `account,name,phone\n${theirs.id},周九${s},${theirPhone}\n`, dryRun: true }).expect(200);
      expect(forOwner.body.duplicates).toEqual([{ row: 2, candidates: [{ objectType: 'contact', id: hiddenContact.id, row: null, name: `隐藏联系人${s}`, matchedOn: ['phone'] }] }]);
    });

    it('takes the account of rows without one from accountId, which must be readable (400 otherwise)', async () => {
      const s = randomUUID().slice(0, 8);
      const mine = await createAccount('rep.e1', { name: `默认客户${s}` });
      const response = await post('rep.e1', 'contacts/import', { csv: `name,mobile\n钱一${s},139${digits(8)}\n`, accountId: mine.id }).expect(200);
      expect(response.body).toMatchObject({ imported: 1, errors: [] });
      expect((await t.sql<{ account_id: string }>('select account_id from contacts where id = $1', [response.body.ids[0]]))[0].account_id).toBe(mine.id);
      const hidden = await post('rep.e2', 'contacts/import', { csv: `name\n钱二${s}\n`, accountId: mine.id }).expect(400);
      expect(hidden.body.errors).toEqual([{ field: 'accountId', message: 'no such account' }]);
      expect(await count('contacts', [`钱二${s}`])).toBe(0);
    });

    it('needs the create right (403)', async () => {
      await post('gm', 'contacts/import', { csv: 'name,account\nX,Y\n' }).expect(403);
    });
  });

  describe('leads', () => {
    it('reports rows whose company names a readable account or live lead, never an unreadable one', async () => {
      const s = randomUUID().slice(0, 8);
      const account = await createAccount('rep.e1', { name: `线索客户${s}有限公司` });
      const lead = (await post('rep.e1', 'leads', { name: '老线索', company: `线索公司${s}` }).expect(201)).body as { id: string };
      await createAccount('rep.e2', { name: `别队客户${s}` });
      const csv = `name,company\n张${s},线索客户${s} 有限公司\n李${s},线索公司${s}\n王${s},别队客户${s}\n`;
      const response = await post('rep.e1', 'leads/import', { csv, dryRun: true }).expect(200);
      expect(response.body).toMatchObject({ imported: 3, ids: [], dryRun: true });
      expect(response.body.duplicates).toEqual([
        { row: 2, candidates: [{ objectType: 'account', id: account.id, row: null, name: `线索客户${s}有限公司`, matchedOn: ['name'] }] },
        { row: 3, candidates: [{ objectType: 'lead', id: lead.id, row: null, name: `老线索 (线索公司${s})`, matchedOn: ['name'] }] },
      ]);
      expect(await count('leads', [`张${s}`, `李${s}`, `王${s}`])).toBe(0);
    });
  });
});
