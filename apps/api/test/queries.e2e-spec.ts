import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { writeCustomerSummaries } from '../src/analytics/metrics/metric-summaries';
import { API_KEY_PRINCIPAL_SQL, SESSION_PRINCIPAL_SQL } from '../src/identity/auth/principal-query';
import { writeSatisfactionSummaries } from '../src/sales/reports/satisfaction-summaries';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The SQL behind the important reads, committed under `apps/api/queries/` so reviewers see what PostgreSQL is asked
 * (record scopes, shares, capabilities) and a change to it cannot slip by: this test fails when a query differs
 * from its file. `pnpm --filter @lianxi/api queries` (UPDATE_QUERIES=1) rewrites them after an intended change.
 */
const QUERIES_DIR = resolve(__dirname, '../queries');
const UPDATE = process.env.UPDATE_QUERIES === '1';

interface Scenario {
  file: string;
  who: string;
  what: string;
  path: (ids: Record<string, string>) => string;
  /** Run before the request (not captured): the state the scenario is about. */
  setup?: (t: TestApp) => Promise<void>;
}

/** The per-team summaries a recompute writes at its end (the scenarios before these read with none: live queries). */
const withSummaries = async (t: TestApp) => {
  await writeCustomerSummaries(t.app.get(DataSource));
};

const withSatisfactionSummaries = async (t: TestApp) => {
  await writeSatisfactionSummaries(t.app.get(DataSource));
};

/** An order of team E1 in a currency without any rate (the demo's orders are all covered: nothing would be counted). */
const withUncoveredOrder = async (t: TestApp) => {
  await t.sql(
    `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
     select gen_random_uuid(), 'SO-QUERIES-JPY', a.id, 'JPY', 'confirmed', date '2015-01-01', 0, 100, 0, 100, a.owner_id, a.team_id
       from accounts a where a.name = '徐州恒达工程机械有限公司'
     on conflict (number) do nothing`,
  );
};

