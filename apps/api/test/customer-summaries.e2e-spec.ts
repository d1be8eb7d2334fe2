import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { writeCustomerSummaries } from '../src/analytics/metrics/metric-summaries';
import { createTestApp, type TestApp } from './support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Crafted {
  owner: string;
  restricted?: boolean;
  /** Linked to the partner account of partner@lianxi.test. */
  partner?: boolean;
  segment: string | null;
  revenue: string;
  profit: string | null;
  predictedClv: string | null;
  /** Per year: [year, revenue, profit]. */
  years: Array<[number, string, string | null]>;
}

/**
 * Teams: rep.e1 and rep.e1b → E1, rep.e2 → E2 (both under EAST), rep.n1 → N1. Beside plain team customers: the
 * exceptions the per-team summaries cannot hold — restricted accounts (one shared with rep.e1 by its owner in E2), an
 * account of N1 shared with the team E1, and one linked to the partner's account.
 */
const CUSTOMERS: Record<string, Crafted> = {
  a1: { owner: 'rep.e1@lianxi.test', segment: 'champions', revenue: '1000.00', profit: '400.00', predictedClv: '500.00', years: [[2022, '300.00', '10.00'], [2023, '300.00', '15.00'], [2024, '400.00', '375.00']] },
  a2: { owner: 'rep.e1@lianxi.test', segment: 'champions', revenue: '200.00', profit: null, predictedClv: null, years: [[2023, '100.00', '5.00'], [2024, '100.00', null]] },
  a3: { owner: 'rep.e1@lianxi.test', segment: null, revenue: '0.00', profit: null, predictedClv: null, years: [] },
  b1: { owner: 'rep.e2@lianxi.test', segment: 'at_risk', revenue: '300.00', profit: '20.00', predictedClv: '50.00', years: [[2022, '300.00', '20.00']] },
  c1: { owner: 'rep.n1@lianxi.test', segment: 'lost', revenue: '100.00', profit: '40.00', predictedClv: '1.25', years: [[2022, '60.00', '30.00'], [2024, '40.00', '10.00']] },
  secret: { owner: 'rep.e1@lianxi.test', restricted: true, segment: 'champions', revenue: '5000.00', profit: '900.00', predictedClv: '7000.00', years: [[2024, '5000.00', '900.00']] },
  sharedSecret: { owner: 'rep.e2@lianxi.test', restricted: true, segment: 'loyal', revenue: '70.00', profit: '7.00', predictedClv: '700.00', years: [[2023, '30.00', '3.00'], [2024, '40.00', '4.00']] },
  crossTeam: { owner: 'rep.n1@lianxi.test', segment: 'hibernating', revenue: '90.00', profit: '9.00', predictedClv: '9.00', years: [[2021, '90.00', '9.00']] },
  partnered: { owner: 'rep.n1@lianxi.test', partner: true, segment: 'promising', revenue: '33.00', profit: '3.00', predictedClv: '3.30', years: [[2024, '33.00', '3.00']] },
};
const ids: Record<string, string> = Object.fromEntries(Object.keys(CUSTOMERS).map((key) => [key, randomUUID()]));

