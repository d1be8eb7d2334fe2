import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { convertedMoneySql } from '../sales/exchange-rates/currency-conversion';
import { divideRounded, fromScaled, orderTotals, priceLine, quoteTotals, toScaled } from '../sales/pricing/money';
import { ACCOUNTS, DEMO_COMPETITORS, DEMO_PARTNER, DEMO_QUOTES, demoLeads, demoOpportunities } from './demo-organisation';
import {
  BRANDS,
  chineseAddress,
  chinesePerson,
  CITIES,
  creditCode,
  DemoCity,
  DemoForeignCity,
  DemoRandom,
  EN_ROLES,
  EN_SUFFIXES,
  EN_WORDS,
  englishPerson,
  FOREIGN_CITIES,
  foreignAddress,
  landline,
  mobile,
  TRADES,
  DemoTrade,
  ZH_ROLES,
  ZH_SUFFIXES,
} from './demo-volume-names';

/**
 * The demo volume (issue 4, "Demo data"): on the first start of a demo instance, after the hand-written demo
 * organisation, a machinery maker's customer base at a realistic size — about 2,000 accounts, 5,000 contacts, 1,000
 * leads and 1,500 opportunities in all (the hand-written records included), quotes in every approval state, orders in
 * every status with payments and receivables in every ageing bucket, and each demo rep's diary. Deterministic (a
 * seeded generator; dates relative to the load day) and set-based (one `insert … select from unnest(…)` per table and
 * batch), so it adds seconds to a first start. Never part of the test template: the API specs count on the
 * hand-written records alone (test/demo-volume.e2e-spec.ts loads it into a database of its own).
 */

/** The totals the issue asks for, hand-written records included. */
export const DEMO_VOLUME_TARGETS = { accounts: 2000, contacts: 5000, leads: 1000, opportunities: 1500 };
/** Generated on top of those: quotes (some converted to orders) and orders. */
const QUOTE_PLAN = { draft: 120, managerPending: 30, directorPending: 20, approved: 150, rejected: 30, sent: 130, accepted: 120 };
const CONVERTED_SENT = 80;
const DIRECT_ORDERS = 500;
const SEED = 20261202;
const AUDIT_ACTION = 'system.demo_volume_loaded';

export interface DemoVolumeCounts {
  accounts: number;
  contacts: number;
  leads: number;
  opportunities: number;
  quotes: number;
  orders: number;
  payments: number;
  activities: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Who owns how many of the generated accounts (percent); the partner's are Distributor X's customers. */
const OWNER_SHARES: Array<[email: string, percent: number]> = [
  ['rep.e1@lianxi.test', 16],
  ['rep.e1b@lianxi.test', 15],
  ['rep.e2@lianxi.test', 19],
  ['rep.n1@lianxi.test', 23],
  ['manager.east@lianxi.test', 8],
  ['director@lianxi.test', 6],
  ['partner@lianxi.test', 13],
];
/** East reps' discounts of 10–20 % go to their regional manager (manager.east); nobody else has one below the director. */
const EAST_REPS = ['rep.e1@lianxi.test', 'rep.e1b@lianxi.test', 'rep.e2@lianxi.test'];
const DIARY_OWNERS = [...EAST_REPS, 'rep.n1@lianxi.test', 'manager.east@lianxi.test', 'director@lianxi.test', 'partner@lianxi.test'];

/** Which machines each industry buys (product codes of the demo catalogue), and the parts and services they add. */
const MACHINES: Record<DemoTrade['industry'], string[]> = {
  construction: ['XE215', 'XE155D', 'XE370', 'ZL50', 'QY25', 'XE245DK'],
  mining: ['XE490DK', 'XE700D', 'LW800KV', 'XE370', 'LW500FV'],
  rental: ['XE35U', 'XE60DA', 'XE80D', 'XC740K', 'XC760K', 'QY25'],
  infrastructure: ['XE155D', 'XE80D', 'QY50KA', 'ZL30', 'XE215'],
  logistics: ['QY50KA', 'QY70K', 'XGC100', 'LW500FV', 'XGC260'],
  agriculture: ['XE35U', 'XE60DA', 'XC740K', 'ZL30'],
};
const ADD_ONS = ['HYD-KIT-01', 'HYD-PUMP-K3V', 'ENG-FILTER-OIL', 'ENG-FILTER-AIR', 'WEAR-BUCKET-TOOTH', 'WEAR-TRACK-SHOE', 'SVC-FULL-3Y', 'SVC-BASIC-1Y', 'SVC-EXTENDED-WARRANTY', 'SVC-OPERATOR-TRAINING', 'SVC-REMOTE'];
/** How many of an add-on go with a machine. */
const ADD_ON_QUANTITY: Record<string, [number, number]> = {
  'ENG-FILTER-OIL': [20, 120], 'ENG-FILTER-AIR': [20, 60], 'WEAR-BUCKET-TOOTH': [20, 150], 'WEAR-TRACK-SHOE': [40, 80],
};
const LOST_REASONS = ['价格高于竞品', '交期无法满足', '客户项目延期', '客户选择了竞品', '付款条件未谈妥', 'Budget cut by the customer'];
const OUTCOMES = ['客户确认采购意向，等待预算审批。', '需求已确认，下周提交技术方案。', '客户对价格有异议，需申请特价。', '约好下周现场演示。', '客户暂缓采购，季度末再跟进。', '设备运行良好，客户有增购计划。', '已发送报价单，客户内部评审中。'];
const EN_OUTCOMES = ['Customer confirmed interest, waiting for budget approval.', 'Requirements agreed; technical proposal next week.', 'Price concerns: special price to be requested.', 'Demo on site booked for next week.'];

interface Owner {
  email: string;
  id: string;
  teamId: string | null;
  teamPath: string | null;
}

interface Product {
  code: string;
  id: string;
  name: string;
  nameEn: string;
  price: string;
  tiers: Array<[number, string]>;
}

interface Stage {
  id: string;
  pipelineId: string;
  probability: number;
  kind: string;
}

interface Account {
  id: string;
  name: string;
  short: string;
  english: boolean;
  industry: DemoTrade['industry'];
  region: string;
  owner: Owner;
  partner: boolean;
  restricted: boolean;
  ownerOnlyEdit: boolean;
  domain: string;
  tier: 'strategic' | 'key' | 'standard' | 'small';
  row: unknown[];
  contactIds: string[];
  opportunityIds: string[];
}

interface Line {
  product: Product;
  quantity: number;
  listPrice: string;
  discountPercent: string;
  netPrice: string;
  lineTotal: string;
}

/** Rows per table, in column order (see insert() below). */
interface Rows {
  accounts: unknown[][];
  contacts: unknown[][];
  leads: unknown[][];
  opportunities: unknown[][];
  stageHistory: unknown[][];
  quotes: unknown[][];
  quoteLines: unknown[][];
  quoteApprovals: unknown[][];
  orders: unknown[][];
  orderLines: unknown[][];
  orderHistory: unknown[][];
  payments: unknown[][];
  activities: unknown[][];
}

/**
 * Adds the demo volume to a database holding the hand-written demo organisation, in one transaction; answers what it
 * made, or null when it was there already (a second replica, or a restart after a partial first start).
 */
export async function loadDemoVolume(databaseUrl: string, baseCurrency = 'CNY'): Promise<DemoVolumeCounts | null> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin');
    // Several replicas starting at once: the first loads, the others find its audit event.
    await db.query('select pg_advisory_xact_lock(7311044)');
    const [done] = (await db.query('select 1 from audit_events where action = $1 limit 1', [AUDIT_ACTION])).rows;
    const [partner] = (await db.query('select id from partner_accounts where name_en = $1', [DEMO_PARTNER.nameEn])).rows as Array<{ id: string }>;
    if (done || !partner) {
      await db.query('rollback');
      return null;
    }
    const owners = new Map(
      ((await db.query('select u.email, u.id, u.team_id, t.path from users u left join teams t on t.id = u.team_id')).rows as Array<{ email: string; id: string; team_id: string | null; path: string | null }>)
        .map((u) => [u.email, { email: u.email, id: u.id, teamId: u.team_id, teamPath: u.path }]),
    );
    const stages = ((await db.query(
      'select s.id, s.pipeline_id, s.probability, s.kind from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default order by s.position',
    )).rows as Array<{ id: string; pipeline_id: string; probability: number; kind: string }>).map((s) => ({ id: s.id, pipelineId: s.pipeline_id, probability: s.probability, kind: s.kind }));
    const catalogue = await loadCatalogue(db);
    const [{ today, now }] = (await db.query(`select to_char(current_date, 'YYYY-MM-DD') as today, now() as now`)).rows as Array<{ today: string; now: Date }>;
    const financeId = owners.get('finance@lianxi.test')?.id ?? null;
    const rows = buildVolume({ owners, stages, catalogue, partnerId: partner.id, financeId, today, now: now.getTime() });

