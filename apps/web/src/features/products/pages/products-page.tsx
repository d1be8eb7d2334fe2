import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Input, Row, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { formatPrice, useProductCategories, useProducts, type Product, type ProductSort } from '../api/products';
import { CategoryTree } from '../components/category-tree';
import { NoAccess } from '../components/no-access';
import { ProductFormModal } from '../components/product-form-modal';
import { ProductsTabs } from '../components/products-tabs';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** `/products`: the catalogue, filtered by the category tree and searched by code or name, in keyset pages. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [search, setSearch] = useState('');
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const [sort, setSort] = useState<ProductSort | undefined>(undefined);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const canRead = permissions.canDo('product', 'read');
  const showCost = isReadable(permissions.fieldAccess('product', 'costPrice'));
  const categories = useProductCategories({ enabled: permissions.isSuccess && canRead });
  const params = { limit: PAGE_SIZE, ...(sort ? { sort } : {}), ...(q ? { q } : {}), ...(categoryId ? { categoryId } : {}) };
  const products = useProducts(params, { enabled: permissions.isSuccess && canRead });
  const categoryNames = useMemo(() => new Map((categories.data ?? []).map((c) => [c.id, localizedName(c, i18n.language)])), [categories.data, i18n.language]);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const header = (
    <PageHeader
      title={t('products.title')}
      extra={
        permissions.canDo('product', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="product-create">
            {t('products.form.create')}
          </Button>
        )
      }
    />
  );

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) return <>{header}<NoAccess what="products" testId="products-no-access" /></>;

  const columns: TableProps<Product>['columns'] = [
    { key: 'code', dataIndex: 'code', title: t('products.columns.code'), sorter: true, sortOrder: sort === 'code' ? 'ascend' : sort === '-code' ? 'descend' : null, render: (code: string, p) => <Link to={`/products/${p.id}`}>{code}</Link> },
    {
      key: 'name',
      title: t('products.columns.name'),
      sorter: true,
      sortOrder: sort === 'name' ? 'ascend' : sort === '-name' ? 'descend' : null,
      render: (_, p) => (p.name && p.nameEn ? localizedName({ name: p.name, nameEn: p.nameEn }, i18n.language) : '—'),
    },
    { key: 'category', title: t('products.columns.category'), render: (_, p) => (p.categoryId ? (categoryNames.get(p.categoryId) ?? '—') : '—') },
    { key: 'unit', dataIndex: 'unit', title: t('products.columns.unit') },
    { key: 'active', title: t('products.columns.active'), render: (_, p) => (p.active ? <Tag color="green">{t('products.active')}</Tag> : <Tag>{t('products.inactive')}</Tag>) },
    ...(showCost ? [{ key: 'costPrice', title: t('products.columns.costPrice'), align: 'right' as const, render: (_: unknown, p: Product) => formatPrice(p.costPrice, p.costCurrency ?? 'CNY') }] : []),
  ];
  const rows = products.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      {header}
      <ProductFormModal open={creating} onClose={() => setCreating(false)} onSaved={(product) => void navigate(`/products/${product.id}`)} />
      <ProductsTabs current="catalogue" />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7} lg={6}>
          <Card size="small" title={t('products.categories')} extra={categoryId && <Button type="link" size="small" onClick={() => setCategoryId(undefined)}>{t('products.allCategories')}</Button>}>
            {categories.isPending ? <Skeleton active /> : <CategoryTree categories={categories.data ?? []} selected={categoryId} onSelect={setCategoryId} />}
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18}>
          <Card>
            <Flex vertical gap={16}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('products.search')}
                aria-label={t('products.search')}
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                style={{ maxWidth: 320 }}
                data-testid="products-search"
              />
              {products.isError && <Alert type="error" showIcon title={products.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
              <Table<Product>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                loading={products.isPending || (products.isFetching && !products.isFetchingNextPage)}
                locale={{ emptyText: t('products.empty') }}
                onChange={(_pagination, _filters, sorter) => {
                  const s = Array.isArray(sorter) ? sorter[0] : sorter;
                  const field = s?.columnKey === 'name' ? 'name' : s?.columnKey === 'code' ? 'code' : undefined;
                  setSort(field && s.order ? ((s.order === 'descend' ? `-${field}` : field) as ProductSort) : undefined);
                }}
                data-testid="products-table"
              />
              {products.hasNextPage && (
                <Flex justify="center">
                  <Button onClick={() => void products.fetchNextPage()} loading={products.isFetchingNextPage} data-testid="products-load-more">
                    {t('products.loadMore')}
                  </Button>
                </Flex>
              )}
              <Typography.Text type="secondary">{t('products.shown', { count: rows.length })}</Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
