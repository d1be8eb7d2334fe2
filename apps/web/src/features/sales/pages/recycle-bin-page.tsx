import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Segmented, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { RECYCLABLE_TYPES, useRecycleBin, useRestoreRecord, type BinnedRecord, type RecyclableType } from '../api/recycle-bin';
import { SalesTabs } from '../components/sales-tabs';

/** Where a restored record is shown: its page, or the activities page (activities have none of their own). */
const restoredPath = (objectType: RecyclableType, id: string) =>
  objectType === 'activity' ? '/sales/activities' : `${{ account: '/sales/accounts', contact: '/sales/contacts', lead: '/sales/leads', opportunity: '/sales/opportunities' }[objectType]}/${id}`;

/**
 * `/sales/recycle-bin`: what the caller deleted or may delete, per object type, with a restore button. Only the
 * types the caller may delete are offered: the bin is their delete scope.
 */
export function RecycleBinPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const types = RECYCLABLE_TYPES.filter((type) => permissions.canDo(type, 'delete'));
  const [chosen, setChosen] = useState<RecyclableType | undefined>(undefined);
  const objectType = chosen && types.includes(chosen) ? chosen : types[0];
  const bin = useRecycleBin(objectType ?? 'account', { enabled: permissions.isSuccess && objectType !== undefined });
  const restore = useRestoreRecord();
  const header = <PageHeader title={t('recycleBin.title')} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!objectType) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('recycleBin.noAccess.title')} subTitle={t('recycleBin.noAccess.subTitle')} data-testid="recycle-bin-no-access" />
        </Card>
      </>
    );
  }

  const onRestore = (record: BinnedRecord) =>
    restore.mutate(
      { objectType, id: record.id },
      {
        onSuccess: () => void message.success(t('recycleBin.restored', { name: record.name ?? record.subject ?? t('records.unnamed') })),
        onError: (error) => {
          // 409: the parent (the contact's or opportunity's account) is binned as well; the API names it.
          const parentBinned = error instanceof ApiError && error.status === 409;
          void message.error(parentBinned ? t('recycleBin.parentInBin') : error instanceof ApiError ? t('errors.generic') : t('errors.network'));
        },
      },
    );

  const columns: TableColumnsType<BinnedRecord> = [
    { key: 'name', title: t('recycleBin.columns.name'), render: (_: unknown, r) => r.name ?? r.subject ?? t('records.unnamed') },
    { key: 'deletedAt', title: t('recycleBin.columns.deletedAt'), render: (_: unknown, r) => (r.deletedAt ? new Date(r.deletedAt).toLocaleString(i18n.language) : '—') },
    { key: 'deletedBy', title: t('recycleBin.columns.deletedBy'), render: (_: unknown, r) => <UserName id={r.deletedBy} /> },
    {
      key: 'actions',
      align: 'right',
      render: (_: unknown, r) => (
        <Button
          size="small"
          onClick={() => onRestore(r)}
          loading={restore.isPending && restore.variables.id === r.id}
          data-testid={`restore-${r.id}`}
        >
          {t('recycleBin.restore')}
        </Button>
      ),
    },
  ];
  const rows = bin.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      {header}
      <SalesTabs current="recycleBin" />
      <Card>
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{t('recycleBin.intro')}</Typography.Text>
          {types.length > 1 && (
            <Segmented<RecyclableType>
              value={objectType}
              options={types.map((type) => ({ value: type, label: <span data-testid={`recycle-bin-type-${type}`}>{t(`records.objects.${type}`)}</span> }))}
              onChange={setChosen}
            />
          )}
          {bin.isError && <Alert type="error" showIcon title={bin.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <Table<BinnedRecord>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={bin.isPending || (bin.isFetching && !bin.isFetchingNextPage)}
            pagination={false}
            locale={{ emptyText: t('recycleBin.empty') }}
            scroll={{ x: 'max-content' }}
            data-testid="recycle-bin-table"
          />
          {restore.isSuccess && (
            <Typography.Text>
              <Link to={restoredPath(restore.variables.objectType, restore.variables.id)} data-testid="recycle-bin-open-restored">
                {t('recycleBin.open')}
              </Link>
            </Typography.Text>
          )}
          {bin.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void bin.fetchNextPage()} loading={bin.isFetchingNextPage} data-testid="recycle-bin-load-more">
                {t('recycleBin.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
