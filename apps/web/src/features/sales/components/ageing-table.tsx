import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../api/opportunities';
import type { Ageing } from '../api/orders';

type Row = Ageing & { key: string; accountId?: string; accountName?: string };

/** Outstanding amounts per ageing bucket, as the server summed them (decimal strings, no client arithmetic). */
export function AgeingTable({ rows, testId, withAccount = false, onAccount }: { rows: Row[]; testId: string; withAccount?: boolean; onAccount?: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  // The currency has its own column: the figures alone, grouped in thousands.
  const money = (value: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(value, undefined, i18n.language)}</span>;
  return (
    <Table<Row>
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      scroll={{ x: true }}
      locale={{ emptyText: t('receivables.empty') }}
      columns={[
        ...(withAccount
          ? [{ title: t('receivables.account'), dataIndex: 'accountName', key: 'account', render: (name: string, row: Row) => (onAccount && row.accountId ? <a onClick={() => onAccount(row.accountId as string)}>{name}</a> : name) }]
          : []),
        { title: t('receivables.currency'), dataIndex: 'currency', key: 'currency' },
        { title: t('receivables.current'), dataIndex: 'current', key: 'current', align: 'right', render: money },
        { title: t('receivables.d30'), dataIndex: 'days1To30', key: 'd30', align: 'right', render: money },
        { title: t('receivables.d60'), dataIndex: 'days31To60', key: 'd60', align: 'right', render: money },
        { title: t('receivables.d90'), dataIndex: 'days61To90', key: 'd90', align: 'right', render: money },
        { title: t('receivables.d90plus'), dataIndex: 'daysOver90', key: 'd90plus', align: 'right', render: money },
        { title: t('receivables.overdue'), dataIndex: 'overdue', key: 'overdue', align: 'right', render: money },
        { title: t('receivables.total'), dataIndex: 'total', key: 'total', align: 'right', render: money },
      ]}
    />
  );
}