    await insert(db, 'accounts', ACCOUNT_COLUMNS, rows.accounts);
    // Parents first: a child's reference is filled in once every account exists (the rows carry it aside).
    await db.query(
      `update accounts a set parent_account_id = p.parent from unnest($1::uuid[], $2::uuid[]) as p(child, parent) where a.id = p.child`,
      [rows.accounts.filter((r) => r[PARENT_INDEX]).map((r) => r[0]), rows.accounts.filter((r) => r[PARENT_INDEX]).map((r) => r[PARENT_INDEX])],
    );
    await insert(db, 'contacts', CONTACT_COLUMNS, rows.contacts);
    await insert(db, 'opportunities', OPPORTUNITY_COLUMNS, rows.opportunities);
    await insert(db, 'opportunity_stage_history', STAGE_HISTORY_COLUMNS, rows.stageHistory);
    await insert(db, 'leads', LEAD_COLUMNS, rows.leads);
    await insert(db, 'quotes', QUOTE_COLUMNS, rows.quotes);
    await insert(db, 'quote_lines', QUOTE_LINE_COLUMNS, rows.quoteLines);
    await insert(db, 'quote_approvals', QUOTE_APPROVAL_COLUMNS, rows.quoteApprovals);
    await insert(db, 'orders', ORDER_COLUMNS, rows.orders);
    await insert(db, 'order_lines', ORDER_LINE_COLUMNS, rows.orderLines);
    // Each line keeps its product's cost in the order's currency at the order day's rates, as the API does when it
    // writes a line (one statement for them all; null — uncosted — where a rate is missing).
    await db.query(
      `update order_lines l set unit_cost = ${convertedMoneySql('p.cost_price', 'p.cost_currency', 'o.currency', 'o.order_date', '$1::text')}
         from products p, orders o
        where p.id = l.product_id and o.id = l.order_id and l.unit_cost is null and p.cost_price is not null`,
      [baseCurrency],
    );
    await insert(db, 'order_status_history', ORDER_HISTORY_COLUMNS, rows.orderHistory);
    await insert(db, 'payments', PAYMENT_COLUMNS, rows.payments);
    await insert(db, 'activities', ACTIVITY_COLUMNS, rows.activities);
    // The API numbers the next quotes after the demo's.
    await db.query(`select setval('quote_number_seq', $1)`, [DEMO_QUOTES.length + rows.quotes.length]);
    const counts: DemoVolumeCounts = {
      accounts: rows.accounts.length,
      contacts: rows.contacts.length,
      leads: rows.leads.length,
      opportunities: rows.opportunities.length,
      quotes: rows.quotes.length,
      orders: rows.orders.length,
      payments: rows.payments.length,
      activities: rows.activities.length,
    };
    await db.query(`insert into audit_events (id, category, action, details) values ($1, 'security', $2, $3)`, [uuidv7(), AUDIT_ACTION, JSON.stringify(counts)]);
    await db.query('commit');
    // Fresh statistics, so the first lists and reports plan for thousands of rows, not for the empty tables.
    await db.query(`analyze ${VOLUME_TABLES.join(', ')}`);
    return counts;
  } catch (error) {
    await db.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/** The default lists' active products by currency and code, with their quantity tiers. */
async function loadCatalogue(db: Client): Promise<Map<string, Map<string, Product>>> {
  const rows = (await db.query(
    `select l.currency, p.code, p.id, p.name, p.name_en, e.list_price::text as price,
            coalesce(json_agg(json_build_array(t.min_quantity, t.price::text) order by t.min_quantity) filter (where t.entry_id is not null), '[]') as tiers
       from price_list_entries e join price_lists l on l.id = e.price_list_id join products p on p.id = e.product_id
       left join price_list_tiers t on t.entry_id = e.id
      where l.is_default and p.active
      group by l.currency, p.code, p.id, p.name, p.name_en, e.list_price`,
  )).rows as Array<{ currency: string; code: string; id: string; name: string; name_en: string; price: string; tiers: Array<[number, string]> }>;
  const byCurrency = new Map<string, Map<string, Product>>();
  for (const r of rows) {
    const list = byCurrency.get(r.currency) ?? new Map<string, Product>();
    list.set(r.code, { code: r.code, id: r.id, name: r.name, nameEn: r.name_en, price: r.price, tiers: r.tiers });
    byCurrency.set(r.currency, list);
  }
  return byCurrency;
}

type Column = [name: string, type: string, expression?: string];

const VOLUME_TABLES = ['accounts', 'contacts', 'leads', 'opportunities', 'opportunity_stage_history', 'quotes', 'quote_lines', 'quote_approvals', 'orders', 'order_lines', 'order_status_history', 'payments', 'activities'];

const ACCOUNT_COLUMNS: Column[] = [
  ['id', 'uuid'], ['name', 'text'], ['industry', 'text'], ['region', 'text'], ['phone', 'text'], ['email', 'text'], ['owner_id', 'uuid'], ['team_id', 'uuid'],
  ['partner_account_id', 'uuid'], ['owner_only_edit', 'boolean'], ['restricted', 'boolean'], ['tier', 'text'], ['billing_address', 'jsonb'],
  ['shipping_address', 'jsonb'], ['website', 'text'], ['tax_number', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
/** The parent's id rides after the account's columns (set by an update once all accounts exist). */
const PARENT_INDEX = ACCOUNT_COLUMNS.length;
const CONTACT_COLUMNS: Column[] = [
  ['id', 'uuid'], ['account_id', 'uuid'], ['name', 'text'], ['title', 'text'], ['department', 'text'], ['phone', 'text'], ['mobile', 'text'], ['email', 'text'],
  ['is_primary', 'boolean'], ['owner_id', 'uuid'], ['team_id', 'uuid'], ['partner_account_id', 'uuid'], ['restricted', 'boolean'], ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const OPPORTUNITY_COLUMNS: Column[] = [
  ['id', 'uuid'], ['name', 'text'], ['account_id', 'uuid'], ['pipeline_id', 'uuid'], ['stage_id', 'uuid'], ['amount', 'numeric'], ['currency', 'text'],
  ['probability', 'int'], ['expected_close_date', 'date'], ['competitors', 'text', `string_to_array(c9, '|')`], ['description', 'text'], ['owner_id', 'uuid'],
  ['team_id', 'uuid'], ['partner_account_id', 'uuid'], ['owner_only_edit', 'boolean'], ['restricted', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const STAGE_HISTORY_COLUMNS: Column[] = [['id', 'uuid'], ['opportunity_id', 'uuid'], ['from_stage_id', 'uuid'], ['to_stage_id', 'uuid'], ['changed_by', 'uuid'], ['changed_at', 'timestamptz']];
const LEAD_COLUMNS: Column[] = [
  ['id', 'uuid'], ['name', 'text'], ['company', 'text'], ['title', 'text'], ['phone', 'text'], ['email', 'text'], ['source', 'text'], ['status', 'text'],
  ['disqualified_reason', 'text'], ['rating', 'text'], ['region', 'text'], ['industry', 'text'], ['converted_at', 'timestamptz'], ['converted_account_id', 'uuid'],
  ['converted_contact_id', 'uuid'], ['owner_id', 'uuid'], ['team_id', 'uuid'], ['partner_account_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const QUOTE_COLUMNS: Column[] = [
  ['id', 'uuid'], ['number', 'text'], ['account_id', 'uuid'], ['opportunity_id', 'uuid'], ['currency', 'text'], ['valid_until', 'date'], ['status', 'text'],
  ['tax_rate', 'numeric'], ['notes', 'text'], ['subtotal', 'numeric'], ['discount_total', 'numeric'], ['net_total', 'numeric'], ['tax_total', 'numeric'],
  ['grand_total', 'numeric'], ['max_discount_percent', 'numeric'], ['approval_role', 'text'], ['approval_team_path', 'text'], ['submitted_at', 'timestamptz'], ['decided_at', 'timestamptz'],
  ['sent_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['owner_id', 'uuid'], ['team_id', 'uuid'], ['partner_account_id', 'uuid'], ['owner_only_edit', 'boolean'],
  ['restricted', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const QUOTE_LINE_COLUMNS: Column[] = [
  ['id', 'uuid'], ['quote_id', 'uuid'], ['position', 'int'], ['product_id', 'uuid'], ['description', 'text'], ['quantity', 'numeric'], ['list_price', 'numeric'],
  ['discount_percent', 'numeric'], ['net_price', 'numeric'], ['line_total', 'numeric'],
];
const QUOTE_APPROVAL_COLUMNS: Column[] = [
  ['id', 'uuid'], ['quote_id', 'uuid'], ['action', 'text'], ['approver_role', 'text'], ['max_discount_percent', 'numeric'], ['comment', 'text'], ['actor_id', 'uuid'],
  ['occurred_at', 'timestamptz'],
];
const ORDER_COLUMNS: Column[] = [
  ['id', 'uuid'], ['number', 'text', `'SO-' || to_char(c5, 'YYYY') || '-' || lpad(nextval('order_number_seq')::text, 6, '0')`], ['account_id', 'uuid'], ['quote_id', 'uuid'],
  ['currency', 'text'], ['order_date', 'date'], ['status', 'text'], ['payment_terms_days', 'int'], ['tax_rate', 'numeric'], ['subtotal', 'numeric'], ['tax_amount', 'numeric'],
  ['total', 'numeric'], ['paid_amount', 'numeric'], ['notes', 'text'], ['owner_id', 'uuid'], ['team_id', 'uuid'], ['partner_account_id', 'uuid'], ['restricted', 'boolean'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const ORDER_LINE_COLUMNS: Column[] = [
  ['id', 'uuid'], ['order_id', 'uuid'], ['position', 'int'], ['product_id', 'uuid'], ['description', 'text'], ['quantity', 'numeric'], ['list_price', 'numeric'],
  ['discount_percent', 'numeric'], ['net_price', 'numeric'], ['line_total', 'numeric'],
];
const ORDER_HISTORY_COLUMNS: Column[] = [['id', 'uuid'], ['order_id', 'uuid'], ['from_status', 'text'], ['to_status', 'text'], ['changed_by', 'uuid'], ['changed_at', 'timestamptz'], ['note', 'text']];
const PAYMENT_COLUMNS: Column[] = [
  ['id', 'uuid'], ['order_id', 'uuid'], ['amount', 'numeric'], ['currency', 'text'], ['paid_at', 'date'], ['method', 'text'], ['reference', 'text'], ['recorded_by', 'uuid'],
  ['created_at', 'timestamptz'],
];
const ACTIVITY_COLUMNS: Column[] = [
  ['id', 'uuid'], ['kind', 'text'], ['subject', 'text'], ['status', 'text'], ['priority', 'text'], ['due_at', 'timestamptz'], ['duration_minutes', 'int'], ['location', 'text'],
  ['outcome', 'text'], ['completed_at', 'timestamptz'], ['related_type', 'text'], ['related_id', 'uuid'], ['account_id', 'uuid'], ['owner_id', 'uuid'], ['team_id', 'uuid'],
  ['partner_account_id', 'uuid'], ['restricted', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

/** One `insert … select … from unnest($1::t[], …)` per batch: one round trip for thousands of rows. */
async function insert(db: Client, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const select = columns.map(([, , expression], i) => expression ?? `c${i}`).join(', ');
  const sql = `insert into ${table} (${columns.map(([name]) => name).join(', ')}) select ${select} from unnest(${unnest}) as t(${aliases})`;
  for (let start = 0; start < rows.length; start += 2000) {
    const batch = rows.slice(start, start + 2000);
    await db.query(sql, columns.map((_, i) => batch.map((row) => row[i] ?? null)));
  }
}

interface Refs {
  owners: Map<string, Owner>;
  stages: Stage[];
  catalogue: Map<string, Map<string, Product>>;
  partnerId: string;
  financeId: string | null;
  /** The load day, YYYY-MM-DD (the database's current_date). */
  today: string;
  /** The load moment (epoch ms): today's planned visits and to-dos lie after it. */
  now: number;
}

/** Every generated row, from the seed and the load day alone. Exported for the spec of its shape. */
export function buildVolume(refs: Refs): Rows {
  const random = new DemoRandom(SEED);
  const base = Date.parse(`${refs.today}T00:00:00Z`);
  /** The day `offset` days from the load day, YYYY-MM-DD. */
  const day = (offset: number) => new Date(base + offset * DAY).toISOString().slice(0, 10);
  /** A moment on that day at `hour` China time (UTC+8), ISO. */
  const at = (offset: number, hour: number, minute = 0) => new Date(base + offset * DAY + (hour - 8) * HOUR + minute * 60_000).toISOString();
  const owner = (email: string): Owner => {
    const found = refs.owners.get(email);
    if (!found) throw new Error(`demo volume: no demo user ${email}`);
    return found;
  };
  const rows: Rows = {
    accounts: [], contacts: [], leads: [], opportunities: [], stageHistory: [], quotes: [], quoteLines: [], quoteApprovals: [], orders: [], orderLines: [],
    orderHistory: [], payments: [], activities: [],
  };
  const partnerOf = (a: { partner: boolean }) => (a.partner ? refs.partnerId : null);

  // --- Accounts ------------------------------------------------------------------------------------------------------
  const takenNames = new Set(ACCOUNTS.map((a) => a.name));
  // Keep clear of the hand-written names' beginnings, so a search for one of them finds that one.
  const handWrittenPrefixes = ACCOUNTS.map((a) => a.name.slice(0, 4));
  const accounts: Account[] = [];
  const wanted = DEMO_VOLUME_TARGETS.accounts - ACCOUNTS.length;
  const quotas = OWNER_SHARES.map(([email, percent]) => [email, Math.floor((wanted * percent) / 100)] as [string, number]);
  quotas[quotas.length - 1][1] += wanted - quotas.reduce((sum, [, n]) => sum + n, 0);

  const addAccount = (o: Owner, partner: boolean, english: boolean, region: string, name: string, short: string, domain: string, industry: DemoTrade['industry'],
    city: DemoCity | DemoForeignCity, parentId: string | null, tier: Account['tier']) => {
    const id = uuidv7();
    const rep = o.email.startsWith('rep.');
    const restricted = rep && random.chance(0.004);
    const ownerOnlyEdit = !partner && !restricted && random.chance(0.02);
    const chinese = 'adminCode' in city ? city : null;
    const foreign = 'country' in city ? city : null;
    const address = chinese ? chineseAddress(random, chinese) : foreignAddress(random, foreign as DemoForeignCity);
    const created = random.int(-720, -30);
    const account: Account = {
      id, name, short, english, industry, region, owner: o, partner, restricted, ownerOnlyEdit, domain, tier, contactIds: [], opportunityIds: [],
      row: [
        id, name, industry, region, chinese ? landline(random, chinese) : `${(foreign as DemoForeignCity).dial} ${random.digits(4)} ${random.digits(4)}`,
        `${random.pick(['info', 'purchasing', 'sales', 'office', 'contact'])}@${domain}`, o.id, o.teamId, partner ? refs.partnerId : null, ownerOnlyEdit, restricted, tier,
        JSON.stringify(address), JSON.stringify(random.chance(0.7) ? address : chinese ? chineseAddress(random, chinese) : address),
        random.chance(0.7) ? `https://www.${domain}` : null, chinese && random.chance(0.85) ? creditCode(random, chinese) : null,
        at(created, 9 + (accounts.length % 8), accounts.length % 60), at(created + random.int(0, 20), 11, accounts.length % 60), parentId,
      ],
    };
    accounts.push(account);
    rows.accounts.push(account.row);
    return account;
  };
  const tierOf = (): Account['tier'] => random.weighted([['strategic', 3], ['key', 12], ['standard', 55], ['small', 30]] as const);

  for (const [email, quota] of quotas) {
    const o = owner(email);
    const partner = email === 'partner@lianxi.test';
    const director = email === 'director@lianxi.test';
    const regionOf = email === 'rep.n1@lianxi.test' ? 'North' : director || partner ? null : 'East';
    let made = 0;
    while (made < quota) {
      const english = (director && random.chance(0.5)) || (partner && random.chance(0.25));
      const trade = random.pick(TRADES);
      const tier = tierOf();
      if (english) {
        const city = random.pick(FOREIGN_CITIES);
        const word = random.pick(EN_WORDS);
        const name = `${city.name} ${word} ${trade.en} ${random.pick(EN_SUFFIXES)}`;
        if (takenNames.has(name)) continue;
        takenNames.add(name);
        const domain = `${word.toLowerCase().replace(/\s+/g, '')}-${trade.en.toLowerCase().replace(/[^a-z]+/g, '')}.${city.domain}`;
        addAccount(o, partner, true, 'International', name, `${word} ${trade.en.split(' ')[0]}`, domain, trade.industry, city, null, tier);
        made++;
        continue;
      }
      const region = regionOf ?? (random.chance(partner ? 0.6 : 0.5) ? 'North' : 'East');
      const city = random.pick(CITIES.filter((c) => c.region === region));
      const [brand, brandPinyin] = random.pick(BRANDS);
      const suffix = random.pick(ZH_SUFFIXES);
      const name = `${city.name}${brand}${trade.zh}${suffix}`;
      if (takenNames.has(name) || handWrittenPrefixes.includes(name.slice(0, 4))) continue;
      takenNames.add(name);
      const domain = `${brandPinyin}-${city.pinyin}.example.cn`;
      const group = suffix === '集团有限公司';
      const parent = addAccount(o, partner, false, region, name, `${city.name}${brand}`, domain, trade.industry, city, null, group ? random.pick(['strategic', 'key'] as const) : tier);
      made++;
      // Some groups have branch companies in other cities of the region, owned alike (a parent–child tree).
      if (group && random.chance(0.6)) {
        for (let n = random.int(1, 3); n > 0 && made < quota; n--) {
          const branchCity = random.pick(CITIES.filter((c) => c.region === region && c.name !== city.name));
          const branch = `${name}${branchCity.name}分公司`;
          if (takenNames.has(branch)) continue;
          takenNames.add(branch);
          addAccount(o, partner, false, region, branch, `${city.name}${brand}${branchCity.name}`, `${branchCity.pinyin}.${domain}`, trade.industry, branchCity, parent.id, 'standard');
          made++;
        }
      }
    }
  }

  // --- Contacts: two each, the rest spread, so the total is the issue's --------------------------------------------
  const contactCounts = accounts.map(() => 2);
  for (let extra = DEMO_VOLUME_TARGETS.contacts - ACCOUNTS.length - 2 * accounts.length; extra > 0; extra--) contactCounts[random.int(0, accounts.length - 1)]++;
  for (const [index, a] of accounts.entries()) {
    const used = new Set<string>();
    for (let n = 0; n < contactCounts[index]; n++) {
      const person = a.english ? englishPerson(random) : chinesePerson(random);
      const [department, title] = random.pick(a.english ? EN_ROLES : ZH_ROLES);
      let local = person.pinyin;
      for (let k = 2; used.has(local); k++) local = `${person.pinyin}${k}`;
      used.add(local);
      const id = uuidv7();
      a.contactIds.push(id);
      const created = (a.row[16] as string);
      rows.contacts.push([
        id, a.id, person.name, title, department, a.english ? (a.row[4] as string) : mobile(random), a.english ? null : random.chance(0.4) ? mobile(random) : null,
        `${local}@${a.domain}`, n === 0, a.owner.id, a.owner.teamId, partnerOf(a), a.restricted, created, created,
      ]);
    }
  }

  // --- Opportunities over every stage, with the history that led there ---------------------------------------------
  const currencyOf = (a: Account) => (a.english ? 'USD' : 'CNY');
  const list = (currency: string) => refs.catalogue.get(currency) ?? new Map<string, Product>();
  /** The list or tier price of a quantity (the best tier reached). */
  const unitPrice = (p: Product, quantity: number) => {
    const reached = p.tiers.filter(([min]) => quantity >= min);
    return reached.length ? reached[reached.length - 1][1] : p.price;
  };
  const machine = (a: Account): Product | undefined => {
    const products = list(currencyOf(a));
    const options = MACHINES[a.industry].filter((code) => products.has(code));
    return options.length ? products.get(random.pick(options)) : undefined;
  };
  const addOn = (a: Account): Product | undefined => {
    const products = list(currencyOf(a));
    const options = ADD_ONS.filter((code) => products.has(code));
    return options.length ? products.get(random.pick(options)) : undefined;
  };
  const weightOf = { strategic: 6, key: 3, standard: 1, small: 0.5 };
  const weightedAccounts = accounts.map((a) => [a, weightOf[a.tier]] as const);
  const opportunitiesOf = new Map<string, Array<{ id: string; stage: number }>>();
  const wantedOpportunities = DEMO_VOLUME_TARGETS.opportunities - demoOpportunities().length;
  if (refs.stages.length === 6) {
    for (let n = 0; n < wantedOpportunities; n++) {
      const a = random.weighted(weightedAccounts);
      const product = machine(a);
      if (!product) continue;
      const stage = random.weighted([[0, 22], [1, 18], [2, 17], [3, 13], [4, 18], [5, 12]] as const);
      const quantity = product.price.length > 10 ? random.int(1, 3) : random.int(1, 6);
      const amountCents = toScaled(unitPrice(product, quantity), 2) * BigInt(quantity);
      const amount = fromScaled(divideRounded(amountCents, 10000n) * 10000n, 2);
      const closed = stage >= 4;
      const created = closed ? random.int(-420, -40) : random.int(-160, -3);
      const close = closed ? Math.min(-1, created + random.int(20, 120)) : random.chance(0.12) ? random.int(-30, -1) : random.int(5, 200);
      const competitors = random.chance(0.6) ? [random.pick(DEMO_COMPETITORS), ...(random.chance(0.3) ? [random.pick(DEMO_COMPETITORS)] : [])] : [];
      const id = uuidv7();
      const s = refs.stages[stage];
      const name = a.english ? `${a.short} – ${product.nameEn} ×${quantity}` : `${a.short} ${product.name} ×${quantity}`;
      // Open stages are reached one after the other; won after negotiation; lost from an earlier stage.
      const path = stage <= 4 ? refs.stages.slice(0, stage + 1) : [...refs.stages.slice(0, random.int(1, 4)), s];
      const gap = Math.max(1, Math.floor(((closed ? close : -1) - created) / path.length));
      let last = '';
      for (const [step, to] of path.entries()) {
        last = at(Math.min(-1, created + step * gap), 10 + step, step * 7);
        rows.stageHistory.push([uuidv7(), id, step === 0 ? null : path[step - 1].id, to.id, a.owner.id, last]);
      }
      rows.opportunities.push([
        id, name.slice(0, 200), a.id, s.pipelineId, s.id, amount, currencyOf(a), s.probability, day(close), competitors.join('|'),
        stage === 5 ? `输单原因：${random.pick(LOST_REASONS)}` : null, a.owner.id, a.owner.teamId, partnerOf(a), a.ownerOnlyEdit && a.opportunityIds.length === 0, a.restricted,
        at(created, 9, n % 60), last,
      ]);
      a.opportunityIds.push(id);
      opportunitiesOf.set(a.id, [...(opportunitiesOf.get(a.id) ?? []), { id, stage }]);
    }
  }

  // --- Leads in every status ------------------------------------------------------------------------------------------
  const leadOwners = [['rep.e1@lianxi.test', 15], ['rep.e1b@lianxi.test', 15], ['rep.e2@lianxi.test', 15], ['rep.n1@lianxi.test', 20], ['manager.east@lianxi.test', 8],
    ['marketing@lianxi.test', 17], ['partner@lianxi.test', 10]] as const;
  const accountsOf = new Map<string, Account[]>();
  for (const a of accounts) accountsOf.set(a.owner.email, [...(accountsOf.get(a.owner.email) ?? []), a]);
  const wantedLeads = DEMO_VOLUME_TARGETS.leads - demoLeads().length;
  for (let n = 0; n < wantedLeads; n++) {
    const email = random.weighted(leadOwners);
    const o = owner(email);
    const partner = email === 'partner@lianxi.test';
    const own = (accountsOf.get(email) ?? []).filter((a) => !a.restricted);
    let status = random.weighted([['new', 30], ['contacted', 25], ['qualified', 15], ['converted', 15], ['disqualified', 15]] as const);
    // Marketing hands its leads on before anyone converts them.
    if (status === 'converted' && !own.length) status = 'contacted';
    const created = status === 'new' ? random.int(-20, 0) : random.int(-200, -5);
    const convertedInto = status === 'converted' ? random.pick(own) : null;
    const english = partner ? random.chance(0.2) : random.chance(0.08);
    const person = english ? englishPerson(random) : chinesePerson(random);
    const city = random.pick(email === 'rep.n1@lianxi.test' ? CITIES.filter((c) => c.region === 'North') : email.startsWith('rep.e') || email.startsWith('manager') ? CITIES.filter((c) => c.region === 'East') : CITIES);
    const trade = random.pick(TRADES);
    const [brand, brandPinyin] = random.pick(BRANDS);
    const company = convertedInto?.name ?? (english ? `${random.pick(FOREIGN_CITIES).name} ${random.pick(EN_WORDS)} ${trade.en} ${random.pick(EN_SUFFIXES)}` : `${city.name}${brand}${trade.zh}${random.pick(ZH_SUFFIXES)}`);
    const createdAt = at(created, 9 + (n % 9), n % 60);
    const convertedAt = convertedInto ? at(Math.min(0, created + random.int(3, 40)), 15) : null;
    rows.leads.push([
      uuidv7(), person.name, company, random.pick(english ? EN_ROLES : ZH_ROLES)[1], mobile(random), `${person.pinyin}@${english ? 'example.com' : `${brandPinyin}-${city.pinyin}.example.cn`}`,
      random.weighted([['web', 25], ['event', 20], ['import', 15], ['manual', 15], ['referral', 10], ['partner', partner ? 40 : 2]] as const), status,
      status === 'disqualified' ? random.pick(['预算不足', '已采购竞品', 'No project this year', '联系不上', '非目标客户']) : null,
      random.weighted([['hot', 2], ['warm', 4], ['cold', 3], [null, 2]] as const), convertedInto?.region ?? (english ? 'International' : city.region), convertedInto?.industry ?? trade.industry,
      convertedAt, convertedInto?.id ?? null, convertedInto?.contactIds[0] ?? null, o.id, o.teamId, partner ? refs.partnerId : null, createdAt, convertedAt ?? createdAt,
    ]);
  }

  // --- Quotes in every approval state; orders in every status ------------------------------------------------------
  const priced = (a: Account, maxDiscount: number, fixedTop: number | null): Line[] => {
    const lines: Line[] = [];
    const main = machine(a);
    if (!main) return lines;
    const quantity = main.price.length > 10 ? random.int(1, 3) : random.int(1, 5);
    const topDiscount = fixedTop ?? random.int(0, Math.round(maxDiscount * 2)) / 2;
    lines.push(line(main, quantity, topDiscount));
    for (let n = random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const); n > 0; n--) {
      const extra = addOn(a);
      if (!extra || lines.some((l) => l.product.code === extra.code)) continue;
      const [min, max] = ADD_ON_QUANTITY[extra.code] ?? [1, 4];
      lines.push(line(extra, random.int(min, max), Math.min(topDiscount, random.int(0, 10))));
    }
    return lines;
  };
  const line = (product: Product, quantity: number, discount: number): Line => {
    const listPrice = unitPrice(product, quantity);
    const discountPercent = discount.toFixed(2);
    return { product, quantity, listPrice, discountPercent, ...priceLine({ quantity: String(quantity), listPrice, discountPercent }) };
  };
  const quoteable = accounts.filter((a) => !a.restricted);
  const pickAccount = (filter: (a: Account) => boolean) => {
    const options = quoteable.filter(filter);
    return random.pick(options);
  };
  const director = owner('director@lianxi.test');
  const managerEast = owner('manager.east@lianxi.test');
  interface QuotePlan { status: string; approver: 'sales_manager' | 'sales_director' | null; discount: [max: number, fixed: number | null]; converted: boolean; filter: (a: Account) => boolean }
  const plans: QuotePlan[] = [];
  const anyone = () => true;
  const eastRep = (a: Account) => EAST_REPS.includes(a.owner.email);
  // Anyone may quote within 10 % (approved at once); 10–20 % goes to an East rep's regional manager; above, or
  // without a regional manager, the director decides — who never decides their own quotes.
  const needsDirector = (a: Account) => !a.partner && a.owner.email !== 'director@lianxi.test';
  const add = (count: number, plan: Omit<QuotePlan, 'converted'>, converted = 0) => {
    for (let n = 0; n < count; n++) plans.push({ ...plan, converted: n < converted });
  };
  add(QUOTE_PLAN.draft, { status: 'draft', approver: null, discount: [12, null], filter: anyone });
  add(QUOTE_PLAN.managerPending, { status: 'pending_approval', approver: 'sales_manager', discount: [10, 15], filter: eastRep });
  add(QUOTE_PLAN.directorPending, { status: 'pending_approval', approver: 'sales_director', discount: [10, 0], filter: needsDirector });
  add(100, { status: 'approved', approver: null, discount: [10, null], filter: anyone });
  add(30, { status: 'approved', approver: 'sales_manager', discount: [10, 0], filter: eastRep });
  add(QUOTE_PLAN.approved - 130, { status: 'approved', approver: 'sales_director', discount: [10, 0], filter: needsDirector });
  add(QUOTE_PLAN.rejected, { status: 'rejected', approver: 'sales_director', discount: [10, 0], filter: needsDirector });
  add(QUOTE_PLAN.sent, { status: 'sent', approver: null, discount: [10, null], filter: anyone }, CONVERTED_SENT);
  add(QUOTE_PLAN.accepted, { status: 'accepted', approver: null, discount: [10, null], filter: anyone }, QUOTE_PLAN.accepted);
  const orderPlans: Array<{ account: Account; lines: Line[]; quoteId: string | null; currency: string; order: PlannedOrder }> = [];
  for (const [index, plan] of plans.entries()) {
    const a = pickAccount(plan.filter);
    const fixed = plan.discount[1] === 0 ? (plan.approver === 'sales_manager' ? random.pick([12, 12.5, 15, 18, 20]) : random.pick([22, 25, 28])) : plan.discount[1];
    const lines = priced(a, a.partner ? 8 : plan.discount[0], fixed);
    if (!lines.length) continue;
    const id = uuidv7();
    const currency = currencyOf(a);
    const figures = quoteTotals(lines.map((l) => ({ ...l, quantity: String(l.quantity) })), currency === 'CNY' ? '13' : '0');
    const maxDiscount = figures.maxDiscountPercent;
    const approver = Number(maxDiscount) <= 10 ? null : plan.approver;
    // Converted quotes were accepted a few days before their order; the order's day is chosen with the order below.
    const orderDay = plan.converted ? planOrder(random) : null;
    const created = orderDay ? orderDay.day - random.int(12, 40) : plan.status === 'draft' ? random.int(-20, 0) : plan.status === 'pending_approval' ? random.int(-6, -1) : random.int(-60, -3);
    const submitted = plan.status === 'draft' ? null : at(created, 11);
    const decided = ['approved', 'rejected', 'sent', 'accepted'].includes(plan.status) ? at(created + (approver ? 1 : 0), approver ? 16 : 11) : null;
    const sent = ['sent', 'accepted'].includes(plan.status) ? at(created + 2, 10) : null;
    const accepted = plan.status === 'accepted' ? at(orderDay ? orderDay.day - random.int(1, 5) : created + 8, 15) : null;
    const validUntil = plan.status === 'accepted' || plan.converted ? day(Math.max(created + 30, (orderDay?.day ?? 0) + 1)) : day(Math.max(created + 30, random.int(5, 45)));
    const opportunity = (opportunitiesOf.get(a.id) ?? []).find((o) => o.stage !== 5);
    const number = `Q-${day(created).slice(0, 4)}-${String(DEMO_QUOTES.length + index + 1).padStart(6, '0')}`;
    const updated = accepted ?? sent ?? decided ?? submitted ?? at(created, 10);
    rows.quotes.push([
      id, number, a.id, opportunity?.id ?? null, currency, validUntil, plan.status, currency === 'CNY' ? '13' : '0', index % 4 === 0 ? (a.english ? 'FOB Shanghai, delivery in 6 weeks.' : '含运费及安装调试。') : null,
      figures.subtotal, figures.discountTotal, figures.netTotal, figures.taxTotal, figures.grandTotal, maxDiscount,
      plan.status === 'pending_approval' ? approver : null, plan.status === 'pending_approval' ? a.owner.teamPath : null, submitted, decided, sent, accepted,
      a.owner.id, a.owner.teamId, partnerOf(a), a.ownerOnlyEdit && index % 3 === 0, a.restricted, at(created, 10), updated,
    ]);
    for (const [position, l] of lines.entries()) {
      rows.quoteLines.push([uuidv7(), id, position, l.product.id, l.product.name, String(l.quantity), l.listPrice, l.discountPercent, l.netPrice, l.lineTotal]);
    }
    if (submitted) {
      // The approval history as the API writes it: automatic within the rules, else submitted and decided.
      if (!approver) rows.quoteApprovals.push([uuidv7(), id, 'auto_approved', null, maxDiscount, null, a.owner.id, submitted]);
      else {
        rows.quoteApprovals.push([uuidv7(), id, 'submitted', approver, maxDiscount, null, a.owner.id, submitted]);
        if (decided) {
          const decider = approver === 'sales_manager' ? managerEast.id : director.id;
          const comment = plan.status === 'rejected' ? random.pick(['折扣过高，请控制在 10% 以内。', '请先确认付款条件再报。', 'Margin too low for this model.']) : random.pick(['老客户，同意。', '批量采购，同意特价。', null]);
          rows.quoteApprovals.push([uuidv7(), id, plan.status === 'rejected' ? 'rejected' : 'approved', approver, maxDiscount, comment, decider, decided]);
        }
      }
    }
    if (orderDay) orderPlans.push({ account: a, lines, quoteId: id, currency, order: orderDay });
  }
  for (let n = 0; n < DIRECT_ORDERS; n++) {
    const a = random.pick(accounts);
    const lines = priced(a, 10, null);
    if (lines.length) orderPlans.push({ account: a, lines, quoteId: null, currency: currencyOf(a), order: planOrder(random) });
  }
  // Purchase histories over five years, so that every customer metric (RFM, lifecycle, CLV, loyalty) has something true
  // to show: each account follows one pattern; every history order is completed and paid (or, now and then, cancelled).
  for (const a of accounts) {
    for (const orderDay of purchaseHistory(random, random.weighted(HISTORY_PATTERNS))) {
      const lines = priced(a, 8, null);
      if (!lines.length) continue;
      const status = random.chance(0.05) ? 'cancelled' : 'confirmed';
      orderPlans.push({ account: a, lines, quoteId: null, currency: currencyOf(a), order: { status, day: orderDay, terms: 30 } });
    }
  }
  // Order numbers follow the order dates.
  const planned = [...orderPlans].sort((x, y) => x.order.day - y.order.day);
  for (const [index, p] of planned.entries()) {
    const a = p.account;
    const id = uuidv7();
    const { status, terms } = p.order;
    const when = p.order;
    const totals = orderTotals(p.lines.map((l) => l.lineTotal), p.currency === 'CNY' ? '13' : '0');
    const total = toScaled(totals.total, 2);
    // Payments as finance recorded them: a deposit, then the balance; never more than the total.
    const payments: Array<[bigint, number]> = [];
    if (status === 'partly_paid') {
      const deposit = divideRounded(total * BigInt(random.int(2, 6)), 10n);
      if (deposit > 0n && deposit < total) payments.push([deposit, Math.min(0, when.day + random.int(0, 5))]);
    } else if (['paid', 'shipped', 'delivered', 'confirmed'].includes(status)) {
      if (random.chance(0.6)) {
        const deposit = divideRounded(total * 3n, 10n);
        payments.push([deposit, when.day + 2], [total - deposit, when.day + random.int(5, terms)]);
      } else payments.push([total, when.day + random.int(3, terms)]);
    }
    const paid = payments.reduce((sum, [amount]) => sum + amount, 0n);
    const byOwner = a.owner.id;
    const history: Array<[string, string | null, number, string | null]> = [['ordered', byOwner, when.day, null]];
    if (payments.length > 1 || status === 'partly_paid') history.push(['partly_paid', refs.financeId, payments[0]?.[1] ?? when.day, null]);
    let last = payments.length ? payments[payments.length - 1][1] : when.day;
    if (paid === total && total > 0n) history.push(['paid', refs.financeId, last, null]);
    for (const step of ['shipped', 'delivered', 'confirmed']) {
      if (ORDER_CHAIN.indexOf(step) > ORDER_CHAIN.indexOf(status)) break;
      last += random.int(2, 6);
      history.push([step, byOwner, last, step === 'shipped' ? `物流单号 SF${random.digits(12)}` : null]);
    }
    if (status === 'cancelled') history.push(['cancelled', byOwner, when.day + random.int(2, 10), random.pick(['客户取消项目', '客户改订其他型号', 'Customer withdrew'])]);
    const steps = history.filter(([, , d]) => d <= 0);
    const updated = at(steps[steps.length - 1][2], 14);
    rows.orders.push([
      id, null, a.id, p.quoteId, p.currency, day(when.day), status, terms, p.currency === 'CNY' ? '13' : '0', totals.subtotal, totals.taxAmount, totals.total, fromScaled(paid, 2),
      index % 5 === 0 ? (a.english ? 'Shipment via Shanghai port.' : '分两批发货。') : null, a.owner.id, a.owner.teamId, partnerOf(a), a.restricted, at(when.day, 9), updated,
    ]);
    for (const [position, l] of p.lines.entries()) {
      rows.orderLines.push([uuidv7(), id, position, l.product.id, l.product.name, String(l.quantity), l.listPrice, l.discountPercent, l.netPrice, l.lineTotal]);
    }
    for (const [step, [to, by, d, note]] of steps.entries()) rows.orderHistory.push([uuidv7(), id, step === 0 ? null : steps[step - 1][0], to, by, at(d, 10 + step), note]);
    for (const [amount, d] of payments) {
      const method = random.weighted([['bank_transfer', 70], ['acceptance_bill', 20], ['cheque', 5], ['other', 5]] as const);
      rows.payments.push([uuidv7(), id, fromScaled(amount, 2), p.currency, day(d), method, method === 'acceptance_bill' ? `承兑汇票 ${random.digits(8)}` : `TT${random.digits(10)}`, refs.financeId, at(d, 15)]);
    }
  }

  // --- Activities: each account's past, and each demo seller's diary around the load day ---------------------------
  /**
   * Today's planned items at their hour (China time), or after the load moment when that hour is past, so a demo
   * loaded in the evening still shows today's visits ahead rather than overdue — within the day all the same.
   */
  const laterToday = (hour: number, slot: number) => {
    const planned = Date.parse(at(0, hour));
    const ahead = Math.min(Math.max(planned, refs.now + HOUR + slot * 20 * 60_000), base + DAY - 10 * 60_000);
    return new Date(Math.max(planned, ahead - (ahead % 60_000))).toISOString();
  };
  const activity = (a: Account, kind: string, subject: string, status: 'planned' | 'done', offset: number, hour: number, extra: { priority?: string; duration?: number; location?: string | null; outcome?: string | null; related?: 'contact' | 'opportunity'; dueAt?: string } = {}) => {
    const due = extra.dueAt ?? at(offset, hour, (rows.activities.length * 5) % 60);
    const relatedId = extra.related === 'contact' ? a.contactIds[0] : extra.related === 'opportunity' ? a.opportunityIds[0] : undefined;
    rows.activities.push([
      uuidv7(), kind, subject.slice(0, 200), status, extra.priority ?? 'normal', due, extra.duration ?? null, extra.location ?? null, status === 'done' ? (extra.outcome ?? null) : null,
      status === 'done' ? due : null, relatedId ? extra.related : 'account', relatedId ?? a.id, a.id, a.owner.id, a.owner.teamId, partnerOf(a), a.restricted,
      at(Math.min(offset, 0) - 2, 9), status === 'done' ? due : at(Math.min(offset, 0) - 2, 9),
    ]);
  };
  for (const a of accounts) {
    for (let n = random.weighted([[0, 2], [1, 4], [2, 3], [3, 1]] as const); n > 0; n--) {
      const kind = random.weighted([['call', 5], ['note', 3], ['visit', 2], ['meeting', 1]] as const);
      const offset = random.int(-180, -1);
      const outcome = random.pick(a.english ? EN_OUTCOMES : OUTCOMES);
      const subject = a.english
        ? { call: `Call ${a.short}: follow-up`, note: `${a.short}: fleet renewal notes`, visit: `Visit ${a.short}: site survey`, meeting: `${a.short}: proposal review` }[kind]
        : { call: `致电${a.short}：跟进采购需求`, note: `${a.short}：设备更新计划记录`, visit: `拜访${a.short}：现场勘查`, meeting: `${a.short}：方案评审会` }[kind];
      activity(a, kind, subject, 'done', offset, random.int(9, 17), {
        duration: kind === 'note' ? undefined : kind === 'call' ? random.int(5, 40) : random.int(45, 180), outcome,
        related: kind === 'call' ? 'contact' : kind === 'meeting' && a.opportunityIds.length ? 'opportunity' : undefined,
        location: kind === 'visit' ? (a.english ? 'Customer site' : '客户现场') : null,
      });
    }
    if (random.chance(0.25)) activity(a, 'task', a.english ? `${a.short}: send updated quotation` : `${a.short}：发送更新报价`, 'planned', random.int(7, 45), 10);
  }
  for (const email of DIARY_OWNERS) {
    const own = (accountsOf.get(email) ?? []).filter((a) => !a.restricted);
    if (!own.length) continue;
    const pickOwn = () => random.pick(own);
    for (let n = 0; n < 3; n++) {
      const a = pickOwn();
      activity(a, 'task', a.english ? `${a.short}: confirm delivery schedule` : `${a.short}：确认交货计划`, 'planned', 0, 10 + n * 2, { priority: n === 0 ? 'high' : 'normal', dueAt: laterToday(10 + n * 2, n) });
    }
    for (let n = 0; n < 5; n++) {
      const a = pickOwn();
      activity(a, 'task', a.english ? `${a.short}: send technical data (overdue)` : `${a.short}：发送技术参数与报价`, 'planned', -random.int(1, 10), 10, { priority: random.pick(['high', 'normal']) });
    }
    for (let n = 0; n < 2; n++) {
      const a = pickOwn();
      activity(a, 'visit', a.english ? `Visit ${a.short}: site survey` : `拜访${a.short}：现场勘查`, 'planned', 0, 9 + n * 5, { duration: 90, location: a.english ? 'Customer site' : '客户现场', priority: 'high', dueAt: laterToday(9 + n * 5, 3 + n) });
    }
    for (let n = 0; n < 5; n++) {
      const a = pickOwn();
      activity(a, 'visit', a.english ? `Visit ${a.short}: demo of the new model` : `拜访${a.short}：新机型演示`, 'planned', 1 + n, 9 + (n % 3) * 3, { duration: 120, location: a.english ? 'Customer site' : '客户现场' });
    }
    for (let n = 0; n < 2; n++) {
      const a = pickOwn();
      activity(a, 'meeting', a.english ? `${a.short}: commercial negotiation` : `${a.short}：商务谈判`, 'planned', 2 + n * 2, 14, { duration: 60, location: '线上会议 / Online', related: a.opportunityIds.length ? 'opportunity' : undefined });
    }
  }
  return rows;
}

const ORDER_CHAIN = ['ordered', 'partly_paid', 'paid', 'shipped', 'delivered', 'confirmed'];
const ORDER_STATUS_WEIGHTS = [['ordered', 22], ['partly_paid', 16], ['paid', 10], ['shipped', 12], ['delivered', 12], ['confirmed', 22], ['cancelled', 6]] as const;

interface PlannedOrder {
  status: (typeof ORDER_STATUS_WEIGHTS)[number][0];
  /** The order day, as an offset from the load day. */
  day: number;
  terms: number;
}

/**
 * An order's status, day and payment terms: open orders (ordered, partly paid) spread over the receivables' ageing
 * buckets — not yet due, 1–30, 31–60, 61–90 and over 90 days past due —; the others old enough for their payments
 * and deliveries to lie in the past.
 */
type HistoryPattern = 'none' | 'steady' | 'growing' | 'declining' | 'lapsed' | 'one_off' | 'new';

/** How the volume's customers have bought over the last five years (weights). */
const HISTORY_PATTERNS: ReadonlyArray<readonly [HistoryPattern, number]> = [
  ['none', 35], ['steady', 16], ['growing', 12], ['declining', 12], ['lapsed', 12], ['one_off', 8], ['new', 5],
];

/**
 * The order days (offsets from the load day, at most −60 so a history order is paid and confirmed by today) of one
 * customer's purchase history: steady (every 3–6 months for up to five years), growing (ever shorter gaps), declining
 * (ever longer gaps, the last 7–14 months ago), lapsed (regular buyer who stopped 1½–2½ years ago), one-off (a single
 * purchase), new (first purchase within the last half year).
 */
function purchaseHistory(random: DemoRandom, pattern: HistoryPattern): number[] {
  const days: number[] = [];
  const span = (from: number, to: number, gap: (n: number) => number) => {
    for (let day = from, n = 0; day <= to; day += gap(n++)) days.push(day);
  };
  switch (pattern) {
    case 'none':
      break;
    case 'steady': {
      const gap = random.int(90, 180);
      span(-random.int(1200, 1825), -60 - random.int(0, 40), () => gap + random.int(-10, 10));
      break;
    }
    case 'growing':
      span(-random.int(1000, 1460), -60, (n) => Math.max(50, 300 - n * random.int(20, 40)));
      break;
    case 'declining': {
      const end = -random.int(210, 420);
      span(-random.int(1500, 1825), end, (n) => 60 + n * random.int(20, 40));
      break;
    }
    case 'lapsed':
      span(-random.int(1500, 1825), -random.int(550, 900), () => random.int(90, 150));
      break;
    case 'one_off':
      days.push(-random.int(200, 1600));
      break;
    case 'new':
      span(-random.int(120, 180), -60, () => random.int(25, 60));
      break;
  }
  return days;
}

function planOrder(random: DemoRandom): PlannedOrder {
  const status = random.weighted(ORDER_STATUS_WEIGHTS);
  const terms = random.weighted([[30, 6], [60, 3], [90, 1]] as const);
  if (status === 'ordered' || status === 'partly_paid') {
    const overdue = random.weighted([[[-terms, -1], 40], [[1, 30], 22], [[31, 60], 15], [[61, 90], 11], [[91, 200], 12]] as const);
    return { status, day: -terms - random.int(overdue[0], overdue[1]), terms };
  }
  if (status === 'cancelled') return { status, day: random.int(-200, -12), terms };
  return { status, day: -terms - random.int(25, 330), terms };
}
