import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../api/opportunities';
import type { CommissionReport, CommissionRow } from '../api/reports';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** Per rep: the commission basis (payments received in the window on their orders) and their bookings, with totals. */
export function CommissionTable({ report }: { report: CommissionReport }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const money = (value: string) => <span style={numeric}>{formatMoney(value, report.currency, i18n.language)}</span>;
  const count = (value: number) => <span style={numeric}>{value}</span>;
  const totals = report.totals;
  return (
    <Table<CommissionRow>
      data-testid="commission-table"
      size="small"
      pagination={false}
      rowKey={(row) => row.ownerId ?? '∅'}
      dataSource={report.rows}
      scroll={{ x: true }}
      locale={{ emptyText: t('reports.empty') }}
      columns={[
        { title: t('reports.groupBy.owner'), key: 'owner', render: (_, row) => (zh ? row.name : (row.nameEn ?? row.name)) ?? t('reports.none') },
        { title: t('reports.paymentCount'), dataIndex: 'paymentCount', key: 'paymentCount', align: 'right', render: count },
        { title: t('reports.commissionBasis'), dataIndex: 'commissionBasis', key: 'commissionBasis', align: 'right', render: money },
        { title: t('reports.bookedOrderCount'), dataIndex: 'bookedOrderCount', key: 'bookedOrderCount', align: 'right', render: count },
        { title: t('reports.bookedNet'), dataIndex: 'bookedNet', key: 'bookedNet', align: 'right', render: money },
        { title: t('reports.bookedGross'), dataIndex: 'bookedGross', key: 'bookedGross', align: 'right', render: money },
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="commission-totals">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('reports.totals')}</Typography.Text>
            </Table.Summary.Cell>
            {[count(totals.paymentCount), money(totals.commissionBasis), count(totals.bookedOrderCount), money(totals.bookedNet), money(totals.bookedGross)].map((cell, index) => (
              <Table.Summary.Cell key={index} index={index + 1} align="right">
                <Typography.Text strong>{cell}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
