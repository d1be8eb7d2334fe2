import { createFakeFetch, demoUser, json, tokenResponse } from '@/testing/fake-api';

type Handler = (request: Request) => Response | Promise<Response>;
type Fields = Record<string, 'hidden' | 'masked' | 'read' | 'edit'>;

const READ_ALL = { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
const TEAM = { read: 'team', create: 'team', update: 'team', delete: 'none', reassign: 'none' };
const NONE = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
const ORDER_AMOUNTS = ['subtotal', 'total', 'paidAmount', 'outstandingAmount', 'lines.lineTotal'];
const read = (fields: string[], access: 'read' | 'hidden' = 'read'): Fields => Object.fromEntries(fields.map((field) => [field, access]));
/** Who bought when, in which currency, and the status: what the satisfaction counts read. */
const ORDER_FACTS = read(['accountId', 'orderDate', 'status', 'currency']);

export const ACCOUNT_ID = '0190a0b0-0000-7000-8000-00000000a001';
export const PIPELINE_ID = '0190a0b0-0000-7000-8000-0000000000f1';
const stageId = (n: number) => `0190a0b0-0000-7000-8000-00000000050${n}`;

/** The callers the dashboard tells apart, by the rights `/me/permissions` reports (as the default policies give them). */
export const CALLERS = {
  /** Reads every order with its amounts and the lines' cost; opportunities too. */
  gm: {
    order: { levels: READ_ALL, fields: { ...ORDER_FACTS, ...read(ORDER_AMOUNTS), 'lines.unitCost': 'read' } as Fields },
    opportunity: { levels: READ_ALL, fields: read(['amount', 'stageId', 'pipelineId']) },
  },
  /** Their team's orders and opportunities, amounts but no cost. */
  rep: {
    order: { levels: TEAM, fields: { ...ORDER_FACTS, ...read(ORDER_AMOUNTS), 'lines.unitCost': 'hidden' } as Fields },
    opportunity: { levels: TEAM, fields: read(['amount', 'stageId', 'pipelineId']) },
  },
  /** Orders without any price, no opportunity. */
  quality: {
    order: { levels: READ_ALL, fields: { ...ORDER_FACTS, ...read(ORDER_AMOUNTS, 'hidden'), 'lines.unitCost': 'hidden' } as Fields },
    opportunity: { levels: NONE, fields: {} },
  },
};

const row = (key: string | null, label: string | null, labelEn: string | null, figures: { orders: number; net: string; cost?: string; profit?: string; margin?: string | null; uncosted?: string; lines?: number; growth?: string | null; yoy?: string | null }) => ({
  key, label, labelEn, orderCount: figures.orders, quantity: null, bookedNet: figures.net, bookedGross: figures.net, paid: '0.00', outstanding: figures.net,
  cost: figures.cost ?? null, costedRevenue: figures.cost ? figures.net : null, profit: figures.profit ?? null, marginPercent: figures.margin ?? null,
  uncostedRevenue: figures.uncosted ?? null, uncostedLineCount: figures.lines ?? null, growthRate: figures.growth ?? null, yearOverYearGrowthRate: figures.yoy ?? null,
});

/** The sales report as the API would answer it: with cost and profit only on `include=profit`. */
export function salesReport(url: URL) {
  const withProfit = url.searchParams.get('include') === 'profit';
  const groupBy = url.searchParams.get('groupBy') ?? 'owner';
  const strip = (r: ReturnType<typeof row>) => (withProfit ? r : { ...r, cost: null, costedRevenue: null, profit: null, marginPercent: null, uncostedRevenue: null, uncostedLineCount: null });
  const rows =
    groupBy === 'period'
      ? [
          row('2026-10', '2026-10', '2026-10', { orders: 2, net: '1000000.00', cost: '600000.00', profit: '400000.00', margin: '40.00', uncosted: '0.00', lines: 0 }),
          row('2026-11', '2026-11', '2026-11', { orders: 3, net: '1250000.00', cost: '700000.00', profit: '550000.00', margin: '44.00', uncosted: '0.00', lines: 0, growth: '0.2500' }),
        ]
      : [row(ACCOUNT_ID, '徐州恒达工程机械有限公司', null, { orders: 5, net: '2250000.00', cost: '1300000.00', profit: '950000.00', margin: '42.22', uncosted: '0.00', lines: 0 })];
  const totals = row(null, null, null, { orders: 5, net: '2250000.00', cost: '1300000.00', profit: '950000.00', margin: '42.22', uncosted: '1200.00', lines: 1 });
  return { groupBy, period: 'month', withProfit, currency: 'CNY', from: url.searchParams.get('from'), to: url.searchParams.get('to'), rows: rows.map(strip), totals: strip(totals) };
}

const STAGES = [
  ['初步接洽', 'Qualification', 'open', 4, '1000.00', null, '0.2500'],
  ['需求分析', 'Needs analysis', 'open', 3, '900.00', '0.7500', '0.3333'],
  ['方案报价', 'Proposal', 'open', 2, '500.00', '0.6667', '0.5000'],
  ['商务谈判', 'Negotiation', 'open', 1, '300.00', '0.5000', '1.0000'],
  ['赢单', 'Won', 'won', 1, '300.00', '1.0000', null],
  ['输单', 'Lost', 'lost', 1, '400.00', null, null],
] as const;

export const FUNNEL = {
  pipelineId: PIPELINE_ID, currency: 'CNY', from: null, to: null, total: 4,
  stages: STAGES.map(([name, nameEn, kind, reached, amount, conversionRate, winRate], position) => ({ stageId: stageId(position), name, nameEn, kind, position, reached, amount, conversionRate, winRate })),
};
export const STAGE_IDS = FUNNEL.stages.map((stage) => stage.stageId);

export const FORECAST = {
  groupBy: 'period', period: 'month',
  groups: [
    { key: '2027-01', label: null, labelEn: null, currency: 'CNY', count: 2, amount: '800000.00', weightedAmount: '320000.00' },
    { key: '2027-02', label: null, labelEn: null, currency: 'USD', count: 1, amount: '5000.00', weightedAmount: '500.00' },
  ],
};

export const CATEGORY_ID = '0190a0b0-0000-7000-8000-0000000000c1';

/** The satisfaction report as the API would answer it: revenue only on `include=revenue`, referrals for who reads leads. */
export function satisfactionReport(url: URL, { withReferrals = true }: { withReferrals?: boolean } = {}) {
  const withRevenue = url.searchParams.get('include') === 'revenue';
  const money = (value: string | null) => (withRevenue ? value : null);
  const period = (key: string, start: string, end: string, f: { existing: number; referrals: number; perCustomer: string; active: number; occasions: number; frequency: string; churned: number; attracted: number; revenue: string; items: number; average: string }, growth: Record<string, string | null>) => ({
    key, start, end, existingCustomers: f.existing,
    referralLeads: withReferrals ? f.referrals : null, referralsPerCustomer: withReferrals ? f.perCustomer : null, referralsPerCustomerGrowth: withReferrals ? (growth.referrals ?? null) : null,
    activeCustomers: f.active, purchaseOccasions: f.occasions, serviceFrequency: f.frequency, serviceFrequencyGrowth: growth.frequency ?? null,
    churnedCustomers: f.churned, churnedCustomersGrowth: growth.churned ?? null, churnRate: growth.churnRate ?? null,
    attractedCustomers: f.attracted, attractedCustomersGrowth: growth.attracted ?? null,
    itemRevenue: money(f.revenue), itemsSold: withRevenue ? f.items : null, averageRevenuePerItem: money(f.average), averageRevenuePerItemGrowth: withRevenue ? (growth.average ?? null) : null,
  });
  return {
    period: url.searchParams.get('period') ?? 'month', itemBy: url.searchParams.get('itemBy') ?? 'category', withRevenue, withReferrals, currency: 'CNY', from: '2026-10-01', to: '2026-12-31',
    periods: [
      period('2026-Q3', '2026-07-01', '2026-09-30', { existing: 40, referrals: 2, perCustomer: '0.0500', active: 10, occasions: 12, frequency: '1.2000', churned: 3, attracted: 2, revenue: '90000.00', items: 3, average: '30000.00' }, { frequency: '0.2000', churnRate: '0.2500' }),
      period('2026-Q4', '2026-10-01', '2026-12-31', { existing: 42, referrals: 4, perCustomer: '0.0952', active: 12, occasions: 18, frequency: '1.5000', churned: 2, attracted: 4, revenue: '150000.00', items: 3, average: '50000.00' }, { referrals: '0.9040', frequency: '0.2500', churned: '-0.3333', churnRate: '0.2000', attracted: '1.0000', average: '0.6667' }),
    ],
    items: [{ key: CATEGORY_ID, label: '挖掘机', labelEn: 'Excavators', attractedCustomers: 5, revenue: money('180000.00'), quantity: withRevenue ? '6.000' : null, customers: withRevenue ? 4 : null, averageRevenuePerUnit: money('30000.00'), averageRevenuePerCustomer: money('45000.00') }],
  };
}

/** A fake API for the dashboard, as one of `CALLERS`. */
export function analyticsServer(caller: keyof typeof CALLERS, { language = 'en', routes = {} }: { language?: 'en' | 'zh-CN'; routes?: Record<string, Handler> } = {}) {
  const rights = CALLERS[caller];
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse(demoUser({ locale: language }))),
    'GET /api/v1/me/permissions': () =>
      json({
        objects: [
          { objectType: 'order', levels: rights.order.levels, fields: rights.order.fields },
          { objectType: 'opportunity', levels: rights.opportunity.levels, fields: rights.opportunity.fields },
        ],
      }),
    'GET /api/v1/reports/sales': (request) => json(salesReport(new URL(request.url))),
    'GET /api/v1/reports/funnel': () => json(FUNNEL),
    'GET /api/v1/reports/satisfaction': (request) => json(satisfactionReport(new URL(request.url), { withReferrals: caller !== 'quality' })),
    'GET /api/v1/opportunities/forecast': () => json(FORECAST),
    'GET /api/v1/orders': () => json({ data: [], nextCursor: null }),
    'GET /api/v1/opportunities': () => json({ data: [], nextCursor: null }),
    'GET /api/v1/pipelines': () => json([]),
    'GET /api/v1/saved-views': () => json([]),
    ...routes,
  });
}
