import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Activities under the permission engine: who sees and changes which, the record they are about, completion,
 * timelines and diaries, the recycle bin.
 *
 * Each demo account has five demo activities of its owner (demoActivities); the table below uses each account's
 * visit (today). They carry the account's restricted flag, not its owner-only flag.
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
type Verdict = 'allowed' | 'forbidden' | 'invisible';
type Row = Partial<Record<Short, Verdict>>;

/** Per user: the update verdicts that are not "invisible" (the default policy of migration 1764000000060). */
const UPDATE: Record<string, Row> = {
  'rep.e1': { E1a: 'allowed', E1b: 'allowed', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'allowed', E1b: 'allowed' },
  'rep.e2': { E2: 'allowed' },
  'rep.n1': { N1: 'allowed' },
  'manager.east': { E1a: 'allowed', E1b: 'allowed', E2: 'allowed', EAST: 'allowed' },
  director: { E1a: 'allowed', E1b: 'allowed', E2: 'allowed', N1: 'allowed', EAST: 'allowed', PARTNER: 'allowed' },
  gm: { E1a: 'forbidden', E1b: 'forbidden', E2: 'forbidden', N1: 'forbidden', EAST: 'forbidden', PARTNER: 'forbidden' },
  // Finance, marketing and quality have no business with the reps' diaries; service staff see their own team's only.
  finance: {},
  marketing: {},
  quality: {},
  agent: {},
  engineer: {},
  partner: { PARTNER: 'allowed' },
  admin: {},
  auditor: {},
};

const DELETE: Record<string, Row> = {
  ...UPDATE,
  // Reps delete their own only.
  'rep.e1': { E1a: 'allowed', E1b: 'forbidden', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'forbidden', E1b: 'allowed' },
  partner: { PARTNER: 'forbidden' },
};

const STATUS: Record<Verdict, number> = { allowed: 412, forbidden: 403, invisible: 404 };

interface Activity {
  id: string;
  version: number;
  kind: string;
  subject: string;
  status: string;
  dueAt: string | null;
  completedAt: string | null;
  accountId: string;
  relatedId: string;
}

