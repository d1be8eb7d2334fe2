import { ObjectType } from './access.types';
import { RECORD_ATTRIBUTE_FIELDS } from './record-attributes';

/** The fields under field rules, per object type: what the policy editor and /me/permissions list. */
export const OBJECT_FIELDS: Record<ObjectType, string[]> = {
  [ObjectType.Account]: ['name', 'kind', 'industry', 'region', 'phone', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Contact]: ['accountId', 'name', 'title', 'phone', 'email', 'mobile', 'department', 'isPrimary', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Opportunity]: ['name', 'accountId', 'pipelineId', 'stageId', 'amount', 'currency', 'probability', 'expectedCloseDate', 'competitors', 'description', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Activity]: ['kind', 'subject', 'description', 'status', 'priority', 'dueAt', 'durationMinutes', 'location', 'outcome', 'completedAt', 'relatedType', 'relatedId', 'accountId', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Lead]: ['name', 'company', 'title', 'phone', 'email', 'source', 'status', 'disqualifiedReason', 'rating', 'region', 'industry', 'notes', 'convertedAt', 'convertedAccountId', 'convertedContactId', 'convertedOpportunityId', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.Order]: ['number', 'accountId', 'quoteId', 'currency', 'status', 'orderDate', 'paymentTermsDays', 'dueDate', 'taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount', 'notes', 'lines.listPrice', 'lines.discountPercent', 'lines.netPrice', 'lines.lineTotal', 'lines.unitCost', ...RECORD_ATTRIBUTE_FIELDS],
  // Visible with its order; no records of its own.
  [ObjectType.Payment]: ['amount', 'paidAt', 'method', 'reference'],
  // Configuration without records: no field rules.
  [ObjectType.Pipeline]: [],
  // Catalogue without owners: field rules apply (the cost price is hidden from most roles).
  [ObjectType.Product]: ['code', 'name', 'nameEn', 'categoryId', 'unit', 'active', 'description', 'costPrice', 'costCurrency'],
  [ObjectType.PriceList]: ['name', 'currency', 'validFrom', 'validTo', 'isDefault', 'active', 'description'],
  // `prices` stands for every money figure and discount of a quote and its lines (hidden for the quality inspector).
  [ObjectType.Quote]: ['number', 'revision', 'accountId', 'opportunityId', 'currency', 'validUntil', 'status', 'taxRate', 'notes', 'lines', 'prices', ...RECORD_ATTRIBUTE_FIELDS],
  [ObjectType.ApprovalRule]: [],
  // What the analytics aggregate is guarded by the account scope and the order field rules, not by fields of its own.
  [ObjectType.Analytics]: [],
  [ObjectType.ExchangeRate]: [],
  [ObjectType.AhpModel]: ['name', 'description', 'criteria', 'comparisons', 'alternatives', ...RECORD_ATTRIBUTE_FIELDS],
};

/** Where each record object type's records live (for the explain endpoint and owner moves); configuration types have none. */
export const OBJECT_TABLES: Partial<Record<ObjectType, string>> = {
  [ObjectType.Account]: 'accounts',
  [ObjectType.Contact]: 'contacts',
  [ObjectType.Opportunity]: 'opportunities',
  [ObjectType.Activity]: 'activities',
  [ObjectType.Lead]: 'leads',
  [ObjectType.Order]: 'orders',
  [ObjectType.Quote]: 'quotes',
  [ObjectType.AhpModel]: 'ahp_models',
};
