import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { useCreatePriceList, type PriceList } from '../api/products';

interface Values {
  name: string;
  currency: string;
  validFrom: string;
  validTo: string;
  isDefault: boolean;
  description: string;
}

const FIELDS = ['name', 'currency', 'validFrom', 'validTo', 'isDefault', 'description'] as const;

/** A new price list; made the default of its currency on request (the previous default stops being one). */
export function PriceListFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved?: (list: PriceList) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const create = useCreatePriceList();

  async function submit(values: Values) {
    setFailure(undefined);
    try {
      const list = await create.mutateAsync({
        name: values.name,
        currency: values.currency.trim().toUpperCase(),
        validFrom: values.validFrom,
        ...(values.validTo ? { validTo: values.validTo } : {}),
        isDefault: values.isDefault,
        ...(values.description ? { description: values.description } : {}),
      });
      onSaved?.(list);
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, FIELDS);
      if (unmatched.length || !(error instanceof ApiError && Object.keys(error.fieldErrors).length)) {
        setFailure(unmatched.join(' ') || (error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network')));
      }
    }
  }

  return (
    <Modal open={open} title={t('priceLists.form.createTitle')} okText={t('products.form.save')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ currency: 'CNY', isDefault: false }} onFinish={(values) => void submit(values)} data-testid="price-list-form">
        <Form.Item name="name" label={t('priceLists.columns.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="price-list-form-name" />
        </Form.Item>
        <Form.Item name="currency" label={t('priceLists.columns.currency')} rules={[{ required: true, pattern: /^[A-Za-z]{3}$/, message: t('priceLists.form.currency') }]}>
          <Input maxLength={3} style={{ width: 120 }} data-testid="price-list-form-currency" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('priceLists.form.validFrom')} rules={[{ required: true }]}>
          <Input type="date" data-testid="price-list-form-valid-from" />
        </Form.Item>
        <Form.Item name="validTo" label={t('priceLists.form.validTo')} extra={t('priceLists.form.validToHint')}>
          <Input type="date" data-testid="price-list-form-valid-to" />
        </Form.Item>
        <Form.Item name="isDefault" label={t('priceLists.form.isDefault')} extra={t('priceLists.form.isDefaultHint')} valuePropName="checked">
          <Switch data-testid="price-list-form-default" />
        </Form.Item>
        <Form.Item name="description" label={t('products.fields.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
