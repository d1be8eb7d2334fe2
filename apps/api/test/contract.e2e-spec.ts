import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { demoPassword } from '../src/demo/demo-organisation';
import { hygieneProblems, namesField, problemFields, problemJsonProblems, responseProblems } from './contract/checks';
import { changedTables, fingerprint } from './contract/db-fingerprint';
import { deserialize, type InvalidCase, invalidCases } from './contract/invalid-inputs';
import { createSchemaValidator, type SchemaValidator } from './contract/json-schema';
import { type KnownDefect, unexpectedIssues } from './contract/known-defects';
import {
  documentedStatuses,
  isPublic,
  listOperations,
  type OpenApiDocument,
  type Operation,
  parametersIn,
  requestBodySchema,
  requiredRoles,
  securitySchemes,
  takesInput,
} from './contract/openapi';
import { describeRequest, describeResponse, type RequestSpec, send } from './contract/requests';
import { badBearerCredentials, badRefreshCredentials } from './contract/tokens';
import { edgeStrings, type Optional, validValue, validValueArbitrary, type ValueContext } from './contract/valid-values';
import { DEFAULT_USER, type Session, userWithNoneOf, World } from './contract/world';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The API keeps the promises of its OpenAPI document, for every operation, present and future:
 *   (d) the document describes each operation fully (summary, security, problem+json errors, …);
 *   (a) secured operations refuse missing, garbage, forged and expired credentials with 401 (and 403 without the role);
 *   (b) invalid input derived from the documented schemas gets a documented 4xx problem naming the field, and writes nothing;
 *   (c) a valid request built from the schemas succeeds and its response matches the documented schema;
 *   (e) random documented-valid input never gets a 5xx, an undocumented status or a "your valid value is invalid".
 * Test names come from the committed libs/api-client/openapi.json; every check uses the document the app serves.
 */

const JWT_SECRET = `contract-test-secret-${'k'.repeat(40)}`;
const SEED = Number(process.env.CONTRACT_SEED ?? 20260214);
const RANDOM_INVALID_PER_OPERATION = 25;
const RANDOM_VALID_PER_OPERATION = 15;
const STRONG_PASSWORD = 'Contract-Test passphrase 2026!';

const COMMITTED = JSON.parse(readFileSync(join(__dirname, '../../../libs/api-client/openapi.json'), 'utf8')) as OpenApiDocument;
const OPERATIONS = listOperations(COMMITTED);

/** `{id}` under these collections is a record that the destructive valid calls may change. */
const PATH_TARGETS: Record<string, (item: Record<string, unknown>) => boolean> = {
  '/api/v1/users': (user) => user.email === 'rep.e2@lianxi.test',
  // Owned by rep.e1, the default caller: owner-only flags and reassigning to oneself are theirs to change.
  '/api/v1/accounts': (account) => account.name === '徐州恒达工程机械有限公司',
  '/api/v1/teams': (team) => team.code === 'E2',
};

/** What a valid request needs beyond the schemas; everything else is generated. */
interface ValidRequestFixture {
  why: string;
  /** Call as this demo user instead of the one picked by x-required-roles. */
  as?: string;
  /** Log in anew: the call ends or rotates its session. */
  fresh?: boolean;
  /** Runs after every other operation (ends sessions, voids passwords). */
  late?: boolean;
  pathParams?: (world: World) => Promise<Record<string, string>>;
  body?: (world: World) => Promise<unknown>;
}

