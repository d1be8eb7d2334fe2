import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '@/components/user-picker';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';

interface ReassignValues {
  ownerId?: string;
}

export interface ReassignModalProps {
  /** The current owner, who is not offered. */
  ownerId: string | undefined;
  /** Sends `{ ownerId }` with If-Match; the record's team follows the new owner. */
  save: (ownerId: string) => Promise<unknown>;
  onClose: () => void;
}

/** Gives the record to another user; the API checks the new owner is within the caller's reassign reach. */
export function ReassignModal({ ownerId, save, onClose }: ReassignModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReassignValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onFinish({ ownerId: newOwner }: ReassignValues) {
    if (!newOwner) return;
    setAlert(null);
    setSaving(true);
    try {
      await save(newOwner);
      void message.success(t('records.reassign.done'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) return setAlert(t('records.reassign.conflict'));
      const unmatched = applyFieldErrors(form, error, ['ownerId'], (_field, serverMessage) =>
        error instanceof ApiError && error.status === 403 ? t('records.reassign.outOfReach') : serverMessage,
      );
      if (unmatched.length > 0) setAlert(unmatched.join(' '));
      else if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) setAlert(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('records.reassign.title')}
      okText={t('records.reassign.ok')}
      cancelText={t('records.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      mask={{ closable: !saving }}
      data-testid="reassign-modal"
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      <Form<ReassignValues> form={form} layout="vertical" onFinish={(values) => void onFinish(values)} disabled={saving}>
        <Form.Item name="ownerId" label={t('records.reassign.newOwner')} extra={t('records.reassign.help')} rules={[{ required: true, message: t('records.reassign.required') }]}>
          <UserPicker exclude={ownerId ? [ownerId] : []} testId="reassign-owner" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
