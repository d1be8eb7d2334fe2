import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Flex, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useExportSatisfactionCustomers, useSatisfactionCustomers, type SatisfactionCustomer, type SatisfactionCustomerParams } from '../api/satisfaction';

/** What was clicked: the report's query and the figure, with the words for the drawer's title. */
export interface SatisfactionDrill {
  params: SatisfactionCustomerParams;
  title: string;
}

/**
 * The customers behind a satisfaction figure (a period's lost or attracted customers, an item's attracted ones): name
 * linking to the account (when the caller may open it), first and last order day; more pages on demand; the whole list
 * as the server's CSV or Excel file.
 */
export function SatisfactionCustomersDrawer({ drill, onClose }: { drill: SatisfactionDrill | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useSatisfactionCustomers(drill ? { ...drill.params, limit: 50 } : undefined);
  const exporter = useExportSatisfactionCustomers();
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const exporting = exporter.isPending ? (exporter.variables.format ?? 'csv') : undefined;
  const columns = [
    {
      key: 'name',
      title: t('analytics.customers.customer'),
      render: (_: unknown, c: SatisfactionCustomer) => (c.accountVisible ? <Link to={`/sales/accounts/${c.accountId}`}>{c.name ?? c.accountId}</Link> : <span>{c.name ?? t('analytics.satisfaction.drill.hiddenAccount')}</span>),
    },
    { key: 'first', title: t('analytics.satisfaction.drill.firstOrder'), dataIndex: 'firstOrderOn' },
    { key: 'last', title: t('analytics.satisfaction.drill.lastOrder'), dataIndex: 'lastOrderOn' },
  ];
  return (
    <Drawer
      open={drill !== undefined}
      onClose={onClose}
      title={drill?.title}
      size="large"
      destroyOnHidden
      data-testid="satisfaction-customers"
      extra={
        drill && (
          <Space.Compact size="small">
            <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} disabled={exporting === 'xlsx'} onClick={() => exporter.mutate(drill.params)} data-testid="satisfaction-customers-export">
              {t('analytics.exportCsv')}
            </Button>
            <Button loading={exporting === 'xlsx'} disabled={exporting === 'csv'} onClick={() => exporter.mutate({ ...drill.params, format: 'xlsx' })} data-testid="satisfaction-customers-export-xlsx">
              {t('analytics.exportExcel')}
            </Button>
          </Space.Compact>
        )
      }
    >
      <Flex vertical gap={12}>
        {exporter.error && <Alert type="error" showIcon title={t('analytics.failed')} description={exporter.error.message} />}
        {list.error ? (
          <Alert type="error" showIcon title={t('analytics.failed')} description={list.error.message} />
        ) : (
          <Table<SatisfactionCustomer> size="small" loading={list.isPending} pagination={false} rowKey="accountId" dataSource={rows} columns={columns} data-testid="satisfaction-customers-table" />
        )}
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="satisfaction-customers-more">
            {t('analytics.customers.more')}
          </Button>
        )}
      </Flex>
    </Drawer>
  );
}
