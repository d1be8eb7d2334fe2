import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { isReadable, usePermissions } from '@/lib/permissions';

export type SalesReport = Schema<'SalesReportDto'>;
export type SalesReportRow = Schema<'SalesReportRowDto'>;
export type SalesReportGroupBy = Schema<'SalesReportGroupBy'>;
export type SalesReportParams = NonNullable<paths['/api/v1/reports/sales']['get']['parameters']['query']>;
export type Funnel = Schema<'FunnelDto'>;
export type FunnelStage = Schema<'FunnelStageDto'>;
export type FunnelParams = NonNullable<paths['/api/v1/reports/funnel']['get']['parameters']['query']>;
export type Forecast = Schema<'ForecastDto'>;
export type ForecastParams = NonNullable<paths['/api/v1/opportunities/forecast']['get']['parameters']['query']>;

/** The breakdowns the dashboard offers (the period is its trend chart). */
export const BREAKDOWNS: SalesReportGroupBy[] = ['account', 'product', 'team', 'region', 'owner'];

export const analyticsKeys = {
  all: ['analytics'] as const,
  sales: (params: SalesReportParams) => [...analyticsKeys.all, 'sales', params] as const,
  funnel: (params: FunnelParams) => [...analyticsKeys.all, 'funnel', params] as const,
  forecast: (params: ForecastParams) => [...analyticsKeys.all, 'forecast', params] as const,
};

/** The order amounts every sales figure sums, and what profit reads besides: the lines' totals and cost of their day. */
const ORDER_AMOUNTS = ['subtotal', 'total', 'paidAmount', 'outstandingAmount'];
const PROFIT_FIELDS = ['lines.lineTotal', 'lines.unitCost'];

/**
 * What the dashboard may show the caller, from `/me/permissions` — the same rules the API applies (it would answer
 * 403 naming the field): sales figures need orders with their amounts, profit the lines' cost, the funnel and the
 * forecast opportunities with their amounts.
 */
export function useAnalyticsRights() {
  const permissions = usePermissions();
  const reads = (object: 'order' | 'opportunity', fields: string[]) => permissions.canDo(object, 'read') && fields.every((field) => isReadable(permissions.fieldAccess(object, field)));
  const sales = reads('order', ORDER_AMOUNTS);
  return {
    loading: permissions.isPending,
    sales,
    profit: sales && reads('order', PROFIT_FIELDS),
    pipeline: reads('opportunity', ['amount', 'stageId', 'pipelineId']),
  };
}

export function useSalesReport(params: SalesReportParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: analyticsKeys.sales(params),
    queryFn: ({ signal }): Promise<SalesReport> => unwrap(api.client.GET('/api/v1/reports/sales', { params: { query: params }, signal })),
    // A new grouping or window keeps the last figures on screen until the next arrive, instead of flashing empty.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFunnel(params: FunnelParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: analyticsKeys.funnel(params),
    queryFn: ({ signal }): Promise<Funnel> => unwrap(api.client.GET('/api/v1/reports/funnel', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useForecast(params: ForecastParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: analyticsKeys.forecast(params),
    queryFn: ({ signal }): Promise<Forecast> => unwrap(api.client.GET('/api/v1/opportunities/forecast', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A ratio as the API sends it (`0.2500`) as a percentage with one decimal (`25.0%`), computed on the digits, not a float. */
export function formatRatio(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  const negative = ratio.startsWith('-');
  const [whole, fraction = ''] = ratio.replace('-', '').split('.');
  const digits = `${whole}${fraction.padEnd(4, '0').slice(0, 4)}`;
  // 4 decimals of a ratio are 2 of a percentage: round the last to one decimal.
  const tenths = (BigInt(digits) + 5n) / 10n;
  const text = `${tenths / 10n}.${tenths % 10n}%`;
  return negative && tenths !== 0n ? `-${text}` : text;
}

/** Where the orders behind a breakdown row are listed (the order list's URL filters), or null when none can be picked out. */
export function ordersLink(groupBy: SalesReportGroupBy, key: string | null, window: { from: string; to: string }): string | null {
  const filter: Partial<Record<SalesReportGroupBy, string>> = { account: 'accountId', owner: 'ownerId', team: 'teamId', product: 'productId' };
  if (groupBy === 'period' && key) {
    const period = periodWindow(key);
    return `/sales/orders?${new URLSearchParams({ orderDateFrom: period.from, orderDateTo: period.to })}`;
  }
  const name = filter[groupBy];
  if (!name || !key) return null;
  return `/sales/orders?${new URLSearchParams({ [name]: key, orderDateFrom: window.from, orderDateTo: window.to })}`;
}

/** The first and last day of a report period key (`2026-03`, `2026-Q1`, `2026`), for the orders behind it. */
export function periodWindow(key: string): { from: string; to: string } {
  const year = Number(key.slice(0, 4));
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (/^\d{4}-Q[1-4]$/.test(key)) {
    const first = (Number(key.slice(6)) - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(first + 2))}` };
  }
  if (/^\d{4}-\d{2}$/.test(key)) {
    const month = Number(key.slice(5));
    return { from: `${key}-01`, to: `${key}-${pad(lastDay(month))}` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
