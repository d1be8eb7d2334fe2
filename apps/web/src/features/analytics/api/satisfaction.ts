import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { paths, Schema } from '@lianxi/api-client';
import { toApiError, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { filenameFrom, saveBlob } from '@/lib/download';
import { isReadable, usePermissions } from '@/lib/permissions';
import { analyticsKeys, formatRatio } from './dashboard';

export type SatisfactionReport = Schema<'SatisfactionReportDto'>;
export type SatisfactionPeriod = Schema<'SatisfactionPeriodDto'>;
export type SatisfactionItem = Schema<'SatisfactionItemDto'>;
export type SatisfactionParams = NonNullable<paths['/api/v1/reports/satisfaction']['get']['parameters']['query']>;
export type SatisfactionCustomer = Schema<'SatisfactionCustomerDto'>;
export type SatisfactionCustomerPage = Schema<'SatisfactionCustomerPageDto'>;
export type SatisfactionCustomerParams = NonNullable<paths['/api/v1/reports/satisfaction/customers']['get']['parameters']['query']>;
export type SatisfactionCustomerExportParams = NonNullable<paths['/api/v1/reports/satisfaction/customers/export']['get']['parameters']['query']>;

/**
 * The order fields under field rules that the counts read (who bought, when, not cancelled), and what the revenue
 * figures add; the lines' product and quantity have no rules of their own (readable with the order).
 */
const COUNT_FIELDS = ['accountId', 'orderDate', 'status'];
const REVENUE_FIELDS = ['currency', 'lines.lineTotal'];

/**
 * What the satisfaction card may ask for, from `/me/permissions` — the API's rule: the counts need orders with the
 * fields above, the revenue figures the lines' totals and quantities (the quality inspector gets counts only).
 */
export function useSatisfactionRights() {
  const permissions = usePermissions();
  const reads = (fields: string[]) => permissions.canDo('order', 'read') && fields.every((field) => isReadable(permissions.fieldAccess('order', field)));
  const counts = reads(COUNT_FIELDS);
  return { loading: permissions.isPending, counts, revenue: counts && reads(REVENUE_FIELDS) };
}

export function useSatisfactionReport(params: SatisfactionParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [...analyticsKeys.all, 'satisfaction', params] as const,
    queryFn: ({ signal }): Promise<SatisfactionReport> => unwrap(api.client.GET('/api/v1/reports/satisfaction', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The customers behind a churned or attracted figure (the drill-down), a page at a time. */
export function useSatisfactionCustomers(params: SatisfactionCustomerParams | undefined) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...analyticsKeys.all, 'satisfaction-customers', params] as const,
    queryFn: ({ pageParam, signal }): Promise<SatisfactionCustomerPage> =>
      unwrap(api.client.GET('/api/v1/reports/satisfaction/customers', { params: { query: { ...params!, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: SatisfactionCustomerPage) => page.nextCursor ?? undefined,
    enabled: params !== undefined,
  });
}

/** The same customers, every page, as the server's CSV or Excel workbook. */
export function useExportSatisfactionCustomers() {
  const api = useApi();
  return useMutation({
    mutationFn: async (params: SatisfactionCustomerExportParams): Promise<void> => {
      const { data, error, response } = await api.client.GET('/api/v1/reports/satisfaction/customers/export', { params: { query: params }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(error, response);
      saveBlob(data, filenameFrom(response, `${params.kind}-customers-${new Date().toISOString().slice(0, 10)}.${params.format ?? 'csv'}`));
    },
  });
}

/** The metrics the card charts, each with the growth field the server sends beside it. */
export type SatisfactionMetric = 'referralsPerCustomer' | 'serviceFrequency' | 'churnedCustomers' | 'attractedCustomers' | 'averageRevenuePerItem';

export const METRIC_GROWTH: Record<SatisfactionMetric, keyof SatisfactionPeriod> = {
  referralsPerCustomer: 'referralsPerCustomerGrowth',
  serviceFrequency: 'serviceFrequencyGrowth',
  churnedCustomers: 'churnedCustomersGrowth',
  attractedCustomers: 'attractedCustomersGrowth',
  averageRevenuePerItem: 'averageRevenuePerItemGrowth',
};

/** The metrics a report carries: referrals only when the caller reads leads, revenue only when it was asked for. */
export function metricsOf(report: Pick<SatisfactionReport, 'withReferrals' | 'withRevenue'>): SatisfactionMetric[] {
  return [
    ...(report.withReferrals ? (['referralsPerCustomer'] as const) : []),
    'serviceFrequency',
    'churnedCustomers',
    'attractedCustomers',
    ...(report.withRevenue ? (['averageRevenuePerItem'] as const) : []),
  ];
}

/** A metric's value and growth in one period, as the server sent them (strings for ratios and money, counts as numbers). */
export function metricValue(period: SatisfactionPeriod, metric: SatisfactionMetric): { value: string | number | null; growth: string | null } {
  return { value: period[metric], growth: period[METRIC_GROWTH[metric]] as string | null };
}

/** The period table as CSV rows: each metric with its growth (as a percentage), figures as the server sent them. */
export function periodCsvRows(report: SatisfactionReport, t: TFunction): Array<Array<string | number | null>> {
  const metrics = metricsOf(report);
  const header = [t('analytics.satisfaction.period'), t('analytics.satisfaction.existingCustomers'), t('analytics.satisfaction.activeCustomers'), t('analytics.satisfaction.purchaseOccasions')];
  const withGrowth = metrics.flatMap((metric) => [t(`analytics.satisfaction.metric.${metric}`), `${t(`analytics.satisfaction.metric.${metric}`)} — ${t('analytics.growth')}`]);
  const revenue = report.withRevenue ? [t('analytics.satisfaction.itemRevenue'), t('analytics.currency')] : [];
  return [
    [...header, ...withGrowth, ...(report.withReferrals ? [t('analytics.satisfaction.referralLeads')] : []), t('analytics.satisfaction.churnRate'), ...revenue],
    ...report.periods.map((period) => [
      period.key,
      period.existingCustomers,
      period.activeCustomers,
      period.purchaseOccasions,
      ...metrics.flatMap((metric) => {
        const { value, growth } = metricValue(period, metric);
        return [value, growth === null ? null : formatRatio(growth)];
      }),
      ...(report.withReferrals ? [period.referralLeads] : []),
      period.churnRate === null ? null : formatRatio(period.churnRate),
      ...(report.withRevenue ? [period.itemRevenue, report.currency] : []),
    ]),
  ];
}

/** The per-item table as CSV rows. */
export function itemCsvRows(report: SatisfactionReport, t: TFunction, labelOf: (item: SatisfactionItem) => string): Array<Array<string | number | null>> {
  const revenueHeader = report.withRevenue
    ? [t('analytics.satisfaction.revenue'), t('analytics.satisfaction.quantity'), t('analytics.satisfaction.customers'), t('analytics.satisfaction.perUnit'), t('analytics.satisfaction.perCustomer'), t('analytics.currency')]
    : [];
  return [
    [t(`analytics.satisfaction.itemBy.${report.itemBy}`), t('analytics.satisfaction.attracted'), ...revenueHeader],
    ...report.items.map((item) => [
      labelOf(item),
      item.attractedCustomers,
      ...(report.withRevenue ? [item.revenue, item.quantity, item.customers, item.averageRevenuePerUnit, item.averageRevenuePerCustomer, report.currency] : []),
    ]),
  ];
}