const SCENARIOS: Scenario[] = [
  { file: 'accounts.list.rep', who: 'rep.e1', what: 'first page of accounts by name, team scope, with a restricted own record and no shares', path: () => '/api/v1/accounts?limit=50' },
  { file: 'accounts.list.manager', who: 'manager.east', what: 'first page of accounts by name, subtree scope', path: () => '/api/v1/accounts?limit=50' },
  { file: 'accounts.list.director', who: 'director', what: 'first page of accounts by name, all, restricted ones excepted', path: () => '/api/v1/accounts?limit=50' },
  { file: 'accounts.list.shared', who: 'rep.n1', what: 'first page of accounts by name, team scope widened by a read share', path: () => '/api/v1/accounts?limit=50' },
  { file: 'accounts.list.partner', who: 'partner', what: 'first page of accounts, confined to the partner account', path: () => '/api/v1/accounts?limit=50' },
  { file: 'accounts.search.rep', who: 'rep.e1', what: 'search by name, sorted by region descending', path: () => '/api/v1/accounts?q=%E5%BE%90%E5%B7%9E&sort=-region' },
  { file: 'accounts.search-by-position.rep', who: 'rep.e1', what: 'a short Chinese term, sorted by name: the names starting with it (a range of the name order), the names containing it further in (window, then their grams), and the union of both pages in order', path: () => '/api/v1/accounts?q=%E5%BE%90%E5%B7%9E&limit=50' },
  { file: 'accounts.search-trigram.rep', who: 'rep.e1', what: 'search by 3+ characters: name, phone and email ilike, each served by its pg_trgm GIN index (see accounts-details.e2e-spec.ts for the plan)', path: () => '/api/v1/accounts?q=%E6%81%92%E8%BE%BE%E5%B7%A5%E7%A8%8B' },
  { file: 'accounts.search-masked.marketing', who: 'marketing', what: 'search as a role reading phones masked: the phone takes no part in the match', path: () => '/api/v1/accounts?q=%E6%81%92%E8%BE%BE%E5%B7%A5%E7%A8%8B' },
  { file: 'accounts.duplicates.rep', who: 'rep.e1', what: 'possible duplicates: normalised name, phone digits or email without case, within the read scope', path: () => '/api/v1/accounts/duplicates?name=%E5%BE%90%E5%B7%9E%E6%81%92%E8%BE%BE&phone=13812345678&email=a%40b.cn' },
  { file: 'search.rep', who: 'rep.e1', what: 'the header search: accounts, contacts and leads, each list search through its own scope', path: () => '/api/v1/search?q=%E6%81%92%E8%BE%BE%E5%B7%A5%E7%A8%8B' },
  { file: 'accounts.get.rep', who: 'rep.e1', what: 'one account with what the caller may do with it (myAccess)', path: (ids) => `/api/v1/accounts/${ids.account}` },
  { file: 'accounts.summary.rep', who: 'rep.e1', what: 'the 360° page\'s key figures: open, weighted and won (by stage history) opportunities, open quotes and orders, receivables, each within its object\'s read scope', path: (ids) => `/api/v1/accounts/${ids.account}/summary` },
  { file: 'accounts.contacts.rep', who: 'rep.e1', what: 'an account\'s contacts (related list): the account must be visible first', path: (ids) => `/api/v1/accounts/${ids.account}/contacts` },
  { file: 'opportunities.list.rep', who: 'rep.e1', what: 'first page of opportunities by amount, descending (zero-padded numeric text in collation "C"), team scope', path: () => '/api/v1/opportunities?sort=-amount&limit=50' },
  { file: 'opportunities.forecast.manager', who: 'manager.east', what: 'weighted forecast by quarter: the subtree read scope inside the aggregate, lost stages excluded', path: () => '/api/v1/opportunities/forecast?groupBy=period&period=quarter' },
  { file: 'reports.sales.manager', who: 'manager.east', what: 'sales report by team for a year: the subtree read scope inside the aggregate, cancelled orders out, totals by grouping sets', path: () => '/api/v1/reports/sales?groupBy=team&from=2026-01-01&to=2026-12-31' },
  { file: 'reports.profit.director', who: 'director', what: 'revenue, cost and profit by customer: each order\'s lines summed first (cost known or not), the read scope inside the aggregate', path: () => '/api/v1/reports/sales?groupBy=account&include=profit&from=2026-01-01&to=2026-12-31' },
  { file: 'reports.funnel.rep', who: 'rep.e1', what: 'pipeline funnel: the team-scoped cohort\'s furthest stage from the stage history, counted per stage of the default pipeline', path: () => '/api/v1/reports/funnel' },
  { file: 'reports.commission.rep', who: 'rep.e1', what: 'commission basis: payments dated in the window on the team-scoped orders, per owner, with bookings for reference', path: () => '/api/v1/reports/commission?from=2026-01-01&to=2026-12-31' },
  { file: 'reports.satisfaction.rep', who: 'rep.e1', what: 'satisfaction metrics by quarter with revenue per category: activity, churn and first purchases over the team-scoped orders, referral leads in the lead scope', path: () => '/api/v1/reports/satisfaction?from=2026-01-01&to=2026-12-31&period=quarter&include=revenue' },
  { file: 'reports.satisfaction-churned.rep', who: 'rep.e1', what: 'the customers who churned in a quarter (the satisfaction report\'s drill-down): team-scoped orders, the customers active the quarter before, those with no order since, first page by last order day', path: () => '/api/v1/reports/satisfaction/customers?from=2026-01-01&to=2026-12-31&period=quarter&kind=churned&start=2026-04-01' },
  { file: 'reports.satisfaction-attracted-item.rep', who: 'rep.e1', what: 'the customers an item (product category) attracted over the window: first visible order day in the window, one of that day\'s orders with a line of the category', path: () => '/api/v1/reports/satisfaction/customers?from=2026-01-01&to=2026-12-31&period=quarter&kind=attracted&item=0190a0b0-0000-7000-8000-0000000c0001' },
  { file: 'activities.timeline.rep', who: 'rep.e1', what: 'an account\'s timeline, latest first (millisecond UTC text in collation "C"), team scope', path: (ids) => `/api/v1/activities?accountId=${ids.account}&limit=50` },
  { file: 'products.list.partner', who: 'partner', what: 'catalogue page by code for a partner (active products only), searched by code or names', path: () => '/api/v1/products?q=XE&limit=50' },
  { file: 'exchange-rates.list.rep', who: 'rep.e1', what: 'a page of one currency\'s exchange rates, newest first (keyset on valid_from, currency: the primary key read backwards)', path: () => '/api/v1/exchange-rates?currency=USD&limit=12' },
  { file: 'exchange-rates.missing.rep', who: 'rep.e1', what: 'the orders without a rate per currency: the currencies orders have (a skip over the currency index) with their first rate, then the team-scoped live orders dated before it, one index range per currency; counts and days only', path: () => '/api/v1/exchange-rates/missing', setup: withUncoveredOrder },
  { file: 'leads.list.rep', who: 'rep.e1', what: 'first page of new leads by name, team scope, status filter', path: () => '/api/v1/leads?status=new&limit=50' },
  { file: 'leads.conversion-matches.rep', who: 'rep.e1', what: 'the lead, then the live accounts the caller can read whose normalised name equals its company', path: (ids) => `/api/v1/leads/${ids.lead}/conversion-matches` },
  { file: 'quotes.list.rep', who: 'rep.e1', what: 'first page of draft quotes, newest number first, team scope, status filter', path: () => '/api/v1/quotes?status=draft&limit=50' },
  { file: 'quotes.approvals.manager', who: 'manager.east', what: 'the approval inbox: pending quotes routed to a sales manager over the owner\'s team, within the subtree read scope, never the caller\'s own', path: () => '/api/v1/approvals?limit=20' },
  { file: 'customers.distribution.rep', who: 'rep.e1', what: 'customers by RFM segment with revenue and predicted CLV sums: the metric rows of the team-scoped accounts, grouped', path: () => '/api/v1/analytics/customers/distribution?by=segment&include=revenue' },
  { file: 'customers.list.manager', who: 'manager.east', what: 'first page of customers by predicted CLV (keyset on the CLV in cents, unscored last, and account_id: index customer_metrics_sort_predicted_clv_idx of migration 363), subtree scope', path: () => '/api/v1/analytics/customers?sort=-predictedClv&include=revenue&limit=50' },
  { file: 'customers.list-segment.director', who: 'director', what: 'the customers of one segment (a chart\'s drill-down) by loyalty, all, restricted ones excepted: the (segment hash, loyalty) index of migration 363, the segment itself rechecked', path: () => '/api/v1/analytics/customers?segment=at_risk&sort=-loyalty&limit=50' },
  { file: 'customers.list-unscored.director', who: 'director', what: 'the unscored customers (a chart\'s null bucket) by loyalty: ordered first by the (null) segment hash so that the (segment hash, loyalty) index of migration 363 serves the range', path: () => '/api/v1/analytics/customers?segment=unscored&sort=-loyalty&limit=50' },
  { file: 'customers.retention.director', who: 'director', what: 'retention per year: each visible customer\'s years joined to the year before and after, counted per year with the profit of those who do not come back', path: () => '/api/v1/analytics/customers/retention?include=profit' },
  { file: 'customers.distribution-summaries.rep', who: 'rep.e1', what: 'customers by RFM segment from the per-team summaries of the latest recompute (team E1), minus accounts whose team, owner, restriction or bin state changed since, plus those now visible that no team sum holds (changed, restricted, shared): by id or by owner among restricted accounts', path: () => '/api/v1/analytics/customers/distribution?by=segment&include=revenue', setup: withSummaries },
  { file: 'customers.retention-summaries.director', who: 'director', what: 'retention per year from the per-team summaries (all teams), with the same per-account corrections over the corrected accounts\' years', path: () => '/api/v1/analytics/customers/retention?include=profit', setup: withSummaries },
  { file: 'reports.satisfaction-summaries.rep', who: 'rep.e1', what: 'satisfaction metrics by quarter from the summaries (the rows of team E1: its single-team customers), with the facts of the customers of restricted or shared orders the caller sees and of the customers of several teams added, and the team rows\' facts of them subtracted (customers found by share id, by owner among restricted orders, by team among the listed customers of several teams)', path: () => '/api/v1/reports/satisfaction?from=2026-01-01&to=2026-12-31&period=quarter&include=revenue', setup: withSatisfactionSummaries },
  { file: 'reports.satisfaction-summaries.manager', who: 'manager.east', what: 'satisfaction metrics by quarter from the summaries: the rows of the subtree\'s teams, with the same per-customer corrections', path: () => '/api/v1/reports/satisfaction?from=2026-01-01&to=2026-12-31&period=quarter&include=revenue', setup: withSatisfactionSummaries },
  { file: 'reports.satisfaction-summaries.gm', who: 'gm', what: 'satisfaction metrics by quarter from the summaries (the rows of every customer), with the same per-customer corrections', path: () => '/api/v1/reports/satisfaction?from=2026-01-01&to=2026-12-31&period=quarter&include=revenue', setup: withSatisfactionSummaries },
  { file: 'contacts.list.quality', who: 'quality', what: 'contacts for the quality inspector (phone and email hidden: filtered on the way out)', path: () => '/api/v1/contacts?limit=50' },
];

