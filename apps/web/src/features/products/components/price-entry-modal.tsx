import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useProducts, usePutPriceListEntry, type PriceList, type PriceListEntry } from '../api/products';

interface Values {
  productId: string;
  listPrice: string;
  tiers: Array<{ minQuantity: number; price: string }>;
}

const MONEY = /^\d{1,16}(\.\d{1,2})?$/;

/** Sets a product's list price and quantity tiers in a price list (a new product when `entry` is absent). */
export function PriceEntryModal({ list, entry, open, onClose }: { list: PriceList; entry?: PriceListEntry; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const products = useProducts({ limit: 20, active: true, ...(q ? { q } : {}) }, { enabled: open && !entry });
  const put = usePutPriceListEntry();
  const options = (products.data?.pages.flatMap((page) => page.data) ?? []).map((p) => ({
    value: p.id,
    label: `${p.code ?? ''} ${p.name && p.nameEn ? localizedName({ name: p.name, nameEn: p.nameEn }, i18n.language) : ''}`.trim(),
  }));

  async function submit(values: Values) {
    setFailure(undefined);
    try {
      await put.mutateAsync({
        listId: list.id,
        productId: entry?.productId ?? values.productId,
        version: list.version,
        body: { listPrice: values.listPrice, tiers: (values.tiers ?? []).map((tier) => ({ minQuantity: tier.minQuantity, price: tier.price })) },
      });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) return setFailure(t('priceLists.entryForm.stale'));
      setFailure(error instanceof ApiError ? Object.values(error.fieldErrors).join(' ') || (error.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  return (
    <Modal
      open={open}
      title={entry ? t('priceLists.entryForm.editTitle', { code: entry.productCode }) : t('priceLists.entryForm.addTitle')}
      okText={t('products.form.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={put.isPending}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="price-entry-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={entry ? { listPrice: entry.listPrice, tiers: entry.tiers } : { tiers: [] }}
        onFinish={(values) => void submit(values)}
        data-testid="price-entry-form"
      >
        {!entry && (
          <Form.Item name="productId" label={t('priceLists.entryForm.product')} rules={[{ required: true }]}>
            <Select showSearch filterOption={false} onSearch={setSearch} options={options} loading={products.isFetching} data-testid="price-entry-product" />
          </Form.Item>
        )}
        <Form.Item name="listPrice" label={`${t('priceLists.columns.listPrice')} (${list.currency})`} rules={[{ required: true, pattern: MONEY, message: t('products.form.money') }]}>
          <Input inputMode="decimal" data-testid="price-entry-list-price" />
        </Form.Item>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'minQuantity']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={2} max={1000000} precision={0} placeholder={t('priceLists.entryForm.minQuantity')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'price']} rules={[{ required: true, pattern: MONEY, message: t('products.form.money') }]} style={{ marginBottom: 0 }}>
                    <Input inputMode="decimal" placeholder={t('priceLists.entryForm.tierPrice')} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('priceLists.entryForm.removeTier')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="price-entry-add-tier">
                {t('priceLists.entryForm.addTier')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
