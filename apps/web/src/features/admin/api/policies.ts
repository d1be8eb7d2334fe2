import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import type { RoleKey } from './users';

export type RolePolicy = Schema<'RolePolicyDto'>;
export type ObjectPolicy = Schema<'ObjectPolicyDto'>;
export type ObjectType = Schema<'ObjectType'>;
export type AccessLevel = Schema<'AccessLevel'>;
export type PolicyLevels = Schema<'PolicyLevelsDto'>;
export type PolicyLevelsInput = Schema<'PolicyLevelsInputDto'>;
export type PolicyAction = keyof PolicyLevels;
export type FieldAccess = NonNullable<Schema<'SetFieldPolicyDto'>['fields'][string]>;
/** Field → access to set; `null` removes the field's rule. */
export type FieldRulesInput = Schema<'SetFieldPolicyDto'>['fields'];

export const OBJECT_TYPES = ['account', 'contact', 'lead', 'opportunity', 'activity', 'pipeline', 'product', 'price_list', 'quote', 'approval_rule', 'order', 'payment', 'analytics', 'exchange_rate', 'ahp_model'] as const satisfies readonly ObjectType[];
/** The object types with records (configuration such as `pipeline` has none to explain). */
export const RECORD_OBJECT_TYPES = ['account', 'contact', 'lead', 'opportunity', 'activity', 'quote', 'order', 'ahp_model'] as const satisfies readonly ObjectType[];
export const POLICY_ACTIONS = ['read', 'create', 'update', 'delete', 'reassign'] as const satisfies readonly PolicyAction[];
export const ACCESS_LEVELS = ['none', 'own', 'team', 'subtree', 'all'] as const satisfies readonly AccessLevel[];
export const FIELD_ACCESS = ['hidden', 'masked', 'read', 'edit'] as const satisfies readonly FieldAccess[];

/**
 * The fields that take rules, per object type. Mirrors the API's OBJECT_FIELDS (the schema does not expose the
 * list); keep the two in step — the API refuses unknown fields with a 400.
 */
export const OBJECT_FIELDS = {
  account: ['name', 'kind', 'industry', 'region', 'phone', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
  contact: ['accountId', 'name', 'title', 'phone', 'email', 'mobile', 'department', 'isPrimary', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
  opportunity: ['name', 'accountId', 'pipelineId', 'stageId', 'amount', 'currency', 'probability', 'expectedCloseDate', 'competitors', 'description', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
  activity: ['kind', 'subject', 'description', 'status', 'priority', 'dueAt', 'durationMinutes', 'location', 'outcome', 'completedAt', 'relatedType', 'relatedId', 'accountId', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
  lead: [
    'name', 'company', 'title', 'phone', 'email', 'source', 'status', 'disqualifiedReason', 'rating', 'region', 'industry', 'notes',
    'convertedAt', 'convertedAccountId', 'convertedContactId', 'convertedOpportunityId', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted',
  ],
  // Configuration without records: levels only, no field rules.
  pipeline: [],
  // The catalogue: no owners, but field rules (the cost price is hidden from most roles).
  product: ['code', 'name', 'nameEn', 'categoryId', 'unit', 'active', 'description', 'costPrice', 'costCurrency'],
  price_list: ['name', 'currency', 'validFrom', 'validTo', 'isDefault', 'active', 'description'],
  // An order's lines follow the order's rules as `lines.<field>`.
  order: [
    'number', 'accountId', 'quoteId', 'currency', 'status', 'orderDate', 'paymentTermsDays', 'dueDate', 'taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount',
    'outstandingAmount', 'notes', 'lines.listPrice', 'lines.discountPercent', 'lines.netPrice', 'lines.lineTotal', 'lines.unitCost', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted',
  ],
  // Visible with its order; no records of its own.
  payment: ['amount', 'paidAt', 'method', 'reference'],
  // `prices` stands for every money figure and discount of a quote and its lines.
  quote: ['number', 'revision', 'accountId', 'opportunityId', 'currency', 'validUntil', 'status', 'taxRate', 'notes', 'lines', 'prices', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
  // Configuration: levels only.
  approval_rule: [],
  // Levels only: `read` uses the customer analytics, `update` starts a metrics recompute.
  analytics: [],
  // Configuration: levels only (finance sets the rates, the others read them).
  exchange_rate: [],
  // AHP models (analytics, R-ANA-4).
  ahp_model: ['name', 'description', 'criteria', 'comparisons', 'alternatives', 'ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'],
} as const satisfies Record<ObjectType, readonly string[]>;

export type PolicyField = (typeof OBJECT_FIELDS)[ObjectType][number];

/**
 * The translation key of a field's label. i18next reads dots as nesting, so an order line's `lines.netPrice` is labelled
 * under `lines_netPrice` (beside the quote's own `lines` field).
 */
export function fieldLabelKey(field: PolicyField) {
  return `admin.roles.fields.${field.replace('.', '_')}` as `admin.roles.fields.${Exclude<PolicyField, `${string}.${string}`>}`;
}

/** The levels of an object type the policy does not list: no rights at all. */
export const NO_LEVELS: PolicyLevels = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' };

export const policyKeys = {
  all: ['policies'] as const,
  role: (roleKey: RoleKey) => [...policyKeys.all, roleKey] as const,
};

export function rolePolicyQueryOptions(api: Api, roleKey: RoleKey) {
  return queryOptions({
    queryKey: policyKeys.role(roleKey),
    queryFn: ({ signal }): Promise<RolePolicy> =>
      unwrap(api.client.GET('/api/v1/access/policies/{roleKey}', { params: { path: { roleKey } }, signal })),
  });
}

export function useRolePolicy(roleKey: RoleKey | undefined) {
  const api = useApi();
  return useQuery({ ...rolePolicyQueryOptions(api, roleKey ?? 'sales_rep'), enabled: roleKey !== undefined });
}

/** The role keys of the signed-in user, from the session the API client carries. */
export function useCurrentRoleKeys(): readonly RoleKey[] {
  const api = useApi();
  const roles = useSyncExternalStore(api.subscribe, api.getState).user?.roles;
  return roles?.map((role) => role.key) ?? [];
}

export interface SaveObjectPolicyInput {
  roleKey: RoleKey;
  objectType: ObjectType;
  /** Only the actions whose level changed. */
  levels: PolicyLevelsInput;
  /** Only the fields whose rule changed; `null` removes the rule. */
  fields: FieldRulesInput;
}

/**
 * Saves one object type of a role: the changed levels, then the changed field rules, each only when there is
 * something to send. Every answer is the whole policy, which replaces the cached one.
 */
export function useSaveObjectPolicy() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ roleKey, objectType, levels, fields }: SaveObjectPolicyInput): Promise<RolePolicy | undefined> => {
      const path = { roleKey, objectType };
      let policy: RolePolicy | undefined;
      if (Object.keys(levels).length > 0) {
        policy = await unwrap(api.client.PUT('/api/v1/access/policies/{roleKey}/objects/{objectType}', { params: { path }, body: { levels } }));
        queryClient.setQueryData(policyKeys.role(roleKey), policy);
      }
      if (Object.keys(fields).length > 0) {
        policy = await unwrap(api.client.PUT('/api/v1/access/policies/{roleKey}/fields/{objectType}', { params: { path }, body: { fields } }));
        queryClient.setQueryData(policyKeys.role(roleKey), policy);
      }
      return policy;
    },
    onError: (_error, { roleKey }) => void queryClient.invalidateQueries({ queryKey: policyKeys.role(roleKey) }),
  });
}