/** One statement per line block, keywords on their own lines, so diffs of a changed scope are readable. */
function format(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/ (from|left join|inner join|join|where|order by|group by|limit|for update) /gi, '\n  $1 ')
    .replace(/ AND /g, '\n  AND ')
    .trim();
}

describe('committed SQL of the important reads (apps/api/queries)', () => {
  let t: TestApp;
  let captured: string[] = [];
  let tokens: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const dataSource = t.app.get(DataSource);
    const logger = dataSource.logger;
    // Every statement TypeORM sends passes through its logger; keep the text, not the values (ids differ per database).
    Object.assign(logger, { logQuery: (query: string) => captured.push(query) });
    ({ tokens } = await t.signInAll(new Set(SCENARIOS.map((s) => s.who))));
    // Loads the policy cache, so no scenario depends on running first.
    await t.http.get('/api/v1/me/permissions').set('Authorization', `Bearer ${tokens['rep.e1']}`).expect(200);
    const [account] = await t.sql<{ id: string }>(`select id from accounts where name = '徐州恒达工程机械有限公司'`);
    ids.account = account.id;
    const [lead] = await t.sql<{ id: string }>(
      `insert into leads (id, name, company, source, status, owner_id, team_id) select gen_random_uuid(), '李四', '徐州恒达 工程机械有限公司', 'manual', 'new', id, team_id from users where email = 'rep.e1@lianxi.test' returning id`,
    );
    ids.lead = lead.id;
    const [rep] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
    const [e2] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where u.email = 'rep.e2@lianxi.test' limit 1`);
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access) values (gen_random_uuid(), 'account', $1, $2, 'read')`, [e2.id, rep.id]);
    if (UPDATE) {
      rmSync(QUERIES_DIR, { recursive: true, force: true });
      mkdirSync(QUERIES_DIR, { recursive: true });
    }
  });
  afterAll(() => t.close());

  it.each(SCENARIOS.map((s) => [s.file, s] as const))('%s', async (_, scenario) => {
    await scenario.setup?.(t);
    captured = [];
    const path = scenario.path(ids);
    await t.http.get(path).set('Authorization', `Bearer ${tokens[scenario.who]}`).expect(200);
    check(scenario.file, `GET ${path.replace(ids.account ?? '-', '{id}').replace(ids.lead ?? '-', '{id}')} as ${scenario.who}@lianxi.test: ${scenario.what}`, captured, '-- (after the principal load of principal.sql)');
  });

  // Prepared statements on the pool (not through TypeORM's logger): written from their constants.
  it('principal', () => {
    check('principal', 'every authenticated request: the caller, their roles, the policy version and their shares, by session or by API key', [SESSION_PRINCIPAL_SQL, API_KEY_PRINCIPAL_SQL]);
  });

  /** Writes (UPDATE_QUERIES=1) or compares one committed file. */
  function check(name: string, title: string, statements: string[], preamble?: string): void {
    const text = [
      `-- Generated by apps/api/test/queries.e2e-spec.ts: do not edit; run \`pnpm --filter @lianxi/api queries\` after an intended change.`,
      `-- ${title}`,
      ...(preamble ? [preamble] : []),
      '',
      ...statements.map((sql) => `${format(sql)};\n`),
    ].join('\n');
    const file = join(QUERIES_DIR, `${name}.sql`);
    if (UPDATE) writeFileSync(file, text);
    else expect(existsSync(file) ? readFileSync(file, 'utf8') : `(missing ${file}: run pnpm --filter @lianxi/api queries)`).toBe(text);
  }

  it('has no stale files', () => {
    const expected = ['principal.sql', ...SCENARIOS.map((s) => `${s.file}.sql`)].sort();
    expect(readdirSync(QUERIES_DIR).sort()).toEqual(expected);
  });
});
