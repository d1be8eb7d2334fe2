import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { useCreateMyApiKey, type CreatedApiKey } from '../api/api-keys';

/** How long a new key works; the API allows at most 365 days and defaults to that. */
const LIFETIMES = [7, 30, 90, 180, 365] as const;
const LONGEST = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

interface CreateApiKeyValues {
  name: string;
  lifetimeDays: (typeof LIFETIMES)[number];
}

export interface CreateApiKeyModalProps {
  /** Gets the new key with its secret, once; the modal closes itself. */
  onCreated: (key: CreatedApiKey) => void;
  onClose: () => void;
}

/** Names a new key and chooses how long it works; the key acts as the signed-in user. */
export function CreateApiKeyModal({ onCreated, onClose }: CreateApiKeyModalProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CreateApiKeyValues>();
  const create = useCreateMyApiKey();
  const [alert, setAlert] = useState<string | null>(null);
  const lifetime = Form.useWatch('lifetimeDays', form) ?? LONGEST;

  async function onFinish({ name, lifetimeDays }: CreateApiKeyValues) {
    setAlert(null);
    try {
      // The longest lifetime is the API's default: leaving it out cannot overshoot its limit by clock skew.
      const created = await create.mutateAsync({ name: name.trim(), ...(lifetimeDays < LONGEST ? { expiresAt: new Date(Date.now() + lifetimeDays * DAY_MS).toISOString() } : {}) });
      create.reset();
      onCreated(created);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return setAlert(t('apiKeys.create.tooMany'));
      const unmatched = applyFieldErrors(form, error, ['name']);
      if (unmatched.length > 0) setAlert(unmatched.join(' '));
      else if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) setAlert(error instanceof ApiError ? t('errors.generic') : t('errors.network'));
    }
  }

  return (
    <Modal open title={t('apiKeys.create.title')} onCancel={onClose} footer={null} mask={{ closable: !create.isPending }} data-testid="api-key-create-modal">
      <Form<CreateApiKeyValues> form={form} layout="vertical" initialValues={{ name: '', lifetimeDays: LONGEST }} onFinish={(values) => void onFinish(values)} disabled={create.isPending}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="api-key-create-error" />}
        <Typography.Paragraph type="secondary">{t('apiKeys.create.intro')}</Typography.Paragraph>
        <Form.Item
          name="name"
          label={t('apiKeys.create.name')}
          extra={t('apiKeys.create.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('apiKeys.create.nameRequired') },
            { max: 100, message: t('apiKeys.create.nameTooLong') },
          ]}
        >
          <Input placeholder={t('apiKeys.create.namePlaceholder')} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item
          name="lifetimeDays"
          label={t('apiKeys.create.lifetime')}
          extra={t('apiKeys.create.expiresOn', { date: new Date(Date.now() + lifetime * DAY_MS).toLocaleDateString(i18n.language) })}
        >
          <Select options={LIFETIMES.map((days) => ({ value: days, label: days === LONGEST ? t('apiKeys.create.oneYear') : t('apiKeys.create.days', { count: days }) }))} data-testid="api-key-lifetime" />
        </Form.Item>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            {t('apiKeys.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="api-key-create-submit">
            {t('apiKeys.create.submit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
