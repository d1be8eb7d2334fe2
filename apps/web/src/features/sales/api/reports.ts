import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { isReadable, usePermissions } from '@/lib/permissions';
import { orderKeys } from './keys';

export type SalesReport = Schema<'SalesReportDto'>;
export type SalesReportRow = Schema<'SalesReportRowDto'>;
export type SalesReportGroupBy = Schema<'SalesReportGroupBy'>;
export type SalesReportPeriod = Schema<'SalesReportPeriod'>;
export type CommissionReport = Schema<'CommissionReportDto'>;
export type CommissionRow = Schema<'CommissionRowDto'>;
export type SalesReportParams = NonNullable<paths['/api/v1/reports/sales']['get']['parameters']['query']>;
export type CommissionReportParams = NonNullable<paths['/api/v1/reports/commission']['get']['parameters']['query']>;

export const SALES_REPORT_GROUPS: SalesReportGroupBy[] = ['owner', 'team', 'region', 'account', 'product', 'period'];
export const SALES_REPORT_PERIODS: SalesReportPeriod[] = ['month', 'quarter', 'year'];

/** Reports are sums over orders: under the orders' keys, so what refreshes orders may refresh them too. */
export const reportKeys = {
  all: [...orderKeys.all, 'reports'] as const,
  sales: (params: SalesReportParams) => [...reportKeys.all, 'sales', params] as const,
  commission: (params: CommissionReportParams) => [...reportKeys.all, 'commission', params] as const,
};

/** The order fields the sales report sums (the server refuses the report, naming them, to who may not read them). */
const REPORT_AMOUNTS = ['subtotal', 'total', 'paidAmount', 'outstandingAmount'];

/** Whether the caller may see sales reports: orders with their amounts. */
export function useReadsSalesReports(): boolean {
  const permissions = usePermissions();
  return permissions.canDo('order', 'read') && REPORT_AMOUNTS.every((field) => isReadable(permissions.fieldAccess('order', field)));
}

/** Whether the caller may also see the commission basis: it sums payments. */
export function useReadsCommission(): boolean {
  const permissions = usePermissions();
  return useReadsSalesReports() && permissions.canDo('payment', 'read');
}

export function useSalesReport(params: SalesReportParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.sales(params),
    queryFn: ({ signal }): Promise<SalesReport> => unwrap(api.client.GET('/api/v1/reports/sales', { params: { query: params }, signal })),
    // Switching the grouping keeps the last report on screen until the next arrives, instead of flashing empty.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCommissionReport(params: CommissionReportParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.commission(params),
    queryFn: ({ signal }): Promise<CommissionReport> => unwrap(api.client.GET('/api/v1/reports/commission', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
