import type { TFunction } from 'i18next';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatMoney } from '@/lib/money';
import { formatRatio, ordersLink, type SalesReport, type SalesReportRow } from '../api/dashboard';
import type { ReportWindow } from './report-window';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** A group's name in the caller's language: the Chinese or English label, the key itself, or "none". */
export function useGroupLabel() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return useCallback((row: Pick<SalesReportRow, 'key' | 'label' | 'labelEn'>): string => (zh ? row.label : (row.labelEn ?? row.label)) ?? row.key ?? t('analytics.none'), [zh, t]);
}

/** The columns a report shows: revenue always; cost, profit, margin and uncosted revenue with profit; growth by period. */
export function reportColumns(report: SalesReport, t: TFunction) {
  const byPeriod = report.groupBy === 'period';
  return [
    { key: 'orderCount', title: t('analytics.orders'), value: (row: SalesReportRow) => row.orderCount },
    { key: 'bookedNet', title: t('analytics.revenue'), money: true, value: (row: SalesReportRow) => row.bookedNet },
    ...(report.withProfit
      ? [
          { key: 'cost', title: t('analytics.cost'), money: true, value: (row: SalesReportRow) => row.cost },
          { key: 'profit', title: t('analytics.profit'), money: true, value: (row: SalesReportRow) => row.profit },
          { key: 'marginPercent', title: t('analytics.margin'), value: (row: SalesReportRow) => (row.marginPercent === null ? null : `${row.marginPercent}%`) },
          { key: 'uncostedRevenue', title: t('analytics.uncostedRevenue'), money: true, value: (row: SalesReportRow) => row.uncostedRevenue },
        ]
      : []),
    ...(byPeriod
      ? [
          { key: 'growthRate', title: t('analytics.growth'), value: (row: SalesReportRow) => (row.key === null ? null : formatRatio(row.growthRate)) },
          { key: 'yearOverYearGrowthRate', title: t('analytics.yearOverYear'), value: (row: SalesReportRow) => (row.key === null ? null : formatRatio(row.yearOverYearGrowthRate)) },
        ]
      : []),
  ];
}

/**
 * A report's groups and totals as the server summed them (decimal strings, no client arithmetic); a row opens the
 * orders behind it where the order list can pick them out.
 */
export function ReportTable({ report, window, testId }: { report: SalesReport; window: ReportWindow; testId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const labelOf = useGroupLabel();
  const money = (value: string | number | null) => (value === null ? '—' : formatMoney(String(value), report.currency, i18n.language));
  const columns: ColumnsType<SalesReportRow> = [
    { title: t(`analytics.groupBy.${report.groupBy}`), key: 'group', render: (_, row) => labelOf(row) },
    ...reportColumns(report, t).map((column) => ({
      title: column.title,
      key: column.key,
      align: 'right' as const,
      render: (_: unknown, row: SalesReportRow) => <span style={numeric}>{column.money ? money(column.value(row)) : (column.value(row) ?? '—')}</span>,
    })),
  ];
  const totals = report.totals;
  return (
    <Table<SalesReportRow>
      data-testid={testId}
      size="small"
      rowKey={(row) => row.key ?? '∅'}
      columns={columns}
      dataSource={report.rows}
      pagination={report.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => {
        const link = ordersLink(report.groupBy, row.key, window);
        return link ? { onClick: () => void navigate(link), style: { cursor: 'pointer' }, 'data-drill': link } : {};
      }}
      summary={() => (
        <Table.Summary.Row data-testid={`${testId}-totals`}>
          <Table.Summary.Cell index={0}>{t('analytics.totals')}</Table.Summary.Cell>
          {reportColumns(report, t).map((column, index) => (
            <Table.Summary.Cell key={column.key} index={index + 1} align="right">
              <span style={numeric}>{column.money ? money(column.value(totals)) : (column.value(totals) ?? '—')}</span>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
