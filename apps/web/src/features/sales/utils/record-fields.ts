import type { FieldAccess, ObjectType } from '@/lib/permissions';

/** How a business field is entered in a form. */
export type FieldInput = 'text' | 'email' | 'phone' | 'kind' | 'amount' | 'currency' | 'percent' | 'date' | 'leadSource' | 'leadRating' | 'tier' | 'url' | 'taxNumber' | 'account' | 'address' | 'boolean';

/** The object types edited with the generic record form (pipelines, the catalogue, price lists and approval rules are configuration; activities, quotes and orders have pages of their own; payments belong to orders). */
export type RecordObjectType = Exclude<ObjectType, 'pipeline' | 'activity' | 'product' | 'price_list' | 'quote' | 'approval_rule' | 'order' | 'payment' | 'analytics' | 'exchange_rate' | 'ahp_model'>;

export interface FieldSpec {
  name: string;
  input: FieldInput;
  /** Required on create and never cleared. */
  required?: boolean;
  /** Longest accepted value (the API's DTO rule). */
  max?: number;
}

/** The business fields of each record type, in display order (the record attributes are shown apart). */
export const RECORD_FIELDS = {
  account: [
    { name: 'name', input: 'text', required: true, max: 200 },
    { name: 'kind', input: 'kind' },
    { name: 'industry', input: 'text', max: 100 },
    { name: 'region', input: 'text', max: 100 },
    { name: 'phone', input: 'phone' },
    { name: 'email', input: 'email', max: 254 },
    { name: 'tier', input: 'tier' },
    { name: 'parentAccountId', input: 'account' },
    { name: 'website', input: 'url', max: 300 },
    { name: 'taxNumber', input: 'taxNumber' },
    { name: 'billingAddress', input: 'address' },
    { name: 'shippingAddress', input: 'address' },
  ],
  contact: [
    { name: 'name', input: 'text', required: true, max: 200 },
    { name: 'title', input: 'text', max: 100 },
    { name: 'department', input: 'text', max: 100 },
    { name: 'phone', input: 'phone' },
    { name: 'mobile', input: 'phone' },
    { name: 'email', input: 'email', max: 254 },
    { name: 'isPrimary', input: 'boolean' },
  ],
  // The stage is changed on the board or with the stage picker of the record page, not in the form.
  opportunity: [
    { name: 'name', input: 'text', required: true, max: 200 },
    { name: 'amount', input: 'amount' },
    { name: 'currency', input: 'currency' },
    { name: 'probability', input: 'percent' },
    { name: 'expectedCloseDate', input: 'date' },
    { name: 'description', input: 'text', max: 4000 },
  ],
  // The status is changed with the status picker of the record page (and by converting), not in the form.
  lead: [
    { name: 'name', input: 'text', required: true, max: 200 },
    { name: 'company', input: 'text', max: 200 },
    { name: 'title', input: 'text', max: 100 },
    { name: 'phone', input: 'phone' },
    { name: 'email', input: 'email', max: 254 },
    { name: 'source', input: 'leadSource' },
    { name: 'rating', input: 'leadRating' },
    { name: 'region', input: 'text', max: 100 },
    { name: 'industry', input: 'text', max: 100 },
    { name: 'notes', input: 'text', max: 4000 },
  ],
} as const satisfies Record<RecordObjectType, readonly FieldSpec[]>;

/** Every field that has a label: business fields and record attributes. */
export type RecordFieldName =
  | (typeof RECORD_FIELDS)[RecordObjectType][number]['name']
  | 'accountId'
  | 'pipelineId'
  | 'stageId'
  | 'competitors'
  | 'status'
  | 'disqualifiedReason'
  | 'convertedAt'
  | 'convertedAccountId'
  | 'convertedContactId'
  | 'convertedOpportunityId'
  | 'ownerId'
  | 'teamId'
  | 'partnerAccountId'
  | 'restricted'
  | 'ownerOnlyEdit';

/** Record flags only the owner may change (R-SEC-4, R-SEC-5). */
export const FLAG_FIELDS = ['restricted', 'ownerOnlyEdit'] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];

export const ACCOUNT_KINDS = ['company', 'person'] as const;
export const ACCOUNT_TIERS = ['strategic', 'key', 'standard', 'small'] as const;
/** The parts of a postal address, in the order they are entered (a Chinese address reads country → street). */
export const ADDRESS_PARTS = ['country', 'province', 'city', 'district', 'street', 'postalCode'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type AddressValue = Partial<Record<AddressPart, string>>;

/** The unified social credit code's shape (the API also checks the check character). */
export const TAX_NUMBER = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
export const URL_PATTERN = /^https?:\/\/\S+$/;

/** An address in one line, largest part first, as Chinese addresses are written; empty parts left out. */
export function addressText(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const parts = value as AddressValue;
  return ADDRESS_PARTS.filter((part) => parts[part]).map((part) => parts[part]).join(' ');
}
export const LEAD_SOURCES = ['manual', 'import', 'web', 'event', 'partner', 'referral', 'other'] as const;
export const LEAD_RATINGS = ['hot', 'warm', 'cold'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'disqualified'] as const;

/** Same rule as the API's phone validator, so most mistakes are caught before a round trip. */
export const PHONE = /^\+?[0-9 ()-]{5,30}$/;

/** The API's money rule: a non-negative decimal string with at most two decimals. */
export const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
export const CURRENCY = /^[A-Z]{3}$/;
export const PERCENT = /^(100|[1-9]?\d)$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The value of a business field as read (text, null or absent when hidden). */
export function fieldValue(record: object, field: string): unknown {
  return (record as Record<string, unknown>)[field];
}

/** A field the caller may see at all; masked values come from the server already masked. */
export function isVisible(access: FieldAccess): boolean {
  return access !== 'hidden';
}