async function seed(t: TestApp): Promise<void> {
  await t.sql(`delete from customer_metric_years`);
  await t.sql(`delete from customer_metrics`);
  const [{ partner_account_id: partnerAccount }] = await t.sql<{ partner_account_id: string }>(`select partner_account_id from users where email = 'partner@lianxi.test'`);
  for (const [key, c] of Object.entries(CUSTOMERS)) {
    const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = $1`, [c.owner]);
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id, restricted, partner_account_id) values ($1, $2, 'company', $3, $4, $5, $6)`, [
      ids[key], `Summary ${key}`, owner.id, owner.team_id, c.restricted ?? false, c.partner ? partnerAccount : null,
    ]);
    const days = c.years.map(([year]) => `${year}-03-01`);
    await t.sql(
      `insert into customer_metrics (account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines,
         rfm_segment, behaviour_class, lifecycle_stage, historic_clv, predicted_clv, computed_at, purchase_dates, purchase_day_revenue)
       values ($1, $2, $3, $4, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12, now(), $13, $14)`,
      [ids[key], days[0] ?? null, days[days.length - 1] ?? null, days.length, c.revenue, c.profit === null ? null : '1.00', c.profit, c.segment,
        c.segment ? 'general' : null, c.segment ? 'mature' : null, c.profit, c.predictedClv, days, c.years.map(([, revenue]) => revenue)],
    );
    const bought = new Set(c.years.map(([year]) => year));
    for (const [year, revenue, profit] of c.years) {
      await t.sql(`insert into customer_metric_years (account_id, year, orders, revenue, cost, profit, retained, leaving) values ($1, $2, 1, $3, $4, $4, $5, $6)`, [
        ids[key], year, revenue, profit, bought.has(year - 1), !bought.has(year + 1),
      ]);
    }
  }
  const [e2] = await t.sql<{ id: string }>(`select id from users where email = 'rep.e2@lianxi.test'`);
  const [e1] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
  await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access, granted_by) values ($1, 'account', $2, $3, 'read', $4)`, [randomUUID(), ids.sharedSecret, e1.id, e2.id]);
  await t.sql(`insert into record_shares (id, object_type, record_id, team_id, access) values ($1, 'account', $2, $3, 'read')`, [randomUUID(), ids.crossTeam, e1.team_id]);
}

const CALLERS = ['rep.e1@lianxi.test', 'rep.e1b@lianxi.test', 'rep.e2@lianxi.test', 'manager.east@lianxi.test', 'director@lianxi.test', 'gm@lianxi.test', 'quality@lianxi.test'];
const PATHS = ['/distribution?by=segment', '/distribution?by=stage', '/distribution?by=class', '/retention'];

describe('customer dashboards from the per-team summaries: exactly the live figures, exceptions included', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const get = async (email: string, path: string) => (await t.http.get(`/api/v1/analytics/customers${path}`).set(bearer(tokens[email])).expect(200)).body;
  const segments = (body: { buckets: Array<{ key: string | null; customers: number }> }) => Object.fromEntries(body.buckets.map((b) => [b.key ?? 'unscored', b.customers]));
  /** Every caller's every figure, with the richest money each may read. */
  const everything = async () => {
    const out: Record<string, unknown> = {};
    for (const email of CALLERS) {
      for (const path of PATHS) {
        for (const include of ['profit', 'revenue', undefined]) {
          const url = include ? `${path}&include=${include}` : path;
          const response = await t.http.get(`/api/v1/analytics/customers${url.replace('/retention&', '/retention?')}`).set(bearer(tokens[email]));
          if (response.status === 403) continue;
          expect([email, url, response.status]).toEqual([email, url, 200]);
          out[`${email} ${url}`] = response.body;
          break;
        }
      }
    }
    return out;
  };
  /** The same figures with the summaries ignored (the live queries), leaving them valid again afterwards. */
  const live = async () => {
    await t.sql(`update customer_summary_state set valid = false`);
    try {
      return await everything();
    } finally {
      await t.sql(`update customer_summary_state set valid = true`);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seed(t);
    ({ tokens } = await t.signInAll([...CALLERS, 'partner@lianxi.test']));
  });
  afterAll(() => t.close());

  it('writing the metric tables makes the summaries stale; writing them makes them valid, and the dashboards read them', async () => {
    const [stale] = await t.sql<{ valid: boolean }>(`select valid from customer_summary_state`);
    expect(stale.valid).toBe(false);
    expect(await writeCustomerSummaries(t.app.get(DataSource))).toBe(true);
    const [state] = await t.sql<{ valid: boolean }>(`select valid from customer_summary_state`);
    expect(state.valid).toBe(true);
    // Read from the summaries: a doctored summary row shows (and is put back).
    await t.sql(`update customer_bucket_summaries set customers = customers + 1000 where dimension = 'segment' and key = 'lost'`);
    expect(segments(await get('gm@lianxi.test', '/distribution?by=segment')).lost).toBe(1001);
    await t.sql(`update customer_bucket_summaries set customers = customers - 1000 where dimension = 'segment' and key = 'lost'`);
    // A metric write (any statement) invalidates them: the live query answers.
    await t.sql(`update customer_metrics set revenue = revenue where account_id = $1`, [ids.c1]);
    const [after] = await t.sql<{ valid: boolean }>(`select valid from customer_summary_state`);
    expect(after.valid).toBe(false);
    expect(await writeCustomerSummaries(t.app.get(DataSource))).toBe(true);
  });

  it('restricted, shared and cross-team accounts are added per caller: the same figures as the live queries', async () => {
    const summed = await everything();
    expect(summed).toEqual(await live());
    // rep.e1: the team E1 (a1, a2, a3), their own restricted account, the restricted account rep.e2 shared with them,
    // and the N1 account shared with their team.
    expect(segments(await get('rep.e1@lianxi.test', '/distribution?by=segment'))).toEqual({ champions: 3, loyal: 1, hibernating: 1, unscored: 1 });
    // rep.e1b: the team E1 and the team share; neither restricted account.
    expect(segments(await get('rep.e1b@lianxi.test', '/distribution?by=segment'))).toEqual({ champions: 2, hibernating: 1, unscored: 1 });
    // The owner of the shared restricted account sees it; the rest of EAST's managers see no restricted account.
    expect(segments(await get('rep.e2@lianxi.test', '/distribution?by=segment'))).toEqual({ at_risk: 1, loyal: 1 });
    expect(segments(await get('manager.east@lianxi.test', '/distribution?by=segment'))).toEqual({ champions: 2, at_risk: 1, unscored: 1 });
    const gm = await get('gm@lianxi.test', '/distribution?by=segment&include=profit');
    expect(segments(gm)).toEqual({ champions: 2, at_risk: 1, lost: 1, hibernating: 1, promising: 1, unscored: 1 });
    expect(gm.buckets.find((b: { key: string | null }) => b.key === 'champions')).toEqual({ key: 'champions', customers: 2, revenue: '1200.00', predictedClv: '500.00', profit: '400.00', historicClv: '400.00' });
    const rep = await get('rep.e1@lianxi.test', '/retention?include=revenue');
    expect(rep.years.map((y: { year: number; active: number; revenue: string }) => [y.year, y.active, y.revenue])).toEqual([
      [2021, 1, '90.00'], [2022, 1, '300.00'], [2023, 3, '430.00'], [2024, 4, '5540.00'],
    ]);
  });

  it('accounts moved, restricted, binned or restored after the summaries count where they are now', async () => {
    const [n1] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.n1@lianxi.test'`);
    const [e2] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e2@lianxi.test'`);
    await t.sql(`update accounts set owner_id = $2, team_id = $3 where id = $1`, [ids.b1, n1.id, n1.team_id]);
    await t.sql(`update accounts set restricted = true where id = $1`, [ids.a2]);
    await t.sql(`update accounts set deleted_at = now() where id = $1`, [ids.c1]);
    // Moved twice: the summaries counted it where it was before the first move.
    await t.sql(`update accounts set owner_id = $2, team_id = $3 where id = $1`, [ids.crossTeam, e2.id, e2.team_id]);
    await t.sql(`update accounts set owner_id = $2, team_id = $3 where id = $1`, [ids.crossTeam, n1.id, n1.team_id]);
    await t.sql(`update accounts set owner_id = $2, team_id = $3 where id = $1`, [ids.crossTeam, e2.id, e2.team_id]);
    const [state] = await t.sql<{ valid: boolean }>(`select valid from customer_summary_state`);
    expect(state.valid).toBe(true);
    expect(await everything()).toEqual(await live());
    expect(segments(await get('manager.east@lianxi.test', '/distribution?by=segment'))).toEqual({ champions: 1, hibernating: 1, unscored: 1 });
    expect(segments(await get('gm@lianxi.test', '/distribution?by=segment'))).toEqual({ champions: 1, at_risk: 1, hibernating: 1, promising: 1, unscored: 1 });
    // Restored from the bin: counted again.
    await t.sql(`update accounts set deleted_at = null where id = $1`, [ids.c1]);
    expect(await everything()).toEqual(await live());
    expect(segments(await get('gm@lianxi.test', '/distribution?by=segment')).lost).toBe(1);
  });

  it('a partner user (given analytics read here) is never served from team sums: only their partner account\'s customers', async () => {
    await t.sql(`insert into object_permissions (role_id, object_type, action, level) select id, 'analytics', 'read', 'all' from roles where key = 'partner'
                 on conflict (role_id, object_type, action) do update set level = 'all'`);
    const body = await get('partner@lianxi.test', '/distribution?by=segment');
    expect(segments(body)).toEqual({ promising: 1 });
    const [state] = await t.sql<{ valid: boolean }>(`select valid from customer_summary_state`);
    expect(state.valid).toBe(true);
  });
});
