import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Input, Result, Skeleton, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { formatPrice, usePriceList, usePriceListEntries, type PriceListEntry } from '../api/products';
import { PriceEntryModal } from '../components/price-entry-modal';

const PAGE_SIZE = 50;

/** `/products/price-lists/:id`: a price list's terms and its entries (list price and quantity tiers) by product code. */
export function PriceListPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = usePriceList(id);
  const entries = usePriceListEntries(id, { limit: PAGE_SIZE, ...(q ? { q } : {}) }, { enabled: list.isSuccess });
  const canEdit = usePermissions().canDo('price_list', 'update');
  // undefined: closed; null: adding a product; an entry: changing its price.
  const [editing, setEditing] = useState<PriceListEntry | null | undefined>(undefined);

  if (list.isPending) return <Skeleton active />;
  if (list.isError || !list.data) {
    const missing = list.error instanceof ApiError && list.error.status === 404;
    const forbidden = list.error instanceof ApiError && list.error.status === 403;
    return <Result status={missing ? '404' : forbidden ? '403' : 'error'} title={missing ? t('priceLists.notFound') : forbidden ? t('products.noAccess.priceLists') : t('errors.generic')} data-testid="price-list-load-error" />;
  }
  const l = list.data;
  const columns: TableProps<PriceListEntry>['columns'] = [
    { key: 'code', title: t('products.columns.code'), render: (_, e) => <Link to={`/products/${e.productId}`}>{e.productCode}</Link> },
    { key: 'name', title: t('products.columns.name'), render: (_, e) => localizedName({ name: e.productName, nameEn: e.productNameEn }, i18n.language) },
    { key: 'unit', dataIndex: 'unit', title: t('products.columns.unit') },
    { key: 'listPrice', title: t('priceLists.columns.listPrice'), align: 'right', render: (_, e) => formatPrice(e.listPrice, l.currency) },
    {
      key: 'tiers',
      title: t('priceLists.columns.tiers'),
      render: (_, e) => (e.tiers.length ? e.tiers.map((tier) => <div key={tier.minQuantity}>{t('priceLists.tier', { quantity: tier.minQuantity, price: formatPrice(tier.price, l.currency) })}</div>) : '—'),
    },
    { key: 'active', title: t('products.columns.active'), render: (_, e) => (e.productActive ? null : <Tag>{t('products.inactive')}</Tag>) },
    ...(canEdit
      ? [
          {
            key: 'edit',
            title: '',
            render: (_: unknown, e: PriceListEntry) => (
              <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('priceLists.entryForm.editTitle', { code: e.productCode })} onClick={() => setEditing(e)} data-testid={`price-entry-edit-${e.productCode}`} />
            ),
          },
        ]
      : []),
  ];
  const rows = entries.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/products/price-lists">{t('priceLists.title')}</Link> }, { title: l.name }]} />
      <PageHeader
        title={l.name}
        extra={
          canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="price-entry-add">
              {t('priceLists.entryForm.addTitle')}
            </Button>
          )
        }
      />
      {editing !== undefined && <PriceEntryModal list={l} entry={editing ?? undefined} open onClose={() => setEditing(undefined)} />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="price-list-fields"
          items={[
            { key: 'currency', label: t('priceLists.columns.currency'), children: l.currency },
            { key: 'validity', label: t('priceLists.columns.validity'), children: `${l.validFrom} – ${l.validTo ?? t('priceLists.openEnded')}` },
            { key: 'default', label: t('priceLists.columns.default'), children: l.isDefault ? <Tag color="blue">{t('priceLists.default')}</Tag> : '—' },
            { key: 'description', label: t('products.fields.description'), children: l.description || '—', span: 3 },
          ]}
        />
      </Card>
      <Card title={t('priceLists.entries', { count: l.entryCount })}>
        <Flex vertical gap={16}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('products.search')}
            aria-label={t('products.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ maxWidth: 320 }}
            data-testid="price-list-search"
          />
          {entries.isError && <Alert type="error" showIcon title={t('errors.generic')} />}
          <Table<PriceListEntry>
            rowKey="productId"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={entries.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('priceLists.noEntries') }}
            data-testid="price-list-entries"
          />
          {entries.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage} data-testid="price-list-load-more">
                {t('products.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
