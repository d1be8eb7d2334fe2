import { Table, Typography } from 'antd';
import { useCallback } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../api/opportunities';
import type { SalesReport, SalesReportRow } from '../api/reports';

/** A group's name in the caller's language: Chinese or English names, the period or region itself, or "none". */
export function useReportLabel() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  // Stable per language, so the chart's option is rebuilt only when the report or the language changes.
  return useCallback(
    (row: Pick<SalesReportRow, 'key' | 'label' | 'labelEn'>): string => (zh ? row.label : (row.labelEn ?? row.label)) ?? row.key ?? t('reports.none'),
    [zh, t],
  );
}

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * The report's groups and its totals row, as the server summed them (decimal strings, no client arithmetic): money
 * right-aligned with its currency; by product quantities and net line amounts instead of order amounts.
 */
export function SalesReportTable({ report }: { report: SalesReport }) {
  const { t, i18n } = useTranslation();
  const labelOf = useReportLabel();
  const byProduct = report.groupBy === 'product';
  const money = (value: string | null) => <span style={numeric}>{value === null ? '—' : formatMoney(value, report.currency, i18n.language)}</span>;
  const columns: ColumnsType<SalesReportRow> = [
    { title: t(`reports.groupBy.${report.groupBy}`), key: 'group', render: (_, row) => labelOf(row) },
    { title: t('reports.orderCount'), dataIndex: 'orderCount', key: 'orderCount', align: 'right', render: (value: number) => <span style={numeric}>{value}</span> },
    ...(byProduct
      ? [
          { title: t('reports.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' as const, render: (value: string | null) => <span style={numeric}>{value ?? '—'}</span> },
          { title: t('reports.netLineAmount'), dataIndex: 'bookedNet', key: 'bookedNet', align: 'right' as const, render: money },
        ]
      : [
          { title: t('reports.bookedNet'), dataIndex: 'bookedNet', key: 'bookedNet', align: 'right' as const, render: money },
          { title: t('reports.bookedGross'), dataIndex: 'bookedGross', key: 'bookedGross', align: 'right' as const, render: money },
          { title: t('reports.paid'), dataIndex: 'paid', key: 'paid', align: 'right' as const, render: money },
          { title: t('reports.outstanding'), dataIndex: 'outstanding', key: 'outstanding', align: 'right' as const, render: money },
        ]),
  ];
  const totals = report.totals;
  const totalCells = byProduct ? [totals.quantity ?? '—', money(totals.bookedNet)] : [money(totals.bookedNet), money(totals.bookedGross), money(totals.paid), money(totals.outstanding)];
  return (
    <Table<SalesReportRow>
      data-testid="sales-report-table"
      size="small"
      pagination={false}
      rowKey={(row) => row.key ?? '∅'}
      dataSource={report.rows}
      columns={columns}
      scroll={{ x: true }}
      locale={{ emptyText: t('reports.empty') }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="sales-report-totals">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('reports.totals')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <span style={numeric}>{totals.orderCount}</span>
            </Table.Summary.Cell>
            {totalCells.map((cell, index) => (
              <Table.Summary.Cell key={index} index={index + 2} align="right">
                <Typography.Text strong>{cell}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