describe('activities', () => {
  let t: TestApp;
  const visits = {} as Record<Short, string>;
  const accountIds = {} as Record<Short, string>;
  const contactIds = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const listAll = async (user: string, query = ''): Promise<Activity[]> => {
    const out: Activity[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Activity[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/activities?limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(as(user))
        .expect(200);
      out.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    const contacts = await t.sql<{ id: string; account_id: string }>('select id, account_id from contacts');
    const rows = await t.sql<{ id: string; account_id: string }>(`select id, account_id from activities where kind = 'visit'`);
    ACCOUNTS.forEach((account, index) => {
      accountIds[SHORT[index]] = accounts.find((a) => a.name === account.name)!.id;
      contactIds[SHORT[index]] = contacts.find((c) => c.account_id === accountIds[SHORT[index]])!.id;
      visits[SHORT[index]] = rows.find((a) => a.account_id === accountIds[SHORT[index]])!.id;
    });
    ({ tokens } = await t.signInAll(Object.keys(UPDATE)));
  });
  afterAll(() => t.close());

  describe('permission table: every demo user × the visit of each demo account', () => {
    it.each(Object.keys(UPDATE))('%s: list, get, update and delete answer as the policy says', async (user) => {
      const before = await t.sql('select id, version from activities order by id');
      const listed = new Set((await listAll(user, '&kind=visit')).map((a) => a.id));
      const got: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const short of SHORT) {
        const update = UPDATE[user][short] ?? 'invisible';
        const remove = DELETE[user][short] ?? 'invisible';
        const patched = await t.http.patch(`/api/v1/activities/${visits[short]}`).set(as(user)).set('If-Match', 'W/"999"').send({ subject: 'x' });
        const deleted = await t.http.delete(`/api/v1/activities/${visits[short]}`).set(as(user)).set('If-Match', 'W/"999"');
        const read = await t.http.get(`/api/v1/activities/${visits[short]}`).set(as(user));
        got[short] = [listed.has(visits[short]), read.status, patched.status, deleted.status, read.status === 200 ? { update: read.body.myAccess.update, delete: read.body.myAccess.delete } : null];
        wanted[short] = [update !== 'invisible', update === 'invisible' ? 404 : 200, STATUS[update], STATUS[remove], update === 'invisible' ? null : { update: update === 'allowed', delete: remove === 'allowed' }];
      }
      expect(got).toEqual(wanted);
      expect(await t.sql('select id, version from activities order by id')).toEqual(before);
    });

    it('partner users see only their partner account\'s activities', async () => {
      const all = await listAll('partner');
      expect(all).toHaveLength(5);
      expect(new Set(all.map((a) => a.accountId))).toEqual(new Set([accountIds.PARTNER]));
    });

    it('who may not create activities gets 403, and nothing is written', async () => {
      const count = await t.sql('select count(*) from activities');
      for (const user of ['gm', 'finance', 'admin']) {
        await t.http.post('/api/v1/activities').set(as(user)).send({ kind: 'note', subject: 'Probe', relatedType: 'account', relatedId: accountIds.N1 }).expect(403);
      }
      expect(await t.sql('select count(*) from activities')).toEqual(count);
    });
  });

  describe('create', () => {
    it('a call about a contact belongs to the contact\'s account, planned by default', async () => {
      const created = await t.http
        .post('/api/v1/activities')
        .set(as('rep.e1'))
        .send({ kind: 'call', subject: '电话回访 Follow-up call', relatedType: 'contact', relatedId: contactIds.E1a, dueAt: '2026-12-03T10:00:00+08:00', durationMinutes: 15 })
        .expect(201);
      expect(created.body).toMatchObject({ kind: 'call', status: 'planned', priority: 'normal', relatedType: 'contact', relatedId: contactIds.E1a, accountId: accountIds.E1a, dueAt: '2026-12-03T02:00:00.000Z', completedAt: null });
      expect(created.headers.etag).toBe(`W/"${created.body.version}"`);
    });

    it('a note is done when written, dated now unless given', async () => {
      const started = Date.now();
      const created = await t.http.post('/api/v1/activities').set(as('rep.e1')).send({ kind: 'note', subject: '客户反馈 Feedback', relatedType: 'account', relatedId: accountIds.E1a, status: 'planned' }).expect(201);
      expect(created.body.status).toBe('done');
      expect(Date.parse(created.body.dueAt)).toBeGreaterThanOrEqual(started - 1000);
      expect(created.body.completedAt).not.toBeNull();
    });

    it('a record the caller cannot see is answered exactly like one that does not exist (400 naming relatedId)', async () => {
      const count = await t.sql('select count(*) from activities');
      const hidden = await t.http.post('/api/v1/activities').set(as('rep.n1')).send({ kind: 'task', subject: 'Probe', relatedType: 'account', relatedId: accountIds.E1a }).expect(400);
      const missing = await t.http.post('/api/v1/activities').set(as('rep.n1')).send({ kind: 'task', subject: 'Probe', relatedType: 'account', relatedId: '01900000-0000-7000-8000-000000000000' }).expect(400);
      const opportunity = await t.http.post('/api/v1/activities').set(as('rep.n1')).send({ kind: 'task', subject: 'Probe', relatedType: 'opportunity', relatedId: contactIds.N1 }).expect(400);
      expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(hidden.body.errors).toEqual([{ field: 'relatedId', message: 'no such account' }]);
      expect(hidden.body.errors).toEqual(missing.body.errors);
      expect(opportunity.body.errors).toEqual([{ field: 'relatedId', message: 'no such opportunity' }]);
      expect(await t.sql('select count(*) from activities')).toEqual(count);
    });

    it.each([
      ['kind', { kind: 'email' }],
      ['subject', { subject: '' }],
      ['relatedType', { relatedType: 'campaign' }],
      ['relatedId', { relatedId: 'x' }],
      ['dueAt', { dueAt: '2026-12-03' }],
      ['dueAt', { dueAt: '2026-02-30T10:00:00Z' }],
      ['durationMinutes', { durationMinutes: 0 }],
      ['priority', { priority: 'urgent' }],
      ['completedAt', { completedAt: '2026-12-03T10:00:00Z' }],
      ['accountId', { accountId: '01900000-0000-7000-8000-000000000000' }],
    ])('bad input → 400 problem+json naming %s', async (field, body) => {
      const response = await t.http.post('/api/v1/activities').set(as('rep.e1')).send({ kind: 'task', subject: 'Bad', relatedType: 'account', relatedId: accountIds.E1a, ...body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('a retried create with the same Idempotency-Key makes one activity', async () => {
      const send = () =>
        t.http.post('/api/v1/activities').set(as('rep.e1')).set('Idempotency-Key', 'activity-1').send({ kind: 'task', subject: '幂等任务 Once', relatedType: 'account', relatedId: accountIds.E1a });
      const first = await send().expect(201);
      const second = await send().expect(201);
      expect(second.body.id).toBe(first.body.id);
      expect(await t.sql(`select count(*)::int as n from activities where subject = '幂等任务 Once'`)).toEqual([{ n: 1 }]);
    });
  });

  describe('completing, concurrency, audit', () => {
    it('done stamps completedAt, reopening clears it; stale If-Match 412, missing 428; every change audited', async () => {
      const created = await t.http.post('/api/v1/activities').set(as('rep.e1')).send({ kind: 'visit', subject: '拜访 Visit', relatedType: 'account', relatedId: accountIds.E1a }).expect(201);
      const { id, version } = created.body as Activity;
      await t.http.patch(`/api/v1/activities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version + 3}"`).send({ status: 'done' }).expect(412);
      await t.http.patch(`/api/v1/activities/${id}`).set(as('rep.e1')).send({ status: 'done' }).expect(428);
      const done = await t.http.patch(`/api/v1/activities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version}"`).send({ status: 'done', outcome: '客户同意试机 Trial agreed' }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', outcome: '客户同意试机 Trial agreed', version: version + 1 });
      expect(done.body.completedAt).not.toBeNull();
      const reopened = await t.http.patch(`/api/v1/activities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version + 1}"`).send({ status: 'planned' }).expect(200);
      expect(reopened.body.completedAt).toBeNull();
      const audit = await t.sql<{ action: string }>('select action from audit_events where entity_id = $1 order by occurred_at, id', [id]);
      expect(audit.map((a) => a.action)).toEqual(['activity.created', 'activity.updated', 'activity.updated']);
    });

    it('what it is about cannot be changed (400 naming the field)', async () => {
      const [visit] = await t.sql<{ version: number }>('select version from activities where id = $1', [visits.E1a]);
      const response = await t.http.patch(`/api/v1/activities/${visits.E1a}`).set(as('rep.e1')).set('If-Match', `W/"${visit.version}"`).send({ relatedId: accountIds.E2 }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['relatedId']);
    });
  });

  describe('timelines, diaries and to-dos', () => {
    it('an account\'s timeline holds its own and its contact\'s activities, latest first, across pages', async () => {
      const timeline = await listAll('manager.east', `&accountId=${accountIds.E2}`);
      expect(timeline).toHaveLength(5);
      expect(timeline.some((a) => a.relatedId === contactIds.E2)).toBe(true);
      const times = timeline.map((a) => a.dueAt!);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('one record\'s activities, the planned ones in due order, and a due window', async () => {
      const contactOnly = await listAll('rep.e2', `&relatedId=${contactIds.E2}`);
      expect(contactOnly.map((a) => a.kind)).toEqual(['call']);
      const todo = await listAll('rep.e2', '&status=planned&sort=dueAt');
      expect(todo.map((a) => a.kind)).toEqual(['task', 'visit', 'meeting']);
      const visit = todo[1];
      const from = new Date(Date.parse(visit.dueAt!) - 3_600_000).toISOString();
      const before = new Date(Date.parse(visit.dueAt!) + 3_600_000).toISOString();
      const today = await listAll('rep.e2', `&dueFrom=${from}&dueBefore=${before}`);
      expect(today.map((a) => a.id)).toEqual([visit.id]);
      const empty = await t.http.get(`/api/v1/activities?dueFrom=${before}&dueBefore=${from}`).set(as('rep.e2')).expect(400);
      expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['dueBefore']);
    });

    it('a restricted account\'s activities stay with its owner, even for the director', async () => {
      expect(await listAll('rep.e1', `&accountId=${accountIds.SECRET}`)).toHaveLength(5);
      expect(await listAll('director', `&accountId=${accountIds.SECRET}`)).toHaveLength(0);
    });
  });

  describe('about leads, quotes and orders', () => {
    const log = (user: string, relatedType: string, relatedId: string, subject: string) =>
      t.http.post('/api/v1/activities').set(as(user)).send({ kind: 'call', subject, relatedType, relatedId });

    it('a lead\'s call has no account until the lead is converted, then shows on the account\'s timeline too', async () => {
      const created = await t.http.post('/api/v1/leads').set(as('rep.e1')).send({ name: '孙立 Sun Li', company: '常州立达吊装有限公司' }).expect(201);
      const call = await log('rep.e1', 'lead', created.body.id, '首次电话 First call').expect(201);
      expect(call.body).toMatchObject({ relatedType: 'lead', relatedId: created.body.id, accountId: null });
      expect((await listAll('rep.e1', `&relatedId=${created.body.id}`)).map((a) => a.id)).toEqual([call.body.id]);
      await log('rep.n1', 'lead', created.body.id, 'Probe').expect(400).expect(({ body }) => expect(body.errors).toEqual([{ field: 'relatedId', message: 'no such lead' }]));

      const converted = await t.http.post(`/api/v1/leads/${created.body.id}/convert`).set(as('rep.e1')).send({}).expect(201);
      const timeline = await listAll('rep.e1', `&accountId=${converted.body.accountId}`);
      expect(timeline.map((a) => a.id)).toContain(call.body.id);
      const later = await log('rep.e1', 'lead', created.body.id, '转化后回访 After conversion').expect(201);
      expect(later.body.accountId).toBe(converted.body.accountId);
    });

    it('deleting a lead takes its activities along and restoring it brings them back', async () => {
      const lead = await t.http.post('/api/v1/leads').set(as('rep.e1')).send({ name: '钱多 Qian Duo' }).expect(201);
      const call = await log('rep.e1', 'lead', lead.body.id, '待删线索 Binned with its lead').expect(201);
      await t.http.delete(`/api/v1/leads/${lead.body.id}`).set(as('rep.e1')).set('If-Match', `W/"${lead.body.version}"`).expect(204);
      await t.http.get(`/api/v1/activities/${call.body.id}`).set(as('rep.e1')).expect(404);
      await t.http.post(`/api/v1/leads/${lead.body.id}/restore`).set(as('rep.e1')).expect(200);
      await t.http.get(`/api/v1/activities/${call.body.id}`).set(as('rep.e1')).expect(200);
    });

    it('a quote\'s and an order\'s activities belong to their account; a deleted draft quote leaves them on the account', async () => {
      const quote = await t.http.post('/api/v1/quotes').set(as('rep.e1')).send({ accountId: accountIds.E1a }).expect(201);
      const aboutQuote = await log('rep.e1', 'quote', quote.body.id, '报价沟通 Quote call').expect(201);
      expect(aboutQuote.body).toMatchObject({ relatedType: 'quote', relatedId: quote.body.id, accountId: accountIds.E1a });
      await log('rep.n1', 'quote', quote.body.id, 'Probe').expect(400).expect(({ body }) => expect(body.errors).toEqual([{ field: 'relatedId', message: 'no such quote' }]));

      const [order] = await t.sql<{ id: string; account_id: string }>(`select o.id, o.account_id from orders o join users u on u.id = o.owner_id where u.email = 'rep.e1@lianxi.test' limit 1`);
      const aboutOrder = await log('rep.e1', 'order', order.id, '发货确认 Delivery call').expect(201);
      expect(aboutOrder.body).toMatchObject({ relatedType: 'order', relatedId: order.id, accountId: order.account_id });
      await log('rep.n1', 'order', order.id, 'Probe').expect(400);

      await t.http.delete(`/api/v1/quotes/${quote.body.id}`).set(as('rep.e1')).set('If-Match', `W/"${quote.body.version}"`).expect(204);
      const moved = await t.http.get(`/api/v1/activities/${aboutQuote.body.id}`).set(as('rep.e1')).expect(200);
      expect(moved.body).toMatchObject({ relatedType: 'account', relatedId: accountIds.E1a, accountId: accountIds.E1a });
    });
  });

  describe('recycle bin', () => {
    it('deleting a contact takes its activities along and restoring it brings them back', async () => {
      const [contact] = await t.sql<{ version: number }>('select version from contacts where id = $1', [contactIds.N1]);
      await t.http.delete(`/api/v1/contacts/${contactIds.N1}`).set(as('rep.n1')).set('If-Match', `W/"${contact.version}"`).expect(204);
      expect(await listAll('rep.n1', `&relatedId=${contactIds.N1}`)).toHaveLength(0);
      expect((await t.http.get('/api/v1/activities/recycle-bin').set(as('rep.n1')).expect(200)).body.data).toHaveLength(0);
      await t.http.post(`/api/v1/contacts/${contactIds.N1}/restore`).set(as('rep.n1')).expect(200);
      expect(await listAll('rep.n1', `&relatedId=${contactIds.N1}`)).toHaveLength(1);
    });

    it('deleting an account takes every activity of its timeline; an activity deleted alone is in the bin and comes back', async () => {
      const [visit] = await t.sql<{ version: number }>('select version from activities where id = $1', [visits.N1]);
      await t.http.delete(`/api/v1/activities/${visits.N1}`).set(as('rep.n1')).set('If-Match', `W/"${visit.version}"`).expect(204);
      await t.http.get(`/api/v1/activities/${visits.N1}`).set(as('rep.n1')).expect(404);
      const bin = await t.http.get('/api/v1/activities/recycle-bin').set(as('rep.n1')).expect(200);
      expect(bin.body.data.map((a: { id: string }) => a.id)).toEqual([visits.N1]);
      await t.http.get('/api/v1/activities/recycle-bin').set(as('rep.e1')).expect(200).expect(({ body }) => expect(body.data).toHaveLength(0));

      const [account] = await t.sql<{ version: number }>('select version from accounts where id = $1', [accountIds.N1]);
      await t.http.delete(`/api/v1/accounts/${accountIds.N1}`).set(as('rep.n1')).set('If-Match', `W/"${account.version}"`).expect(204);
      expect(await listAll('director', `&accountId=${accountIds.N1}`)).toHaveLength(0);
      const blocked = await t.http.post(`/api/v1/activities/${visits.N1}/restore`).set(as('rep.n1')).expect(409);
      expect(blocked.body.errors).toEqual([{ field: 'accountId', message: 'is in the recycle bin' }]);

      await t.http.post(`/api/v1/accounts/${accountIds.N1}/restore`).set(as('rep.n1')).expect(200);
      expect(await listAll('director', `&accountId=${accountIds.N1}`)).toHaveLength(4);
      await t.http.post(`/api/v1/activities/${visits.N1}/restore`).set(as('rep.n1')).expect(200);
      expect(await listAll('director', `&accountId=${accountIds.N1}`)).toHaveLength(5);
    });
  });
});
