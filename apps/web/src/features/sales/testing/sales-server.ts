import type { User } from '@/lib/api';
import type { Language } from '@/lib/language';
import { createFakeFetch, demoUser, directoryHandler, json, tokenResponse, type FakeDirectoryUser } from '@/testing/fake-api';

type Handler = (request: Request) => Response | Promise<Response>;
export type Fields = Record<string, 'hidden' | 'masked' | 'read' | 'edit'>;
export type Levels = Record<'read' | 'create' | 'update' | 'delete' | 'reassign', string>;

export const ME = demoUser();
export const TEAMMATE_ID = '0190a0b0-0000-7000-8000-000000000002';
export const REP_E2_ID = '0190a0b0-0000-7000-8000-000000000003';
/** A user the directory does not know (e.g. deactivated). */
export const FORMER_USER_ID = '0190a0b0-0000-7000-8000-0000000000ff';
export const TEAM_E1 = { id: '0190a0b0-0000-7000-8000-0000000000e1', parentId: null, path: '/e1/', code: 'E1', name: '华东一组', nameEn: 'Group E1', kind: 'group', version: 1 };
export const TEAM_E2 = { id: '0190a0b0-0000-7000-8000-0000000000e2', parentId: null, path: '/e2/', code: 'E2', name: '华东二组', nameEn: 'Group E2', kind: 'group', version: 1 };

/** The colleague directory: the signed-in rep, a teammate, and a rep of another group. */
export const DIRECTORY: FakeDirectoryUser[] = [
  { id: ME.id, name: ME.name, nameEn: ME.nameEn, email: ME.email, team: { id: TEAM_E1.id, name: TEAM_E1.name, nameEn: TEAM_E1.nameEn } },
  { id: TEAMMATE_ID, name: '李静', nameEn: 'Li Jing', email: 'rep.e1b@lianxi.test', team: { id: TEAM_E1.id, name: TEAM_E1.name, nameEn: TEAM_E1.nameEn } },
  { id: REP_E2_ID, name: '张伟', nameEn: 'Zhang Wei', email: 'rep.e2@lianxi.test', team: { id: TEAM_E2.id, name: TEAM_E2.name, nameEn: TEAM_E2.nameEn } },
];

export const ACCOUNT_ID = '0190a0b0-0000-7000-8000-00000000a001';
export const CONTACT_ID = '0190a0b0-0000-7000-8000-00000000c001';

export const REP_LEVELS: Levels = { read: 'team', create: 'team', update: 'team', delete: 'own', reassign: 'none' };
export const ACCOUNT_FIELDS: Fields = {
  name: 'edit', kind: 'edit', industry: 'edit', region: 'edit', phone: 'edit', email: 'edit',
  ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};
export const CONTACT_FIELDS: Fields = {
  accountId: 'edit', name: 'edit', title: 'edit', phone: 'edit', email: 'edit',
  ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};

export const OPPORTUNITY_FIELDS: Fields = {
  name: 'edit', accountId: 'edit', pipelineId: 'edit', stageId: 'edit', amount: 'edit', currency: 'edit', probability: 'edit', expectedCloseDate: 'edit',
  competitors: 'edit', description: 'edit', ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};

export const LEAD_FIELDS: Fields = {
  name: 'edit', company: 'edit', title: 'edit', phone: 'edit', email: 'edit', source: 'edit', status: 'edit', disqualifiedReason: 'edit', rating: 'edit',
  region: 'edit', industry: 'edit', notes: 'edit', convertedAt: 'read', convertedAccountId: 'read', convertedContactId: 'read', convertedOpportunityId: 'read',
  ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};
export const NO_LEVELS: Levels = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' };

export const ALL_ACCESS = { update: true, delete: true, reassign: true, share: true };

