import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { toApiError, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { filenameFrom, saveBlob } from '@/lib/download';
import { isReadable, usePermissions } from '@/lib/permissions';
import { analyticsKeys } from './dashboard';

export type CustomerDimension = Schema<'CustomerDimension'>;
export type CustomerDistribution = Schema<'CustomerDistributionDto'>;
export type CustomerBucket = Schema<'CustomerBucketDto'>;
export type CustomerInsight = Schema<'CustomerInsightDto'>;
export type CustomerInsightPage = Schema<'CustomerInsightPageDto'>;
export type CustomerRetention = Schema<'CustomerRetentionDto'>;
export type CustomerListParams = NonNullable<paths['/api/v1/analytics/customers']['get']['parameters']['query']>;
export type CustomerMoney = NonNullable<CustomerListParams['include']>;
export type CustomerSort = NonNullable<CustomerListParams['sort']>;

export const DIMENSIONS: CustomerDimension[] = ['segment', 'stage', 'class'];
/** The bucket of customers without a score, as a filter value. */
export const UNSCORED = 'unscored';
/** Charted in this order (the library's names), whatever order the counts come in; others after them. */
export const KNOWN_KEYS: Record<CustomerDimension, readonly string[]> = {
  segment: ['champions', 'loyal', 'potential_loyalist', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'cannot_lose', 'at_risk', 'hibernating', 'lost'],
  stage: ['potential', 'development', 'growth', 'mature', 'decline', 'terminated'],
  class: ['loyal', 'stable', 'general', 'potential'],
};

const PRICE_FIELDS = ['subtotal'];
const PROFIT_FIELDS = ['subtotal', 'lines.lineTotal', 'lines.unitCost'];

/**
 * What the customer dashboards may show the caller, from `/me/permissions` — the rule the API applies: counts with the
 * analytics read right; revenue and predicted CLV with the orders' `subtotal`; profit and historic CLV also with the
 * lines' totals and cost (otherwise the API answers 403 naming the field, so the page never asks).
 */
export function useCustomerRights(): { loading: boolean; read: boolean; money: CustomerMoney | undefined } {
  const permissions = usePermissions();
  const reads = (fields: string[]) => permissions.canDo('order', 'read') && fields.every((field) => isReadable(permissions.fieldAccess('order', field)));
  return { loading: permissions.isPending, read: permissions.canDo('analytics', 'read'), money: moneyLevel(reads(PRICE_FIELDS), reads(PROFIT_FIELDS)) };
}

export function moneyLevel(readsPrices: boolean, readsCosts: boolean): CustomerMoney | undefined {
  if (readsPrices && readsCosts) return 'profit';
  return readsPrices ? 'revenue' : undefined;
}

const customerKeys = {
  distribution: (by: CustomerDimension, include: CustomerMoney | undefined) => [...analyticsKeys.all, 'customers', 'distribution', by, include ?? null] as const,
  retention: (include: CustomerMoney | undefined) => [...analyticsKeys.all, 'customers', 'retention', include ?? null] as const,
  list: (params: CustomerListParams) => [...analyticsKeys.all, 'customers', 'list', params] as const,
};

export function useCustomerDistribution(by: CustomerDimension, include: CustomerMoney | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: customerKeys.distribution(by, include),
    queryFn: ({ signal }): Promise<CustomerDistribution> =>
      unwrap(api.client.GET('/api/v1/analytics/customers/distribution', { params: { query: { by, ...(include ? { include } : {}) } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomerRetention(include: CustomerMoney | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: customerKeys.retention(include),
    queryFn: ({ signal }): Promise<CustomerRetention> => unwrap(api.client.GET('/api/v1/analytics/customers/retention', { params: { query: include ? { include } : {} }, signal })),
    enabled,
  });
}

/** The customers behind a chart, a page at a time ("more" continues with the server's cursor). */
export function useCustomerList(params: CustomerListParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<CustomerInsightPage> =>
      unwrap(api.client.GET('/api/v1/analytics/customers', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: CustomerInsightPage) => page.nextCursor ?? undefined,
    enabled,
  });
}

export type CustomerExportParams = NonNullable<paths['/api/v1/analytics/customers/export']['get']['parameters']['query']>;

/** The whole filtered list as the server's CSV or Excel workbook (every page, money columns as the caller may read them). */
export function useExportCustomers() {
  const api = useApi();
  return useMutation({
    mutationFn: async (params: CustomerExportParams): Promise<void> => {
      const { data, error, response } = await api.client.GET('/api/v1/analytics/customers/export', { params: { query: params }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(error, response);
      saveBlob(data, filenameFrom(response, `customers-${new Date().toISOString().slice(0, 10)}.${params.format ?? 'csv'}`));
    },
  });
}

/** The list's filter for one bucket of a chart: its dimension's parameter, `unscored` for the null bucket. */
export function drillDown(by: CustomerDimension, key: string | null): Partial<Pick<CustomerListParams, 'segment' | 'stage' | 'class'>> {
  return { [by]: key ?? UNSCORED };
}

/** Buckets in the library's order, unknown names after them, the unscored bucket last (shown, never hidden). */
export function orderBuckets(by: CustomerDimension, buckets: readonly CustomerBucket[]): CustomerBucket[] {
  const rank = (key: string | null) => {
    if (key === null) return Number.MAX_SAFE_INTEGER;
    const index = KNOWN_KEYS[by].indexOf(key);
    return index === -1 ? KNOWN_KEYS[by].length : index;
  };
  return [...buckets].sort((a, b) => rank(a.key) - rank(b.key) || (a.key ?? '').localeCompare(b.key ?? ''));
}

/** The translation key of a bucket's name; names the SPA does not know are shown as they are. */
export function bucketLabelKey(by: CustomerDimension, key: string | null): string | null {
  if (key === null) return `analytics.customers.${UNSCORED}`;
  return KNOWN_KEYS[by].includes(key) ? `analytics.customers.${by}.${key}` : null;
}

/** The top customers by a money key, biggest first, those without the figure left out (they are not ranked). */
export function ranking(customers: readonly CustomerInsight[], key: 'predictedClv' | 'historicClv'): Array<{ accountId: string; name: string; value: string }> {
  return customers.flatMap((c) => {
    const value = c[key];
    return typeof value === 'string' ? [{ accountId: c.accountId, name: c.name ?? c.accountId, value }] : [];
  });
}
