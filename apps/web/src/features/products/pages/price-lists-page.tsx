import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { usePermissions } from '@/lib/permissions';
import { usePriceLists, type PriceList } from '../api/products';
import { NoAccess } from '../components/no-access';
import { PriceListFormModal } from '../components/price-list-form-modal';
import { ProductsTabs } from '../components/products-tabs';

/** `/products/price-lists`: every price list by currency, the default of each currency first. */
export function PriceListsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const canRead = permissions.canDo('price_list', 'read');
  const lists = usePriceLists({ enabled: permissions.isSuccess && canRead });
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const header = (
    <PageHeader
      title={t('priceLists.title')}
      extra={
        permissions.canDo('price_list', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="price-list-create">
            {t('priceLists.form.createTitle')}
          </Button>
        )
      }
    />
  );

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) return <>{header}<NoAccess what="priceLists" testId="price-lists-no-access" /></>;

  const columns: TableProps<PriceList>['columns'] = [
    { key: 'name', title: t('priceLists.columns.name'), render: (_, l) => <Link to={`/products/price-lists/${l.id}`}>{l.name}</Link> },
    { key: 'currency', dataIndex: 'currency', title: t('priceLists.columns.currency') },
    { key: 'validity', title: t('priceLists.columns.validity'), render: (_, l) => `${l.validFrom} – ${l.validTo ?? t('priceLists.openEnded')}` },
    {
      key: 'status',
      title: t('priceLists.columns.default'),
      render: (_, l) => (
        <>
          {l.isDefault && <Tag color="blue">{t('priceLists.default')}</Tag>}
          {!l.active && <Tag>{t('products.inactive')}</Tag>}
        </>
      ),
    },
    { key: 'entryCount', dataIndex: 'entryCount', title: t('priceLists.columns.entryCount'), align: 'right' },
  ];
  return (
    <>
      {header}
      <PriceListFormModal open={creating} onClose={() => setCreating(false)} onSaved={(list) => void navigate(`/products/price-lists/${list.id}`)} />
      <ProductsTabs current="priceLists" />
      <Card>
        {lists.isError && <Alert type="error" showIcon title={t('errors.generic')} />}
        <Table<PriceList>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={lists.data ?? []}
          loading={lists.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('priceLists.empty') }}
          data-testid="price-lists-table"
        />
      </Card>
    </>
  );
}