const VALID_REQUEST_FIXTURES: Record<string, ValidRequestFixture> = {
  convertQuote: {
    why: 'converts once (409 after): a fresh quote of the default caller within 10 %, submitted (approved at once)',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5', ['submit']) }),
  },
  logout: { why: 'ends the session it is called with', fresh: true, late: true },
  changeMyPassword: {
    why: 'the schema cannot know the current password or the password policy; the call ends the other sessions',
    as: 'rep.e1b@lianxi.test',
    fresh: true,
    late: true,
    body: async () => ({ currentPassword: demoPassword('rep.e1b@lianxi.test'), newPassword: STRONG_PASSWORD }),
  },
  deleteAccount: {
    why: 'deletes (with its contacts): use a fresh account of the default caller',
    late: true,
    pathParams: async (world) => ({ id: await throwawayAccount(world) }),
  },
  restoreAccount: {
    why: 'needs an account in the caller\'s recycle bin: a fresh one, deleted',
    pathParams: async (world) => ({ id: await binned(world, 'accounts', await throwawayAccount(world)) }),
  },
  restoreOpportunity: {
    why: 'needs an opportunity in the caller\'s recycle bin whose account is not: a fresh one, deleted',
    pathParams: async (world) => ({ id: await binned(world, 'opportunities', await throwawayOpportunity(world)) }),
  },
  restoreContact: {
    why: 'needs a contact in the caller\'s recycle bin whose account is not: a fresh one, deleted',
    pathParams: async (world) => ({ id: await binned(world, 'contacts', await throwawayContact(world)) }),
  },
  forceUserPasswordReset: {
    why: 'voids the target’s password: use a throwaway user',
    late: true,
    pathParams: async (world) => ({ id: (await createThrowawayUser(world, 'force-reset')).id }),
  },
  createAccountShare: {
    why: 'a share names exactly one of userId and teamId, which the schema cannot say: share with group E1',
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'edit' }),
  },
  createContactShare: {
    why: 'needs a contact the default caller may change (not another owner\'s owner-only one) and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayContact(world) }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteAccountShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'accounts', await throwawayAccount(world)),
  },
  deleteContactShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'contacts', await throwawayContact(world)),
  },
  createOpportunity: {
    why: 'the account must be one the caller sees, a stage one of the pipeline\'s: a fresh account of the default caller, default pipeline',
    body: async (world) => ({ accountId: await throwawayAccount(world), name: '合同测试商机 Contract opportunity', amount: '1234567.89', currency: 'CNY', expectedCloseDate: '2027-03-31', competitors: ['Caterpillar'] }),
  },
  updateOpportunity: {
    why: 'needs an opportunity the default caller may change, moved to a real stage of its pipeline',
    pathParams: async (world) => ({ id: await throwawayOpportunity(world) }),
    body: async (world) => ({ name: 'Contract moved', amount: '99.50', stageId: (await defaultPipeline(world)).stages[2].id }),
  },
  deleteOpportunity: {
    why: 'deletes, and reps delete only their own: a fresh opportunity of the default caller',
    late: true,
    pathParams: async (world) => ({ id: await throwawayOpportunity(world) }),
  },
  createOpportunityShare: {
    why: 'needs an opportunity the default caller may change and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayOpportunity(world) }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteOpportunityShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'opportunities', await throwawayOpportunity(world)),
  },
  createActivity: {
    why: 'the related record must be one the caller sees: a fresh account of the default caller',
    body: async (world) => ({ kind: 'visit', subject: '合同测试拜访 Contract visit', relatedType: 'account', relatedId: await throwawayAccount(world), dueAt: '2026-12-03T10:00:00+08:00', durationMinutes: 60 }),
  },
  updateActivity: {
    why: 'needs an activity the default caller may change (not of a related record that changes under it)',
    pathParams: async (world) => ({ id: await throwawayActivity(world) }),
    body: async () => ({ subject: 'Contract done', status: 'done', outcome: '客户同意 Agreed' }),
  },
  deleteActivity: {
    why: 'deletes, and reps delete only their own: a fresh activity of the default caller',
    late: true,
    pathParams: async (world) => ({ id: await throwawayActivity(world) }),
  },
  restoreActivity: {
    why: 'needs an activity in the caller\'s recycle bin whose account is not: a fresh one, deleted',
    pathParams: async (world) => ({ id: await binned(world, 'activities', await throwawayActivity(world)) }),
  },
  createActivityShare: {
    why: 'needs an activity the default caller may change and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayActivity(world) }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteActivityShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'activities', await throwawayActivity(world)),
  },
  getLead: {
    why: 'a lead of the default caller (other calls reassign, convert or delete the demo ones)',
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
  },
  updateLead: {
    why: 'needs a lead the default caller may change that is not converted (a converted lead is kept as it was)',
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
    body: async () => ({ status: 'qualified', rating: 'hot', notes: 'Contract qualified' }),
  },
  deleteLead: {
    why: 'deletes, and reps delete only their own: a fresh lead of the default caller',
    late: true,
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
  },
  restoreLead: {
    why: 'needs a lead in the caller\'s recycle bin: a fresh one, deleted',
    pathParams: async (world) => ({ id: await binned(world, 'leads', await throwawayLead(world)) }),
  },
  convertLead: {
    why: 'converts once (409 after): a fresh lead of the default caller, with an opportunity on the default pipeline',
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
    body: async () => ({ opportunity: { name: '合同测试线索商机', amount: '500000.00', expectedCloseDate: '2027-06-30' } }),
  },
  mergeAccount: {
    why: 'merges once (the source goes to the bin): a fresh target and a fresh source of the default caller',
    pathParams: async (world) => ({ id: await throwawayAccount(world) }),
    body: async (world) => ({ sourceAccountId: await throwawayAccount(world) }),
  },
  listLeadConversionMatches: {
    why: 'a lead of the default caller',
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
  },
  importLeads: {
    why: 'the CSV text must have a header row of known columns, which the schema cannot say',
    body: async () => ({ csv: '\uFEFF姓名,公司,电话\n合同导入,合同公司,13800138000\n' }),
  },
  importAccounts: {
    why: 'the CSV text must have a header row of known columns, which the schema cannot say',
    body: async () => ({ csv: '\uFEFF名称,电话\n合同导入客户,0516-83001234\n', onDuplicate: 'create' }),
  },
  importContacts: {
    why: 'the CSV text needs known columns, and its rows an account the default caller reads (a fresh one of theirs)',
    body: async (world) => ({ csv: '姓名,手机\n合同导入联系人,13800138001\n', accountId: await throwawayAccount(world) }),
  },
  reassignLeads: {
    why: 'reps may not reassign: the East manager moves a fresh lead of rep.e1 to rep.e1b',
    as: 'manager.east@lianxi.test',
    body: async (world) => ({ ids: [await throwawayLead(world)], ownerId: String((await world.collectionItems('/api/v1/users')).find((u) => u.email === 'rep.e1b@lianxi.test')?.id) }),
  },
  reassignAccounts: {
    why: 'reps may not reassign, and the valid policy write of this run rewrites sales_manager\'s account rights: the director moves a fresh account of rep.e1 to rep.e1b',
    as: 'director@lianxi.test',
    body: async (world) => ({ ids: [await throwawayAccount(world)], ownerId: await userIdOf(world, 'rep.e1b@lianxi.test') }),
  },
  reassignOpportunities: {
    why: 'reps may not reassign: the East manager moves a fresh opportunity of rep.e1 to rep.e1b',
    as: 'manager.east@lianxi.test',
    body: async (world) => ({ ids: [await throwawayOpportunity(world)], ownerId: await userIdOf(world, 'rep.e1b@lianxi.test') }),
  },
  evaluateAhp: {
    why: 'matrices must be reciprocal and sized to the criteria and items, which a JSON schema cannot say',
    body: async () => AHP_MODEL,
  },
  createAhpModel: {
    why: 'reps only read AHP models: the East manager creates one, with reciprocal matrices sized to its criteria and items',
    as: 'manager.east@lianxi.test',
    body: async () => ({ name: `合同 AHP ${randomUUID().slice(0, 8)}`, ...AHP_MODEL }),
  },
  getAhpModel: {
    why: 'needs a model the caller sees: a fresh one of the East manager',
    as: 'manager.east@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayAhpModel(world) }),
  },
  updateAhpModel: {
    why: 'reps only read AHP models: the East manager changes a fresh one, keeping its matrices valid',
    as: 'manager.east@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayAhpModel(world) }),
    body: async () => ({ name: 'Contract AHP', comparisons: [[1, 5], [0.2, 1]] }),
  },
  deleteAhpModel: {
    why: 'reps only read AHP models: the East manager deletes a fresh one',
    as: 'manager.east@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayAhpModel(world) }),
  },
  createSavedView: {
    why: 'a definition\'s filters, sort and columns must be those of the list its objectType names, which the schema cannot say',
    body: async () => ({ objectType: 'account', name: `合同视图 ${randomUUID().slice(0, 8)}`, definition: { filters: { region: '华东' }, sort: '-name', columns: ['name', 'region'] } }),
  },
  getSavedView: {
    why: 'views are personal: a fresh view of the default caller',
    pathParams: async (world) => ({ id: await throwawaySavedView(world) }),
  },
  updateSavedView: {
    why: 'views are personal: a fresh view of the default caller, redefined for the lead list it is of',
    pathParams: async (world) => ({ id: await throwawaySavedView(world) }),
    body: async () => ({ name: `合同视图 ${randomUUID().slice(0, 8)}`, definition: { filters: { status: 'new' }, columns: ['name', 'company'] } }),
  },
  deleteSavedView: {
    why: 'views are personal: a fresh view of the default caller',
    pathParams: async (world) => ({ id: await throwawaySavedView(world) }),
  },
  createLeadShare: {
    why: 'needs a lead the default caller may change and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayLead(world) }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteLeadShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'leads', await throwawayLead(world)),
  },
  submitWebLead: {
    why: 'the form key must be one configured on the server',
    body: async () => ({ formKey: 'demo-web-form', name: '网站访客 Web visitor', company: '合同访客公司', email: 'visitor@example.com' }),
  },
  createOrder: {
    why: 'the account must be one the caller sees and products existing ones: a fresh account of the default caller, the first product',
    body: async (world) => ({
      accountId: await throwawayAccount(world), currency: 'CNY', taxRate: '13', orderDate: '2026-12-01', paymentTermsDays: 30, notes: '合同测试订单',
      lines: [{ productId: await firstProduct(world), description: '合同测试明细 Contract line', quantity: '2', listPrice: '1000.00', discountPercent: '5' }],
    }),
  },
  updateOrder: {
    why: 'needs an order the default caller may change',
    pathParams: async (world) => ({ id: await throwawayOrder(world) }),
    body: async () => ({ notes: 'Contract notes', paymentTermsDays: 45 }),
  },
  changeOrderStatus: {
    why: 'only the next step is valid: a fresh order of the default caller, cancelled (no payments yet)',
    pathParams: async (world) => ({ id: await throwawayOrder(world) }),
    body: async () => ({ status: 'cancelled', note: '合同测试取消' }),
  },
  createOrderShare: {
    why: 'needs an order the default caller may change and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayOrder(world) }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteOrderShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'orders', await throwawayOrder(world)),
  },
  createOrderPayment: {
    why: 'finance records payments, at most the outstanding amount: a fresh order of the default caller',
    as: 'finance@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayOrder(world) }),
    body: async () => ({ amount: '100.00', paidAt: '2026-12-01', method: 'bank_transfer', reference: 'CONTRACT-1' }),
  },
  putExchangeRate: {
    why: 'finance keeps the rates, and the path is a known currency other than the base one (CNY) and a date',
    as: 'finance@lianxi.test',
    pathParams: async () => ({ currency: 'EUR', validFrom: '2026-06-01' }),
  },
  deleteExchangeRate: {
    why: 'finance deletes a rate that exists: a fresh one it sets first',
    as: 'finance@lianxi.test',
    pathParams: async (world) => ({ currency: 'EUR', validFrom: await throwawayExchangeRate(world) }),
  },
  recomputeCustomerMetrics: {
    why: 'the general manager and the sales director start metrics runs (analytics update)',
    as: 'director@lianxi.test',
  },
  getMetricsRun: {
    why: 'a run that exists: the one the director asks for (or the one already open)',
    as: 'director@lianxi.test',
    pathParams: async (world) => ({ id: await metricsRun(world) }),
  },
  getLatestMetricsRun: {
    why: 'there is a latest run once one was asked for',
    as: 'director@lianxi.test',
    pathParams: async (world) => (await metricsRun(world), {}),
  },
  getCustomerDistribution: {
    why: 'money figures (include) come from order amounts and costs, which reps may not read (403): the general manager reads them all',
    as: 'gm@lianxi.test',
  },
  getCustomerRetention: {
    why: 'the profit lost to churn needs the lines\' cost, which reps may not read (403): the general manager reads it',
    as: 'gm@lianxi.test',
  },
  listCustomerInsights: {
    why: 'money figures and money sorts need order amounts and costs (403 for reps): the general manager reads them all',
    as: 'gm@lianxi.test',
  },
  exportCustomerInsights: {
    why: 'money columns and money sorts need order amounts and costs (403 for reps): the general manager reads them all',
    as: 'gm@lianxi.test',
  },
  createPipeline: {
    why: 'only the sales director changes pipelines (object type pipeline, update all); not as the new default, which other calls rely on',
    as: 'director@lianxi.test',
    body: async () => ({ name: '合同测试流程', nameEn: 'Contract pipeline', isDefault: false, stages: [{ name: '询价', nameEn: 'Enquiry', probability: 30 }] }),
  },
  updatePipeline: {
    why: 'only the sales director changes pipelines',
    as: 'director@lianxi.test',
    pathParams: async (world) => ({ id: (await defaultPipeline(world)).id }),
    body: async () => ({ name: '设备销售', nameEn: 'Equipment sales' }),
  },
  addPipelineStage: {
    why: 'only the sales director changes pipelines',
    as: 'director@lianxi.test',
    pathParams: async (world) => ({ id: (await defaultPipeline(world)).id }),
    body: async () => ({ name: '合同阶段', nameEn: 'Contract stage', probability: 50 }),
  },
  updatePipelineStage: {
    why: 'only the sales director changes pipelines; {stageId} is a stage of the pipeline',
    as: 'director@lianxi.test',
    pathParams: async (world) => {
      const pipeline = await defaultPipeline(world);
      return { id: pipeline.id, stageId: pipeline.stages[0].id };
    },
    body: async () => ({ probability: 10 }),
  },
  reorderPipelineStages: {
    why: 'only the sales director changes pipelines; the body lists every stage of the pipeline once',
    as: 'director@lianxi.test',
    pathParams: async (world) => ({ id: (await defaultPipeline(world)).id }),
    body: async (world) => ({ stageIds: (await defaultPipeline(world)).stages.map((s) => s.id) }),
  },
  createProduct: {
    why: 'only the sales director and finance add products; the category must exist and the code be new',
    as: 'director@lianxi.test',
    body: async (world) => ({ code: `contract-${randomUUID().slice(0, 8)}`, name: '合同测试产品', nameEn: 'Contract product', categoryId: await firstCategory(world), unit: '台', costPrice: '1000.00' }),
  },
  updateProduct: {
    why: 'only the sales director and finance change products; a generated code or category would name a taken code or no category',
    as: 'director@lianxi.test',
    body: async () => ({ description: 'Contract' }),
  },
  createProductCategory: {
    why: 'only the sales director and finance change the catalogue; a generated parentId names no category',
    as: 'director@lianxi.test',
    body: async () => ({ name: '合同测试类', nameEn: 'Contract category' }),
  },
  updateProductCategory: {
    why: 'only the sales director and finance change the catalogue; a generated parentId names no category',
    as: 'director@lianxi.test',
    body: async () => ({ position: 0 }),
  },
  createPriceList: {
    why: 'only the sales director and finance make price lists; validTo must not precede validFrom, which the schema cannot say',
    as: 'director@lianxi.test',
    body: async () => ({ name: '合同测试价目表', currency: 'EUR', validFrom: '2026-01-01', validTo: '2026-12-31' }),
  },
  updatePriceList: {
    why: 'only the sales director and finance change price lists; generated dates could be out of order',
    as: 'director@lianxi.test',
    body: async () => ({ description: 'Contract' }),
  },
  putPriceListEntry: {
    why: 'only the sales director and finance set prices; {productId} is a product, which the entries list of {id} cannot give',
    as: 'director@lianxi.test',
    pathParams: async (world) => ({ id: await firstPriceList(world), productId: String((await world.collectionItems('/api/v1/products'))[0]?.id) }),
    body: async () => ({ listPrice: '1234.50', tiers: [{ minQuantity: 10, price: '1100.00' }] }),
  },
  deletePriceListEntry: {
    why: 'removes an entry: one of a fresh price list',
    as: 'director@lianxi.test',
    late: true,
    pathParams: async (world) => {
      const created = await world.callAs<{ id: string }>('director@lianxi.test', 'post', '/api/v1/price-lists', { name: `Contract ${randomUUID().slice(0, 8)}`, currency: 'EUR', validFrom: '2026-01-01' });
      if (created.status !== 201) throw new Error(`creating a price list → ${created.status} ${JSON.stringify(created.body)}`);
      const productId = String((await world.collectionItems('/api/v1/products'))[0]?.id);
      const entry = await world.callAs('director@lianxi.test', 'put', `/api/v1/price-lists/${created.body.id}/entries/${productId}`, { listPrice: '1.00' });
      if (entry.status !== 200) throw new Error(`setting a price → ${entry.status} ${JSON.stringify(entry.body)}`);
      return { id: created.body.id, productId };
    },
  },
  createQuote: {
    why: 'the account must be one the caller sees, each line an active product with a CNY price: a fresh account of the default caller',
    body: async (world) => ({ accountId: await throwawayAccount(world), currency: 'CNY', validUntil: '2027-03-31', taxRate: '13', notes: '合同测试报价 Contract quote', lines: [{ productId: await pricedProduct(world), quantity: '2', discountPercent: '5' }] }),
  },
  updateQuote: {
    why: 'needs a quote the default caller may change, still editable; lines name a priced product',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5') }),
    body: async (world) => ({ notes: 'Contract changed', validUntil: '2027-06-30', lines: [{ productId: await pricedProduct(world), quantity: '1.5', discountPercent: '12.5' }] }),
  },
  deleteQuote: {
    why: 'only drafts are deleted, and reps delete only their own: a fresh draft of the default caller',
    late: true,
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5') }),
  },
  submitQuote: {
    why: 'only a draft with lines is submitted: a fresh one of the default caller',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '15') }),
  },
  approveQuote: {
    why: 'only the approver the rules name decides: a fresh 15 % quote of rep.e1, submitted, approved by the East manager',
    as: 'manager.east@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '15', ['submit']) }),
    body: async () => ({ comment: '合同测试同意 Approved' }),
  },
  rejectQuote: {
    why: 'only the approver the rules name decides: a fresh 15 % quote of rep.e1, submitted, rejected by the East manager',
    as: 'manager.east@lianxi.test',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '15', ['submit']) }),
    body: async () => ({ comment: '合同测试驳回 Rejected' }),
  },
  sendQuote: {
    why: 'only approved quotes are sent: a fresh quote within the limits, submitted (so approved at once)',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5', ['submit']) }),
  },
  acceptQuote: {
    why: 'only sent quotes are accepted: a fresh quote, approved and sent',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5', ['submit', 'send']) }),
  },
  createQuoteShare: {
    why: 'needs a quote the default caller may change and exactly one grantee',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5') }),
    body: async (world) => ({ teamId: await teamIdOf(world, 'E1'), access: 'read' }),
  },
  deleteQuoteShare: {
    why: '{shareId} is a share of the record, which only exists once granted',
    pathParams: async (world) => sharedRecord(world, 'quotes', await throwawayQuote(world, '5')),
  },
  reviseQuote: {
    why: 'only approved, rejected or sent quotes are revised: a fresh approved one',
    pathParams: async (world) => ({ id: await throwawayQuote(world, '5', ['submit']) }),
  },
  updateApprovalRules: {
    why: 'only the sales director changes the rules, whose thresholds must increase: the defaults again',
    as: 'director@lianxi.test',
    body: async () => ({ rules: [{ maxDiscountPercent: '10', approver: 'none' }, { maxDiscountPercent: '20', approver: 'sales_manager' }, { maxDiscountPercent: null, approver: 'sales_director' }] }),
  },
  createRoleGrantRequest: {
    why: 'a user has at most one pending request: ask for a throwaway user',
    body: async (world) => ({ userId: (await createThrowawayUser(world, 'grant')).id, roles: ['sales_rep', 'auditor'], reason: 'contract' }),
  },
  approveRoleGrantRequest: {
    why: 'needs a pending request asked by another administrator than the caller (the demo has one administrator: asked by SQL)',
    pathParams: async (world) => {
      const user = await createThrowawayUser(world, 'approve');
      const [row] = await world.t.sql<{ id: string }>(
        `insert into role_grant_requests (id, user_id, roles, user_version, status, requested_by, expires_at)
         select gen_random_uuid(), u.id, array['sales_rep', 'auditor'], u.version, 'pending', (select id from users where email = 'gm@lianxi.test'), now() + interval '1 day'
           from users u where u.id = $1 returning id`,
        [user.id],
      );
      return { id: row.id };
    },
  },
  rejectRoleGrantRequest: {
    why: 'needs a pending request',
    pathParams: async (world) => {
      const user = await createThrowawayUser(world, 'reject');
      const response = await world.callAs<{ id: string }>('admin@lianxi.test', 'post', '/api/v1/role-grant-requests', { userId: user.id, roles: ['sales_manager'] });
      if (response.status !== 201) throw new Error(`asking for a role grant → ${response.status} ${JSON.stringify(response.body)}`);
      return { id: response.body.id };
    },
  },
  createMyApiKey: {
    why: 'expiresAt must lie ahead, within a year of now, which the schema cannot say',
    body: async () => ({ name: 'Contract ERP sync', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
  },
  revokeMyApiKey: {
    why: '{id} is one of the caller\'s keys, which only exists once made',
    pathParams: async (world) => ({ id: await throwawayApiKey(world) }),
  },
  revokeApiKey: {
    why: '{id} is a key, which only exists once a user makes one',
    pathParams: async (world) => ({ id: await throwawayApiKey(world) }),
  },
  resetPassword: {
    why: 'needs the one-time token, which only the (test) mail outbox knows',
    late: true,
    body: async (world) => {
      const user = await createThrowawayUser(world, 'reset');
      return { token: await tokenMailedTo(world, user.email), newPassword: STRONG_PASSWORD };
    },
  },
};

/**
 * Defects found by this suite and not fixed yet (see contract/known-defects.ts): each must still reproduce, so
 * fixing one makes the test ask for its entry to be removed. Never add an entry to make a new failure go away
 * without reporting it.
 */
const KNOWN_API_DEFECTS: KnownDefect[] = [];

/** Operations that cannot get a 2xx in this setting, and why. */
const NO_SUCCESS_EXPECTED: Record<string, string> = {};

/** Operations left out of (e), and why. */
const NOT_FUZZED: Record<string, string> = {
  login: 'random credentials are wrong credentials: they would lock the account and this IP out',
  changeMyPassword: 'random current passwords are wrong: they count towards the login lock-out',
};

/** Inputs whose validity depends on data, not on the schema: a 400 naming them is not a contract breach. */
const DATA_DEPENDENT_INPUTS: Record<string, string> = {
  cursor: 'only a nextCursor returned by the same list is valid',
  token: 'only an unused token from a reset email is valid',
  teamId: 'must reference an existing team (and a user needs a team or a partner account)',
  parentId: 'must reference an existing team',
  managerId: 'must reference an existing user other than the user',
  ownerId: 'must reference an active user, and someone else needs the reassign right',
  accountId: 'must reference an account the caller can see',
  parentAccountId: 'must reference an account the caller can see, neither the account itself nor one below it',
  sourceAccountId: 'must reference another account the caller can see and delete',
  taxNumber: 'the last character is a check character over the other 17 (GB 32100-2015), which a pattern cannot express',
  currency: 'reports and exchange rates take only an ISO 4217 code the server knows (a made-up XYZ is 400, not an empty report), and a rate not the base currency; a pattern cannot list them',
  costCurrency: 'only an ISO 4217 code the server knows (a made-up XYZ is 400); a pattern cannot list them',
  rate: 'an exchange rate must be greater than 0 (0.000 matches the decimal pattern)',
  relatedId: 'must reference a record of relatedType the caller can see',
  to: 'a forecast\'s last close date must not be before its first (from)',
  dueBefore: 'a due window must end after it starts (dueFrom)',
  orderDateTo: 'an order-date window must not end before it starts (orderDateFrom)',
  pipelineId: 'must reference an existing, active pipeline',
  stageId: 'must reference a stage of the opportunity\'s pipeline',
  stageIds: 'must list every stage of the pipeline exactly once',
  partnerAccountId: 'must reference an existing partner account',
  userId: 'must reference an active user (a share names exactly one of userId and teamId)',
  expiresAt: 'an API key\'s expiry must lie ahead, within a year of now',
  categoryId: 'must reference an existing product category',
  productId: 'must reference a product the caller may see',
  validTo: 'must not precede validFrom',
  tiers: 'each minQuantity at most once',
  criteria: 'an AHP model: each criterion\'s matrix must be reciprocal and sized to its sub-criteria or the items, its scores one per item',
  comparisons: 'an AHP pairwise matrix must be reciprocal (a_ji = 1/a_ij) and sized to what it compares',
  alternatives: 'an AHP model\'s items must match the length of its scores and matrices',
  csv: 'must be CSV text with a header row of known lead columns and at least one row',
  formKey: 'must name a web form configured on the server',
  disqualifiedReason: 'a lead is disqualified with a reason, and only a disqualified lead has one',
  ids: 'must reference records the caller may reassign',
  definition: 'filters, sort and columns must be those of the list named by objectType (its query parameters, its fields)',
  status: 'a converted lead cannot change (409), a disqualified one needs a reason',
  lines: 'orders: each line\'s productId an existing product, its quantity more than 0; quotes: each line must name an active product the caller sees, priced in the quote\'s currency (or with a list price not below it), within the largest total',
  opportunityId: 'must reference an opportunity of the quote\'s account that the caller can see',
  rules: 'thresholds must increase from rule to rule, and only the last rule has none',
  amount: 'a payment must be more than 0 (and at most the order\'s outstanding amount)',
};

async function createThrowawayUser(world: World, label: string): Promise<{ id: string; email: string }> {
  const email = `contract.${label}.${randomUUID().slice(0, 8)}@lianxi.test`;
  const teamId = (await world.collectionItems('/api/v1/teams')).find((team) => team.code === 'E1')?.id;
  const response = await world.callAs<{ id: string }>('admin@lianxi.test', 'post', '/api/v1/users', { email, name: '临时', nameEn: 'Throwaway', roles: ['sales_rep'], teamId });
  if (response.status !== 201) throw new Error(`creating a throwaway user → ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, email };
}

async function teamIdOf(world: World, code: string): Promise<string> {
  return String((await world.collectionItems('/api/v1/teams')).find((team) => team.code === code)?.id);
}

/** A new account of the default caller (rep.e1): other calls may rename, restrict or delete the demo ones. */
async function throwawayAccount(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/accounts', { name: `Contract throwaway ${randomUUID().slice(0, 8)}` });
  if (response.status !== 201) throw new Error(`creating a throwaway account → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** A new contact of the default caller (rep.e1), on a new account of theirs. */
async function throwawayContact(world: World): Promise<string> {
  const accountId = await throwawayAccount(world);
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/contacts', { accountId, name: `Contract contact ${randomUUID().slice(0, 8)}` });
  if (response.status !== 201) throw new Error(`creating a throwaway contact → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

type RecordCollection = 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'leads' | 'quotes' | 'orders';

/** Deletes the default caller's record (into the recycle bin) and answers its id. */
async function binned(world: World, collection: RecordCollection, id: string): Promise<string> {
  const response = await world.callAs(DEFAULT_USER, 'delete', `/api/v1/${collection}/${id}`, undefined, { 'If-Match': 'W/"1"' });
  if (response.status !== 204) throw new Error(`deleting ${collection}/${id} → ${response.status} ${JSON.stringify(response.body)}`);
  return id;
}

/** The default pipeline with its stages, in order. */
async function defaultPipeline(world: World): Promise<{ id: string; stages: Array<{ id: string }> }> {
  const response = await world.callAs<Array<{ id: string; isDefault: boolean; stages: Array<{ id: string }> }>>('rep.e1@lianxi.test', 'get', '/api/v1/pipelines');
  const pipeline = response.body.find((p) => p.isDefault);
  if (!pipeline) throw new Error(`no default pipeline → ${response.status} ${JSON.stringify(response.body)}`);
  return pipeline;
}

/** A new task of the default caller (rep.e1), about a new account of theirs. */
async function throwawayActivity(world: World): Promise<string> {
  const relatedId = await throwawayAccount(world);
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/activities', { kind: 'task', subject: `Contract task ${randomUUID().slice(0, 8)}`, relatedType: 'account', relatedId });
  if (response.status !== 201) throw new Error(`creating a throwaway activity → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The first product category (a root of the demo tree). */
async function firstCategory(world: World): Promise<string> {
  return String((await world.collectionItems('/api/v1/product-categories'))[0]?.id);
}

/** The first price list (the demo's CNY default). */
async function firstPriceList(world: World): Promise<string> {
  return String((await world.collectionItems('/api/v1/price-lists'))[0]?.id);
}

/** A new opportunity of the default caller (rep.e1), on a new account of theirs. */
async function throwawayOpportunity(world: World): Promise<string> {
  const accountId = await throwawayAccount(world);
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/opportunities', { accountId, name: `Contract opportunity ${randomUUID().slice(0, 8)}` });
  if (response.status !== 201) throw new Error(`creating a throwaway opportunity → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The first product of the catalogue. */
async function firstProduct(world: World): Promise<string> {
  return String((await world.collectionItems('/api/v1/products'))[0]?.id);
}

/** A new order of the default caller (rep.e1), on a new account of theirs. */
async function metricsRun(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('director@lianxi.test', 'post', '/api/v1/analytics/metrics/recompute', {});
  if (response.status !== 202) throw new Error(`asking for a metrics run → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

async function throwawayOrder(world: World): Promise<string> {
  const accountId = await throwawayAccount(world);
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/orders', { accountId, lines: [{ description: `Contract order ${randomUUID().slice(0, 8)}`, quantity: '1', listPrice: '1000.00' }] });
  if (response.status !== 201) throw new Error(`creating a throwaway order → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

let exchangeRateDays = 0;
/** A fresh EUR rate (finance's), on a day of its own (one day further each time, from 2000-01-01): answers its validFrom. */
async function throwawayExchangeRate(world: World): Promise<string> {
  const validFrom = new Date(Date.UTC(2000, 0, 1 + exchangeRateDays++)).toISOString().slice(0, 10);
  const response = await world.callAs('finance@lianxi.test', 'put', `/api/v1/exchange-rates/EUR/${validFrom}`, { rate: '7.8' });
  if (response.status !== 200) throw new Error(`creating a throwaway exchange rate → ${response.status} ${JSON.stringify(response.body)}`);
  return validFrom;
}

/** An active product with a price on the default CNY list. */
async function pricedProduct(world: World): Promise<string> {
  const [row] = await world.t.sql<{ id: string }>(
    `select p.id from products p join price_list_entries e on e.product_id = p.id join price_lists l on l.id = e.price_list_id
      where l.is_default and l.currency = 'CNY' and p.active order by p.code limit 1`,
  );
  return row.id;
}

/** A new quote of the default caller (rep.e1) with one line at `discount` %, on a new account of theirs, taken through `steps`. */
async function throwawayQuote(world: World, discount: string, steps: Array<'submit' | 'send'> = []): Promise<string> {
  const accountId = await throwawayAccount(world);
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/quotes', { accountId, lines: [{ productId: await pricedProduct(world), quantity: '1', discountPercent: discount }] });
  if (response.status !== 201) throw new Error(`creating a throwaway quote → ${response.status} ${JSON.stringify(response.body)}`);
  for (const step of steps) {
    const stepped = await world.callAs('rep.e1@lianxi.test', 'post', `/api/v1/quotes/${response.body.id}/${step}`, {});
    if (stepped.status !== 200) throw new Error(`${step} of a throwaway quote → ${stepped.status} ${JSON.stringify(stepped.body)}`);
  }
  return response.body.id;
}

/** A new lead of the default caller (rep.e1). */
async function throwawayLead(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/leads', { name: `Contract lead ${randomUUID().slice(0, 8)}`, company: `Contract lead company ${randomUUID().slice(0, 8)}` });
  if (response.status !== 201) throw new Error(`creating a throwaway lead → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The id of a demo user by email. */
async function userIdOf(world: World, email: string): Promise<string> {
  return String((await world.collectionItems('/api/v1/users')).find((u) => u.email === email)?.id);
}

/** A new saved view of the default caller (rep.e1), of the lead list. */
/** A valid AHP model: two criteria (one scored, one compared pairwise) over two items. */
const AHP_MODEL = {
  alternatives: ['安装服务', '维保服务'],
  comparisons: [[1, 3], [1 / 3, 1]],
  criteria: [{ name: '利润率', scores: [10, 30] }, { name: '满意度', comparisons: [[1, 2], [0.5, 1]] }],
};

async function throwawayAhpModel(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('manager.east@lianxi.test', 'post', '/api/v1/analytics/ahp-models', { name: `Contract AHP ${randomUUID().slice(0, 8)}`, ...AHP_MODEL });
  if (response.status !== 201) throw new Error(`creating a throwaway AHP model → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

async function throwawaySavedView(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/saved-views', { objectType: 'lead', name: `Contract view ${randomUUID().slice(0, 8)}`, definition: { sort: 'name' } });
  if (response.status !== 201) throw new Error(`creating a throwaway saved view → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The record shared by the default caller with group E1, as path parameters {id, shareId}. */
async function sharedRecord(world: World, collection: RecordCollection, id: string): Promise<Record<string, string>> {
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', `/api/v1/${collection}/${id}/shares`, { teamId: await teamIdOf(world, 'E1'), access: 'read' });
  if (response.status !== 201) throw new Error(`sharing ${collection}/${id} → ${response.status} ${JSON.stringify(response.body)}`);
  return { id, shareId: response.body.id };
}

/** A new API key of the default caller (rep.e1), for the calls that revoke one. */
async function throwawayApiKey(world: World): Promise<string> {
  const response = await world.callAs<{ id: string }>('rep.e1@lianxi.test', 'post', '/api/v1/me/api-keys', { name: `Contract throwaway ${randomUUID().slice(0, 8)}` });
  if (response.status !== 201) throw new Error(`creating a throwaway API key → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

async function tokenMailedTo(world: World, email: string): Promise<string> {
  const [mail] = await world.t.sql<{ body: string }>('select body from mail_outbox where recipient = $1 order by created_at desc limit 1', [email]);
  const token = /token=([^\s]+)/.exec(mail?.body ?? '')?.[1];
  if (!token) throw new Error(`no reset link mailed to ${email}`);
  return token;
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;
const failWith = (title: string, problems: string[]): void => {
  if (problems.length) throw new Error(`${title}\n- ${problems.join('\n- ')}`);
};

/** One running app on its own database, with its served document and what the checks need. */
interface Contract {
  t: TestApp;
  document: OpenApiDocument;
  validator: SchemaValidator;
  world: World;
  values: ValueContext;
}

async function openContract(): Promise<Contract> {
  // The web form's rate limit would turn the suite's many public calls from one address into 429s.
  const t = await createTestApp({ JWT_SECRET, WEB_LEAD_RATE_PER_MINUTE: '100000' });
  const response = await t.http.get('/api/openapi.json');
  if (response.status !== 200) throw new Error(`GET /api/openapi.json → ${response.status}`);
  const document = response.body as OpenApiDocument;
  const validator = createSchemaValidator(document);
  const world = new World(t, document, PATH_TARGETS);
  const teams = await world.collectionItems('/api/v1/teams');
  const users = await world.collectionItems('/api/v1/users');
  const accounts = await world.collectionItems('/api/v1/accounts');
  const e1 = String(teams.find((team) => team.code === 'E1')?.id);
  const partner = users.find((user) => user.partnerAccount)?.partnerAccount as { id: string } | undefined;
  const references = {
    teamId: e1,
    parentId: e1,
    managerId: String(users.find((u) => u.email === 'gm@lianxi.test')?.id),
    partnerAccountId: String(partner?.id),
    // Records are created and reassigned to the default caller (rep.e1): creating for others needs the reassign right.
    ownerId: String(users.find((u) => u.email === 'rep.e1@lianxi.test')?.id),
    // A contact's account: one the default caller can see.
    accountId: String(accounts.find((account) => account.name === '徐州恒达工程机械有限公司')?.id),
    // A parent account: another one the default caller can see (never the account a PATCH changes).
    parentAccountId: String(accounts.find((account) => account.name === '苏州远航建设集团')?.id),
    // GET /access/explain?entity=account&id=…&user=…: a real account and a real user.
    id: String(accounts.find((account) => account.name === '徐州恒达工程机械有限公司')?.id),
    user: String(users.find((u) => u.email === 'rep.e1@lianxi.test')?.id),
  };
  return { t, document, validator, world, values: { document, validator, seed: SEED, references } };
}

/**
 * A fresh app for the enclosing describe block: each category starts from the demo data, so records that one
 * category creates (or that a defect lets through) cannot make another fail.
 */
function useContract(): Contract {
  const contract = {} as Contract;
  beforeAll(async () => {
    Object.assign(contract, await openContract());
  });
  afterAll(() => contract.t?.close());
  return contract;
}

/** The operation as the running app documents it (test names come from the committed file). */
function served(c: Contract, op: Operation): Operation {
  const spec = c.document.paths[op.path]?.[op.method];
  if (!spec) throw new Error(`${op.label} is in libs/api-client/openapi.json but the app does not serve it: run \`pnpm openapi\``);
  return { ...op, spec };
}

async function sessionFor(c: Contract, op: Operation): Promise<Session | null> {
  const caller = c.world.callerOf(op);
  return caller ? c.world.session(caller) : null;
}

/** A valid request as `session`: real path ids, query and body from the schemas, If-Match from a GET. */
async function validRequest(c: Contract, op: Operation, session: Session | null, optional: Optional, fixture?: ValidRequestFixture): Promise<RequestSpec> {
  const pathParams = fixture?.pathParams ? await fixture.pathParams(c.world) : await c.world.pathParams(op);
  // Enum path parameters (a role key, an object type) name no record: take the documented example or first value.
  if (!fixture?.pathParams) for (const parameter of parametersIn(op, 'path').filter((p) => p.schema.enum)) pathParams[parameter.name] = String(validValue(parameter.schema, c.values, optional, parameter.name));
  const query: Record<string, string> = {};
  for (const parameter of parametersIn(op, 'query')) {
    const wanted = parameter.required || (optional === 'all' && (parameter.schema.default !== undefined || parameter.schema.example !== undefined));
    if (wanted) query[parameter.name] = String(validValue(parameter.schema, c.values, optional, parameter.name));
  }
  const headers = c.world.credentials(op, session);
  const statuses = documentedStatuses(op);
  if (session && (statuses.includes(412) || statuses.includes(428))) {
    const etag = await c.world.ifMatch(op, pathParams, session);
    if (etag) headers['If-Match'] = etag;
  }
  const schema = requestBodySchema(c.document, op);
  const body = fixture?.body ? await fixture.body(c.world) : schema ? validValue(schema, c.values, optional) : undefined;
  return { method: op.method, path: op.path, pathParams, query, headers, body: body === undefined ? undefined : { json: body } };
}

/**
 * For operations that create records (201), the request with the values it shares with `base` replaced by
 * values unique to `variant`: a defect that lets one invalid request create a record must not turn the later
 * ones into 409 conflicts.
 */
function withUniqueValues(c: Contract, op: Operation, base: RequestSpec, request: RequestSpec, variant: number): RequestSpec {
  const schema = requestBodySchema(c.document, op);
  const json = request.body && 'json' in request.body ? request.body.json : undefined;
  const baseJson = base.body && 'json' in base.body ? (base.body.json as Record<string, unknown>) : undefined;
  if (!schema || !documentedStatuses(op).includes(201) || !baseJson || !json || typeof json !== 'object' || Array.isArray(json)) return request;
  const fresh = validValue(schema, c.values, 'references', '', variant) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  for (const key of Object.keys(baseJson)) {
    if (key in out && JSON.stringify(out[key]) === JSON.stringify(baseJson[key])) out[key] = fresh[key];
  }
  return { ...request, body: { json: out } };
}

/** `base` with one free-text body property or query parameter set to each of its edge strings. */
function edgeRequests(c: Contract, op: Operation, base: RequestSpec): RequestSpec[] {
  const requests: RequestSpec[] = [];
  const body = base.body && 'json' in base.body ? (base.body.json as Record<string, unknown>) : undefined;
  for (const [key, property] of Object.entries(requestBodySchema(c.document, op)?.properties ?? {})) {
    for (const { value } of edgeStrings(property, c.values)) requests.push({ ...base, body: { json: { ...body, [key]: value } } });
  }
  for (const parameter of parametersIn(op, 'query').filter((p) => !DATA_DEPENDENT_INPUTS[p.name])) {
    for (const { value } of edgeStrings(parameter.schema, c.values)) requests.push({ ...base, query: { ...base.query, [parameter.name]: value } });
  }
  return requests;
}

/** Failures grouped by kind, at most two examples each, so one defect does not drown the others. */
class FailureReport {
  private readonly groups = new Map<string, string[]>();

  add(kind: string, request: RequestSpec, response: Response, problems: string[]): void {
    const examples = this.groups.get(kind) ?? [];
    if (examples.length < 2) examples.push(`${describeRequest(request)}\n    ${describeResponse(response)}\n    ${problems.join('\n    ')}`);
    this.groups.set(kind, examples);
  }

  get size(): number {
    return this.groups.size;
  }

  lines(): string[] {
    return [...this.groups].map(([kind, examples]) => `${kind}:\n  ${examples.join('\n  ')}`);
  }
}

describe('API contract, driven by GET /api/openapi.json', () => {
  describe('the document', () => {
    const c = useContract();

    it('serves exactly the operations of the committed libs/api-client/openapi.json', () => {
      const label = (o: Operation) => `${o.method.toUpperCase()} ${o.path} (${o.operationId})`;
      const servedLabels = listOperations(c.document).map(label).sort();
      const committedLabels = OPERATIONS.map(label).sort();
      failWith('The committed document is stale; run `pnpm openapi`', [
        ...servedLabels.filter((l) => !committedLabels.includes(l)).map((l) => `served but not committed: ${l}`),
        ...committedLabels.filter((l) => !servedLabels.includes(l)).map((l) => `committed but not served: ${l}`),
      ]);
      expect(c.document.openapi).toMatch(/^3\.0\./);
    });

    describe('(d) document hygiene', () => {
      it.each(OPERATIONS)('$label', (op) => {
        const problems = hygieneProblems(served(c, op), c.document, listOperations(c.document));
        failWith(`${op.label} is under-documented`, unexpectedIssues('d', op.operationId, problems, KNOWN_API_DEFECTS));
      });
    });
  });

  describe('(a) authentication and roles', () => {
    const c = useContract();

    it.each(OPERATIONS.filter((op) => !isPublic(op)))('401 problem+json for missing, garbage, forged and expired credentials: $label', async (raw) => {
      const op = served(c, raw);
      const admin = await c.world.session('admin@lianxi.test');
      const credentials = securitySchemes(op).includes('refreshCookie') ? badRefreshCredentials() : badBearerCredentials(admin.accessToken, JWT_SECRET);
      const pathParams = Object.fromEntries(parametersIn(op, 'path').map((p) => [p.name, randomUUID()]));
      const problems: string[] = [];
      for (const credential of credentials) {
        const request: RequestSpec = { method: op.method, path: op.path, pathParams, query: {}, headers: credential.headers };
        const response = await send(c.t, request);
        const found = [
          ...(response.status === 401 ? [] : [`status ${response.status}, expected 401`]),
          ...problemJsonProblems(response, c.validator),
          ...(op.spec.responses['401'] ? [] : ['401 is not documented']),
        ];
        if (found.length) problems.push(`${credential.name}: ${describeRequest(request)} ${describeResponse(response)}: ${found.join('; ')}`);
      }
      failWith(`${op.label} accepts bad credentials or answers them wrongly`, problems);
    });

    it.each(OPERATIONS.filter((op) => requiredRoles(op).length))('403 problem+json for a signed-in user without the x-required-roles: $label', async (raw) => {
      const op = served(c, raw);
      const email = userWithNoneOf(requiredRoles(op));
      const request = await validRequest(c, op, await c.world.session(email), 'references');
      const before = await fingerprint(c.t);
      const response = await send(c.t, request);
      failWith(`${op.label} as ${email}: ${describeRequest(request)} ${describeResponse(response)}`, [
        ...(response.status === 403 ? [] : [`status ${response.status}, expected 403`]),
        ...problemJsonProblems(response, c.validator),
        ...responseProblems(op, response, c.validator),
        ...changedTables(before, await fingerprint(c.t)).map((change) => `wrote ${change}`),
      ]);
    });
  });

  describe('(a) API keys', () => {
    const c = useContract();
    const sessionOnly = OPERATIONS.filter((op) => !isPublic(op) && !securitySchemes(op).some((scheme) => scheme === 'apiKey' || scheme === 'refreshCookie'));

    it.each(sessionOnly)('403 problem+json for an API key where the operation does not list the apiKey scheme: $label', async (raw) => {
      const op = served(c, raw);
      const email = c.world.callerOf(op) ?? DEFAULT_USER;
      const secret = await c.world.apiKey(email);
      const valid = await validRequest(c, op, await c.world.session(email), 'references');
      const { Authorization: _session, ...headers } = valid.headers;
      const request: RequestSpec = { ...valid, headers: { ...headers, 'X-API-Key': secret } };
      // A key's first use records when it was used; use it once so that only the request under test could write.
      const warmUp = c.world.operations.find((o) => o.method === 'get' && !o.path.includes('{') && securitySchemes(o).includes('apiKey'));
      if (warmUp) await c.t.http.get(warmUp.path).set('X-API-Key', secret);
      const before = await fingerprint(c.t);
      const response = await send(c.t, request);
      failWith(`${op.label} with an API key: ${describeRequest(request)} ${describeResponse(response)}`, [
        ...(response.status === 403 ? [] : [`status ${response.status}, expected 403`]),
        ...problemJsonProblems(response, c.validator),
        ...responseProblems(op, response, c.validator),
        ...changedTables(before, await fingerprint(c.t)).map((change) => `wrote ${change}`),
      ]);
    });
  });

  describe('(b) invalid input is refused with a documented problem naming the field, and writes nothing', () => {
    const c = useContract();

    /** What is wrong with the answer to one invalid request. */
    function rejectionProblems(op: Operation, invalid: InvalidCase, response: Response): string[] {
      const problems: string[] = [];
      if (response.status < 400 || response.status >= 500) problems.push(`status ${response.status}, expected a 4xx`);
      else if (!documentedStatuses(op).includes(response.status) && !invalid.extraStatuses?.includes(response.status)) {
        problems.push(`status ${response.status} is not documented (documented: ${documentedStatuses(op).join(', ')})`);
      }
      if (response.status >= 400) problems.push(...problemJsonProblems(response, c.validator));
      if (invalid.field && response.status >= 400 && !namesField(problemFields(response), invalid.field)) {
        problems.push(`errors[].field does not name "${invalid.field}" (fields: ${JSON.stringify(problemFields(response))})`);
      }
      return problems;
    }

    it.each(OPERATIONS.filter(takesInput))('$label', async (raw) => {
      const op = served(c, raw);
      const session = await sessionFor(c, op);
      const base = await validRequest(c, op, session, 'references');
      const { sampled, fixed } = invalidCases(op, base, c.values);
      const cases = [
        ...fixed,
        ...sampled.map((arbitrary) => fc.sample(arbitrary, { seed: SEED, numRuns: 1 })[0]),
        // An operation whose only inputs are enum path parameters has no sampled cases (nothing to draw from).
        ...(sampled.length ? fc.sample(fc.oneof(...sampled), { seed: SEED, numRuns: RANDOM_INVALID_PER_OPERATION }) : []),
      ];
      const report = new FailureReport();
      let before = await fingerprint(c.t);
      let ifMatch: string | undefined = base.headers['If-Match'];
      for (const [index, invalid] of cases.entries()) {
        const unique = withUniqueValues(c, op, base, invalid.request, index + 1);
        // Keep the record's current ETag unless If-Match itself is what this case makes invalid.
        const testsIfMatch = unique.headers['If-Match'] !== base.headers['If-Match'];
        const request = ifMatch && !testsIfMatch ? { ...unique, headers: { ...unique.headers, 'If-Match': ifMatch } } : unique;
        const response = await send(c.t, request);
        const after = await fingerprint(c.t);
        const written = changedTables(before, after);
        const problems = [...rejectionProblems(op, invalid, response), ...written.map((change) => `wrote ${change}`)];
        // A defect that wrote moved the record's version on: read it again so later cases are not refused with 412.
        if (written.length && ifMatch && session) ifMatch = await c.world.ifMatch(op, base.pathParams, session);
        before = after;
        if (problems.length) report.add(invalid.kind, request, response, problems);
      }
      const kinds = new Set(cases.map((invalid) => invalid.kind)).size;
      failWith(
        `${op.label}: ${report.size} of ${kinds} kinds of invalid input (${cases.length} requests) were not refused properly`,
        unexpectedIssues('b', op.operationId, report.lines(), KNOWN_API_DEFECTS),
      );
    });
  });

  describe('(c) a valid request succeeds with a documented, schema-valid response', () => {
    const c = useContract();
    const late = (op: Operation) => Number(VALID_REQUEST_FIXTURES[op.operationId]?.late ?? false);
    // Reads first, then writes; calls that end sessions or void passwords last.
    const ordered = [...OPERATIONS].sort((a, b) => late(a) - late(b) || Number(a.method !== 'get') - Number(b.method !== 'get'));

    it.each(ordered)('$label', async (raw) => {
      const op = served(c, raw);
      const fixture = VALID_REQUEST_FIXTURES[op.operationId];
      const caller = fixture?.as ?? c.world.callerOf(op);
      const rotates = Boolean(fixture?.fresh) || securitySchemes(op).includes('refreshCookie');
      const session = caller ? await c.world.session(caller, rotates) : null;
      const request = await validRequest(c, op, session, 'all', fixture);

      const schema = requestBodySchema(c.document, op);
      const notValid = schema && request.body && 'json' in request.body ? c.validator.errors(schema, request.body.json) : [];
      failWith(`${op.label}: the generated request is not valid per the document (fix the generator or the example)`, notValid);

      const response = await send(c.t, request);
      const problems = responseProblems(op, response, c.validator);
      if (!is2xx(response.status) && !NO_SUCCESS_EXPECTED[op.operationId]) problems.push('expected a 2xx for this valid request');
      const issues = problems.length ? [`${describeRequest(request)}\n  ${describeResponse(response)}\n  ${problems.join('\n  ')}`] : [];
      failWith(`${op.label}: a valid request was not answered as documented`, unexpectedIssues('c', op.operationId, issues, KNOWN_API_DEFECTS));
    });
  });

  describe('(e) random documented-valid input gets a documented answer, never a 5xx', () => {
    const c = useContract();

    /** Inputs a 400 blames although the request gave them a value the document allows. */
    function wronglyBlamed(op: Operation, request: RequestSpec, response: Response): string[] {
      if (response.status !== 400) return [];
      const body = request.body && 'json' in request.body ? (request.body.json as Record<string, unknown>) : {};
      const properties = requestBodySchema(c.document, op)?.properties ?? {};
      const names = new Set(problemFields(response).map((field) => field.split(/[.[]/)[0]));
      return [...names].filter((name) => {
        if (DATA_DEPENDENT_INPUTS[name]) return false;
        const parameter = (op.spec.parameters ?? []).find((p) => p.name === name);
        if (parameter?.in === 'query' && name in request.query) return c.validator.isValid(parameter.schema, deserialize(parameter.schema, request.query[name]));
        return Boolean(properties[name] && name in body && c.validator.isValid(properties[name], body[name]));
      });
    }

    it.each(OPERATIONS.filter((op) => takesInput(op) && !NOT_FUZZED[op.operationId]))('$label', async (raw) => {
      const op = served(c, raw);
      const session = await sessionFor(c, op);
      const base = await validRequest(c, op, session, 'references');
      const schema = requestBodySchema(c.document, op);
      // Data-dependent parameters (a cursor) would only ever be refused, hiding what the rest of the request gets.
      const queryParameters = parametersIn(op, 'query').filter((p) => !DATA_DEPENDENT_INPUTS[p.name]);
      const arbitrary = fc.record({
        body: schema ? validValueArbitrary(schema, c.values) : fc.constant(undefined),
        query: fc.record(Object.fromEntries(queryParameters.map((p) => [p.name, validValueArbitrary(p.schema, c.values, p.name).map(String)])), {
          requiredKeys: queryParameters.filter((p) => p.required).map((p) => p.name),
        }),
        pathParams: fc.record(Object.fromEntries(Object.entries(base.pathParams).map(([name, id]) => [name, fc.oneof(fc.constant(id), fc.uuid())]))),
      });
      const random = fc.sample(arbitrary, { seed: SEED, numRuns: RANDOM_VALID_PER_OPERATION }).map(
        (sample): RequestSpec => ({
          ...base,
          pathParams: sample.pathParams as Record<string, string>,
          query: sample.query as Record<string, string>,
          body: sample.body === undefined ? undefined : { json: sample.body },
        }),
      );
      const requests = [...edgeRequests(c, op, base), ...random];
      const report = new FailureReport();
      for (const [index, generated] of requests.entries()) {
        const request = withUniqueValues(c, op, base, { ...generated, headers: { ...generated.headers } }, index + 1);
        if (request.headers['If-Match'] && session) request.headers['If-Match'] = (await c.world.ifMatch(op, request.pathParams, session)) ?? request.headers['If-Match'];
        const response = await send(c.t, request);
        const problems = responseProblems(op, response, c.validator);
        const blamed = wronglyBlamed(op, request, response);
        if (blamed.length) problems.push(`400 blames ${blamed.join(', ')}, whose value the document allows`);
        const nul = response.status >= 500 && JSON.stringify(request).includes('\\u0000') ? ' [the input contains U+0000]' : '';
        if (problems.length) report.add(problems.map((p) => p.split(/[:(]/)[0].trim()).join('; ') + nul, request, response, problems);
      }
      failWith(
        `${op.label}: ${report.size} kinds of answer to documented-valid requests (${requests.length} sent) that the document does not allow`,
        unexpectedIssues('e', op.operationId, report.lines(), KNOWN_API_DEFECTS),
      );
    });
  });
});