export const PIPELINE_ID = '0190a0b0-0000-7000-8000-0000000000f1';
const stageId = (n: number) => `0190a0b0-0000-7000-8000-00000000050${n}`;
export const STAGES = [
  ['初步接洽', 'Qualification', 10, 'open'],
  ['需求分析', 'Needs analysis', 20, 'open'],
  ['方案报价', 'Proposal', 40, 'open'],
  ['商务谈判', 'Negotiation', 60, 'open'],
  ['赢单', 'Won', 100, 'won'],
  ['输单', 'Lost', 0, 'lost'],
].map(([name, nameEn, probability, kind], position) => ({ id: stageId(position), position, name, nameEn, probability, kind }));
export const PIPELINE = { id: PIPELINE_ID, name: '设备销售', nameEn: 'Equipment sales', isDefault: true, active: true, version: 1, stages: STAGES };

export function opportunity(overrides: Record<string, unknown> = {}) {
  return {
    id: '0190a0b0-0000-7000-8000-00000000d001',
    version: 2,
    name: 'XE370 挖掘机 ×3',
    accountId: ACCOUNT_ID,
    pipelineId: PIPELINE_ID,
    stageId: STAGES[0].id,
    amount: '4140000.00',
    currency: 'CNY',
    probability: 10,
    expectedCloseDate: '2027-03-31',
    competitors: ['Caterpillar'],
    description: null,
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

export const ACTIVITY_FIELDS: Fields = {
  kind: 'edit', subject: 'edit', description: 'edit', status: 'edit', priority: 'edit', dueAt: 'edit', durationMinutes: 'edit', location: 'edit', outcome: 'edit',
  completedAt: 'read', relatedType: 'read', relatedId: 'read', accountId: 'read', ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};

export function activity(overrides: Record<string, unknown> = {}) {
  return {
    id: '0190a0b0-0000-7000-8000-00000000ac01',
    version: 1,
    kind: 'visit',
    subject: '拜访徐州恒达：现场勘查',
    description: null,
    status: 'planned',
    priority: 'high',
    dueAt: '2026-12-03T02:00:00.000Z',
    durationMinutes: 90,
    location: '徐州',
    outcome: null,
    completedAt: null,
    relatedType: 'account',
    relatedId: ACCOUNT_ID,
    accountId: ACCOUNT_ID,
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    ...overrides,
  };
}

export const LEAD_ID = '0190a0b0-0000-7000-8000-0000000000b1';

export function lead(overrides: Record<string, unknown> = {}) {
  return {
    id: LEAD_ID,
    version: 2,
    name: '陈志远',
    company: '南京新港建设有限公司',
    title: '采购经理',
    phone: '13800001111',
    email: 'chen@xg.example.cn',
    source: 'web',
    status: 'qualified',
    disqualifiedReason: null,
    rating: 'hot',
    region: 'East',
    industry: 'construction',
    notes: null,
    convertedAt: null,
    convertedAccountId: null,
    convertedContactId: null,
    convertedOpportunityId: null,
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

export function account(overrides: Record<string, unknown> = {}) {
  return {
    id: ACCOUNT_ID,
    version: 3,
    name: '徐州恒达工程机械有限公司',
    kind: 'company',
    industry: 'construction',
    region: 'East',
    phone: '13812345678',
    email: 'purchasing@hengda.example.cn',
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    myAccess: ALL_ACCESS,
    ...overrides,
  };
}

export function contact(overrides: Record<string, unknown> = {}) {
  return {
    id: CONTACT_ID,
    version: 1,
    accountId: ACCOUNT_ID,
    name: '李建国',
    title: '采购经理',
    phone: '13811112222',
    email: 'li.jianguo@hengda.example.cn',
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    myAccess: ALL_ACCESS,
    ...overrides,
  };
}

export const QUOTE_FIELDS: Fields = {
  number: 'edit', revision: 'edit', accountId: 'edit', opportunityId: 'edit', currency: 'edit', validUntil: 'edit', status: 'edit', taxRate: 'edit', notes: 'edit',
  lines: 'edit', prices: 'edit', ownerId: 'read', teamId: 'read', partnerAccountId: 'read', ownerOnlyEdit: 'edit', restricted: 'edit',
};
export const QUOTE_ID = '0190a0b0-0000-7000-8000-0000000000a7';
export const PRODUCT_ID = '0190a0b0-0000-7000-8000-0000000000b7';

/** The quote of the spec's worked example: 3 × 1234567.89 at 15 %, 13 % VAT, as the server computes it. */
export function quoteLine(overrides: Record<string, unknown> = {}) {
  return {
    id: '0190a0b0-0000-7000-8000-0000000000c7',
    position: 0,
    productId: PRODUCT_ID,
    productCode: 'XE370',
    productName: 'XE370 挖掘机',
    productNameEn: 'XE370 excavator',
    unit: '台',
    description: 'XE370 挖掘机',
    quantity: '3.000',
    listPrice: '1234567.89',
    discountPercent: '15.00',
    netPrice: '1049382.71',
    lineTotal: '3148148.13',
    ...overrides,
  };
}

export function quote(overrides: Record<string, unknown> = {}) {
  return {
    id: QUOTE_ID,
    version: 2,
    number: 'Q-2026-000042',
    revision: 1,
    accountId: ACCOUNT_ID,
    accountName: '徐州恒达工程机械有限公司',
    opportunityId: null,
    currency: 'CNY',
    validUntil: '2027-01-31',
    expired: false,
    status: 'draft',
    taxRate: '13.00',
    notes: null,
    subtotal: '3703703.67',
    discountTotal: '555555.54',
    netTotal: '3148148.13',
    taxTotal: '409259.26',
    grandTotal: '3557407.39',
    maxDiscountPercent: '15.00',
    approvalRole: null,
    submittedAt: null,
    decidedAt: null,
    sentAt: null,
    acceptedAt: null,
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    lines: [quoteLine()],
    myAccess: { ...ALL_ACCESS, editableFields: ['opportunityId', 'currency', 'validUntil', 'taxRate', 'notes', 'lines'] },
    mayDecide: false,
    ...overrides,
  };
}

export interface SalesServerOptions {
  language?: Language;
  /** The signed-in user (default: the rep ME). */
  user?: User;
  quoteLevels?: Levels;
  quoteFields?: Fields;
  /** Rights on the approval rules (configuration): none by default. */
  approvalRuleLevels?: Levels;
  accountLevels?: Levels;
  accountFields?: Fields;
  contactLevels?: Levels;
  contactFields?: Fields;
  opportunityLevels?: Levels;
  opportunityFields?: Fields;
  activityLevels?: Levels;
  activityFields?: Fields;
  leadLevels?: Levels;
  leadFields?: Fields;
  orderLevels?: Levels;
  orderFields?: Fields;
  paymentLevels?: Levels;
  routes?: Record<string, Handler>;
}

/** A sales rep signed in, with the given permissions, one account with one contact, the teams and the directory. */
export function salesServer({
  language = 'en',
  accountLevels = REP_LEVELS,
  accountFields = ACCOUNT_FIELDS,
  contactLevels = REP_LEVELS,
  contactFields = CONTACT_FIELDS,
  opportunityLevels = REP_LEVELS,
  opportunityFields = OPPORTUNITY_FIELDS,
  activityLevels = REP_LEVELS,
  activityFields = ACTIVITY_FIELDS,
  leadLevels = NO_LEVELS,
  leadFields = LEAD_FIELDS,
  orderLevels = NO_LEVELS,
  orderFields = ORDER_FIELDS,
  paymentLevels = NO_LEVELS,
  user = ME,
  quoteLevels = REP_LEVELS,
  quoteFields = QUOTE_FIELDS,
  approvalRuleLevels = NO_LEVELS,
  routes = {},
}: SalesServerOptions = {}) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse({ ...user, locale: language })),
    'GET /api/v1/me/permissions': () =>
      json({
        objects: [
          { objectType: 'account', levels: accountLevels, fields: accountFields },
          { objectType: 'contact', levels: contactLevels, fields: contactFields },
          { objectType: 'opportunity', levels: opportunityLevels, fields: opportunityFields },
          { objectType: 'activity', levels: activityLevels, fields: activityFields },
          { objectType: 'lead', levels: leadLevels, fields: leadFields },
          { objectType: 'order', levels: orderLevels, fields: orderFields },
          { objectType: 'payment', levels: paymentLevels, fields: {} },
          { objectType: 'quote', levels: quoteLevels, fields: quoteFields },
          { objectType: 'approval_rule', levels: approvalRuleLevels, fields: {} },
        ],
      }),
    'GET /api/v1/teams': () => json([TEAM_E1, TEAM_E2]),
    'GET /api/v1/directory/users': directoryHandler(DIRECTORY),
    [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => json(account(), 200, { ETag: 'W/"3"' }),
    [`GET /api/v1/accounts/${ACCOUNT_ID}/contacts`]: () => json({ data: [contact({ myAccess: undefined })], nextCursor: null }),
    [`GET /api/v1/accounts/${ACCOUNT_ID}/opportunities`]: () => json({ data: [opportunity()], nextCursor: null }),
    'GET /api/v1/pipelines': () => json([PIPELINE]),
    'GET /api/v1/activities': () => json({ data: [], nextCursor: null }),
    'GET /api/v1/approvals': () => json({ data: [], nextCursor: null }),
    ...routes,
  });
}

export const ORDER_ID = '0190a0b0-0000-7000-8000-0000000000d1';
export const READ_ALL: Levels = { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
const ORDER_PRICES = ['taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount', 'lines.listPrice', 'lines.discountPercent', 'lines.netPrice', 'lines.lineTotal'];
export const ORDER_FIELDS: Fields = Object.fromEntries(
  ['number', 'accountId', 'quoteId', 'currency', 'status', 'orderDate', 'paymentTermsDays', 'dueDate', 'notes', ...ORDER_PRICES, 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'].map((field) => [field, 'read']),
) as Fields;
/** The quality inspector's view: every price and amount hidden. */
export const ORDER_PRICE_HIDDEN: Fields = { ...ORDER_FIELDS, ...Object.fromEntries(ORDER_PRICES.map((field) => [field, 'hidden'])) } as Fields;

export function order(overrides: Record<string, unknown> = {}) {
  return {
    id: ORDER_ID,
    number: 'SO-2026-000123',
    accountId: ACCOUNT_ID,
    quoteId: null,
    currency: 'CNY',
    status: 'partly_paid',
    orderDate: '2026-11-01',
    paymentTermsDays: 30,
    dueDate: '2026-12-01',
    taxRate: '13.00',
    subtotal: '994501.88',
    taxAmount: '129285.24',
    total: '1123787.12',
    paidAmount: '100000.00',
    outstandingAmount: '1023787.12',
    notes: null,
    lines: [
      { id: '0190a0b0-0000-7000-8000-0000000000d2', position: 0, productId: null, description: 'ZL50 装载机', quantity: '2.500', listPrice: '468000.50', discountPercent: '15.00', netPrice: '397800.43', lineTotal: '994501.08' },
      { id: '0190a0b0-0000-7000-8000-0000000000d3', position: 1, productId: null, description: '运费', quantity: '3.000', listPrice: '0.10', discountPercent: '0.00', netPrice: '0.10', lineTotal: '0.30' },
    ],
    ownerId: ME.id,
    teamId: TEAM_E1.id,
    partnerAccountId: null,
    ownerOnlyEdit: false,
    restricted: false,
    version: 4,
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
    myAccess: { ...ALL_ACCESS, editableFields: [] },
    ...overrides,
  };
}

export function requestsTo(requests: Request[], method: string, pathname: string): Request[] {
  return requests.filter((request) => request.method === method && new URL(request.url).pathname === pathname);
}
