import { Alert, Form, Input, Modal, Switch, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { localizedName } from '@/lib/localized';
import { usePermissions } from '@/lib/permissions';
import { useCreateProduct, useProductCategories, useUpdateProduct, type Product } from '../api/products';

interface Values {
  code: string;
  name: string;
  nameEn: string;
  categoryId: string;
  unit: string;
  active: boolean;
  description: string;
  costPrice: string;
  costCurrency: string;
}

const FIELDS = ['code', 'name', 'nameEn', 'categoryId', 'unit', 'active', 'description', 'costPrice', 'costCurrency'] as const;
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
/** The cost and its currency go together: offered, and sent, only to who may edit both. */
const COST_FIELDS: ReadonlySet<string> = new Set(['costPrice', 'costCurrency']);

/**
 * Creates a product or edits one (only the changed fields, with If-Match). The server's 400/409 field errors land on
 * their fields; a 412 says someone else changed it first. The cost price is offered only to who may edit it.
 */
export function ProductFormModal({ product, open, onClose, onSaved }: { product?: Product; open: boolean; onClose: () => void; onSaved?: (product: Product) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const permissions = usePermissions();
  const categories = useProductCategories({ enabled: open });
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const editsCost = permissions.fieldAccess('product', 'costPrice') === 'edit' && permissions.fieldAccess('product', 'costCurrency') === 'edit';
  const treeData = useMemo(() => {
    type Node = { value: string; title: string; children: Node[] };
    const nodes = new Map<string, Node>();
    const roots: Node[] = [];
    for (const c of categories.data ?? []) {
      const node: Node = { value: c.id, title: localizedName(c, i18n.language), children: [] };
      nodes.set(c.id, node);
      const parent = c.parentId ? nodes.get(c.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [categories.data, i18n.language]);
  const initial: Partial<Values> = product
    ? { code: product.code, name: product.name, nameEn: product.nameEn, categoryId: product.categoryId, unit: product.unit, active: product.active, description: product.description ?? '', costPrice: product.costPrice ?? '', costCurrency: product.costCurrency ?? '' }
    : { active: true, unit: '台' };

  async function submit(values: Values) {
    setFailure(undefined);
    try {
      let saved: Product;
      if (product) {
        const changes: Record<string, unknown> = {};
        for (const field of FIELDS) {
          if (COST_FIELDS.has(field) && !editsCost) continue;
          const before = field === 'description' || field === 'costPrice' ? (product[field] ?? '') : product[field];
          if (values[field] !== before) changes[field] = (field === 'description' || field === 'costPrice') && values[field] === '' ? null : values[field];
        }
        saved = Object.keys(changes).length ? await update.mutateAsync({ id: product.id, version: product.version, changes }) : product;
      } else {
        saved = await create.mutateAsync({
          code: values.code,
          name: values.name,
          nameEn: values.nameEn,
          categoryId: values.categoryId,
          unit: values.unit,
          active: values.active,
          ...(values.description ? { description: values.description } : {}),
          ...(editsCost && values.costPrice ? { costPrice: values.costPrice } : {}),
          // Empty: the server's base currency.
          ...(editsCost && values.costCurrency ? { costCurrency: values.costCurrency } : {}),
        });
      }
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) return setFailure(t('products.form.stale'));
      const unmatched = applyFieldErrors(form, error, FIELDS, (field, message) => (error instanceof ApiError && error.status === 409 && field === 'code' ? t('products.form.codeTaken') : message));
      if (unmatched.length || !(error instanceof ApiError && Object.keys(error.fieldErrors).length)) {
        setFailure(unmatched.join(' ') || (error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network')));
      }
    }
  }

  return (
    <Modal
      open={open}
      title={product ? t('products.form.editTitle') : t('products.form.createTitle')}
      okText={t('products.form.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="product-form-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(values) => void submit(values)} data-testid="product-form">
        <Form.Item name="code" label={t('products.columns.code')} extra={t('products.form.codeHint')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input data-testid="product-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('products.fields.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="product-form-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('products.fields.nameEn')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="product-form-name-en" />
        </Form.Item>
        <Form.Item name="categoryId" label={t('products.columns.category')} rules={[{ required: true }]}>
          <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="product-form-category" />
        </Form.Item>
        <Form.Item name="unit" label={t('products.columns.unit')} rules={[{ required: true, whitespace: true, max: 20 }]}>
          <Input data-testid="product-form-unit" />
        </Form.Item>
        <Form.Item name="active" label={t('products.columns.active')} valuePropName="checked">
          <Switch data-testid="product-form-active" />
        </Form.Item>
        {editsCost && (
          <Form.Item name="costPrice" label={t('products.columns.costPrice')} rules={[{ pattern: MONEY, message: t('products.form.money') }]}>
            <Input inputMode="decimal" placeholder="0.00" data-testid="product-form-cost-price" />
          </Form.Item>
        )}
        {editsCost && (
          <Form.Item
            name="costCurrency"
            label={t('products.columns.costCurrency')}
            extra={product ? undefined : t('products.form.currencyHint')}
            normalize={(value: string) => value.toUpperCase()}
            rules={[{ required: Boolean(product), pattern: CURRENCY, message: t('products.form.currency') }]}
          >
            <Input maxLength={3} placeholder="CNY" style={{ width: 120 }} data-testid="product-form-cost-currency" />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('products.fields.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
