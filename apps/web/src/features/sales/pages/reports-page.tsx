import { DownloadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { Alert, Button, Card, Flex, Input, Segmented, Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { toCsv } from '@/lib/csv';
import { saveBlob } from '@/lib/download';
import {
  type CommissionReport,
  SALES_REPORT_GROUPS,
  SALES_REPORT_PERIODS,
  type SalesReport,
  type SalesReportGroupBy,
  type SalesReportPeriod,
  useCommissionReport,
  useReadsCommission,
  useReadsSalesReports,
  useSalesReport,
} from '../api/reports';
import { CommissionTable } from '../components/commission-table';
import { SalesReportChart } from '../components/sales-report-chart';
import { useReportLabel } from '../components/sales-report-table';
import { SalesReportTable } from '../components/sales-report-table';
import { SalesTabs } from '../components/sales-tabs';

type View = 'sales' | 'commission';
const CURRENCIES = ['CNY', 'USD', 'EUR'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/**
 * `/sales/reports`: sales by rep, team, region, product or period, and the commission basis per rep (R-SAL-9), over
 * the orders the caller may read. The choices live in the URL, so a report can be bookmarked and shared.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const reads = useReadsSalesReports();
  const readsCommission = useReadsCommission();
  const [search, setSearch] = useSearchParams();
  const year = new Date().getFullYear();
  const view = readsCommission ? pick<View>(search.get('view'), ['sales', 'commission'], 'sales') : 'sales';
  const groupBy = pick(search.get('groupBy'), SALES_REPORT_GROUPS, 'owner');
  const period = pick(search.get('period'), SALES_REPORT_PERIODS, 'month');
  const currency = pick(search.get('currency'), CURRENCIES, 'CNY');
  const from = DATE.test(search.get('from') ?? '') ? (search.get('from') as string) : `${year}-01-01`;
  const to = DATE.test(search.get('to') ?? '') ? (search.get('to') as string) : `${year}-12-31`;
  const badWindow = from > to;
  const sales = useSalesReport({ groupBy, period, from, to, currency }, { enabled: reads && view === 'sales' && !badWindow });
  const commission = useCommissionReport({ from, to, currency }, { enabled: readsCommission && view === 'commission' && !badWindow });
  const labelOf = useReportLabel();

  const set = (changes: Record<string, string>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) next.set(key, value);
        return next;
      },
      { replace: true },
    );

  if (!reads) {
    return (
      <>
        <PageHeader title={t('reports.title')} />
        <SalesTabs current="reports" />
        <Alert type="info" showIcon title={t('reports.forbidden')} data-testid="reports-forbidden" />
      </>
    );
  }

  const download = () => {
    const name = `${view === 'sales' ? `sales-by-${groupBy}` : 'commission'}-${from}-${to}-${currency}.csv`;
    const csv = view === 'sales' && sales.data ? salesCsv(sales.data, labelOf, t) : commission.data ? commissionCsv(commission.data, t) : null;
    if (csv) saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name);
  };
  const shown = view === 'sales' ? sales : commission;

  const controls = (
    <Flex wrap gap={12} align="center" data-testid="reports-controls">
      {view === 'sales' && (
        <Segmented<SalesReportGroupBy>
          value={groupBy}
          onChange={(value) => set({ groupBy: value })}
          options={SALES_REPORT_GROUPS.map((value) => ({ value, label: <span data-testid={`reports-group-${value}`}>{t(`reports.groupBy.${value}`)}</span> }))}
        />
      )}
      {view === 'sales' && groupBy === 'period' && (
        <Select<SalesReportPeriod>
          aria-label={t('reports.period')}
          data-testid="reports-period"
          value={period}
          onChange={(value) => set({ period: value })}
          options={SALES_REPORT_PERIODS.map((value) => ({ value, label: t(`reports.periods.${value}`) }))}
          style={{ width: 110 }}
        />
      )}
      <Space.Compact>
        <Input type="date" aria-label={t('reports.from')} data-testid="reports-from" value={from} max={to} onChange={(event) => event.target.value && set({ from: event.target.value })} style={{ width: 160 }} />
        <Input type="date" aria-label={t('reports.to')} data-testid="reports-to" value={to} min={from} onChange={(event) => event.target.value && set({ to: event.target.value })} style={{ width: 160 }} />
      </Space.Compact>
      <Select aria-label={t('reports.currency')} value={currency} onChange={(value) => set({ currency: value })} options={CURRENCIES.map((value) => ({ value, label: value }))} style={{ width: 90 }} />
      <Button icon={<DownloadOutlined />} onClick={download} disabled={!shown.data} data-testid="reports-download">
        {t('reports.download')}
      </Button>
    </Flex>
  );

  const body = badWindow ? (
    <Alert type="warning" showIcon title={t('reports.badWindow')} />
  ) : shown.error ? (
    <Alert type="error" showIcon title={t('reports.failed')} description={shown.error.message} data-testid="reports-error" />
  ) : view === 'sales' ? (
    sales.data && (
      <Flex vertical gap={16}>
        {sales.data.rows.length > 0 && (
          <Card size="small" title={sales.data.groupBy === 'product' ? t('reports.chartProduct') : t('reports.chartTitle')}>
            <SalesReportChart report={sales.data} />
          </Card>
        )}
        <SalesReportTable report={sales.data} />
      </Flex>
    )
  ) : (
    commission.data && (
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('reports.commissionRule')}</Typography.Text>
        <CommissionTable report={commission.data} />
      </Flex>
    )
  );

  return (
    <>
      <PageHeader title={t('reports.title')} />
      <SalesTabs current="reports" />
      {readsCommission && (
        <Tabs
          activeKey={view}
          onChange={(key) => set({ view: key })}
          items={[
            { key: 'sales', label: <span data-testid="reports-view-sales">{t('reports.salesTab')}</span> },
            { key: 'commission', label: <span data-testid="reports-view-commission">{t('reports.commissionTab')}</span> },
          ]}
        />
      )}
      <Flex vertical gap={16}>
        {controls}
        {body}
      </Flex>
    </>
  );
}


function salesCsv(report: SalesReport, labelOf: ReturnType<typeof useReportLabel>, t: TFunction): string {
  const byProduct = report.groupBy === 'product';
  const header = [t(`reports.groupBy.${report.groupBy}`), t('reports.orderCount'), ...(byProduct ? [t('reports.quantity'), t('reports.netLineAmount')] : [t('reports.bookedNet'), t('reports.bookedGross'), t('reports.paid'), t('reports.outstanding')]), t('reports.currency')];
  const line = (label: string, row: SalesReport['totals']) => [label, row.orderCount, ...(byProduct ? [row.quantity, row.bookedNet] : [row.bookedNet, row.bookedGross, row.paid, row.outstanding]), report.currency];
  return toCsv([header, ...report.rows.map((row) => line(labelOf(row), row)), line(t('reports.totals'), report.totals)]);
}

function commissionCsv(report: CommissionReport, t: TFunction): string {
  const header = [t('reports.groupBy.owner'), t('reports.paymentCount'), t('reports.commissionBasis'), t('reports.bookedOrderCount'), t('reports.bookedNet'), t('reports.bookedGross'), t('reports.currency')];
  const line = (name: string, row: CommissionReport['totals']) => [name, row.paymentCount, row.commissionBasis, row.bookedOrderCount, row.bookedNet, row.bookedGross, report.currency];
  return toCsv([header, ...report.rows.map((row) => line(row.nameEn ? `${row.name ?? ''} ${row.nameEn}`.trim() : (row.name ?? ''), row)), line(t('reports.totals'), report.totals)]);
}
