import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { isReadable, usePermissions } from '@/lib/permissions';
import { formatPrice, useProduct, useProductCategories, useProductPrices, type ProductPrice } from '../api/products';
import { ProductFormModal } from '../components/product-form-modal';

/** `/products/:id`: one product as the caller may see it, and its prices in every list (for who may read prices). */
export function ProductPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const permissions = usePermissions();
  const product = useProduct(id);
  const categories = useProductCategories({ enabled: product.isSuccess });
  const readsPrices = permissions.canDo('price_list', 'read');
  const prices = useProductPrices(id, { enabled: product.isSuccess && readsPrices });
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();

  if (product.isPending) return <Skeleton active />;
  if (product.isError || !product.data) {
    const missing = product.error instanceof ApiError && product.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? t('products.notFound') : t('errors.generic')} data-testid="product-load-error" />;
  }
  const p = product.data;
  const category = categories.data?.find((c) => c.id === p.categoryId);
  const name = p.name && p.nameEn ? localizedName({ name: p.name, nameEn: p.nameEn }, i18n.language) : (p.code ?? '');
  const items = [
    { key: 'code', label: t('products.columns.code'), children: p.code },
    { key: 'name', label: t('products.fields.name'), children: p.name },
    { key: 'nameEn', label: t('products.fields.nameEn'), children: p.nameEn },
    { key: 'category', label: t('products.columns.category'), children: category ? localizedName(category, i18n.language) : '—' },
    { key: 'unit', label: t('products.columns.unit'), children: p.unit },
    { key: 'active', label: t('products.columns.active'), children: p.active ? <Tag color="green">{t('products.active')}</Tag> : <Tag>{t('products.inactive')}</Tag> },
    ...(isReadable(permissions.fieldAccess('product', 'costPrice')) && 'costPrice' in p
      ? [{ key: 'costPrice', label: t('products.columns.costPrice'), children: <span data-testid="product-cost-price">{formatPrice(p.costPrice, p.costCurrency ?? 'CNY')}</span> }]
      : []),
    { key: 'description', label: t('products.fields.description'), children: p.description || '—', span: 2 },
  ];
  const columns: TableProps<ProductPrice>['columns'] = [
    { key: 'list', title: t('priceLists.columns.name'), render: (_, r) => <Link to={`/products/price-lists/${r.priceListId}`}>{r.priceListName}</Link> },
    { key: 'currency', dataIndex: 'currency', title: t('priceLists.columns.currency') },
    { key: 'validity', title: t('priceLists.columns.validity'), render: (_, r) => `${r.validFrom} – ${r.validTo ?? t('priceLists.openEnded')}` },
    { key: 'default', title: t('priceLists.columns.default'), render: (_, r) => (r.isDefault ? <Tag color="blue">{t('priceLists.default')}</Tag> : null) },
    { key: 'listPrice', title: t('priceLists.columns.listPrice'), align: 'right', render: (_, r) => formatPrice(r.listPrice, r.currency) },
    {
      key: 'tiers',
      title: t('priceLists.columns.tiers'),
      render: (_, r) =>
        r.tiers.length ? r.tiers.map((tier) => <div key={tier.minQuantity}>{t('priceLists.tier', { quantity: tier.minQuantity, price: formatPrice(tier.price, r.currency) })}</div>) : '—',
    },
  ];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/products">{t('products.title')}</Link> }, { title: p.code }]} />
      <PageHeader
        title={name}
        extra={
          permissions.canDo('product', 'update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="product-edit">
              {t('products.form.edit')}
            </Button>
          )
        }
      />
      <ProductFormModal product={p} open={editing} onClose={() => setEditing(false)} onSaved={() => void message.success(t('products.form.saved'))} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="product-fields" />
      </Card>
      <Card title={t('products.prices')}>
        {!readsPrices ? (
          <Typography.Text type="secondary" data-testid="product-prices-hidden">{t('products.pricesHidden')}</Typography.Text>
        ) : prices.isError ? (
          <Alert type="error" showIcon title={t('errors.generic')} />
        ) : (
          <Table<ProductPrice>
            rowKey="priceListId"
            size="small"
            columns={columns}
            dataSource={prices.data ?? []}
            loading={prices.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('products.noPrices') }}
            data-testid="product-prices"
          />
        )}
      </Card>
    </>
  );
}
