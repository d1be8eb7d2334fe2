import type { RecordObjectType } from '../utils/record-fields';
import { Alert, App, Button, Descriptions, Flex, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useAccountDuplicates, type DuplicateProbe } from '../api/account-extras';
import { DuplicateWarning } from './duplicate-warning';
import { useTranslation } from 'react-i18next';
import type { FieldAccess } from '@/lib/permissions';
import { applySaveError, createBodyOf, initialValuesOf, RecordForm, recordFormLayout, type RecordChanges, type RecordFormValues } from './record-form';

export interface CreateRecordModalProps {
  objectType: RecordObjectType;
  access: (field: string) => FieldAccess;
  /** Sends the body; resolves with the new record. */
  create: (body: RecordChanges) => Promise<{ id: string }>;
  onCreated: (id: string) => void;
  onClose: () => void;
  /** Fixed facts shown above the fields, e.g. the owner (the caller) and a contact's account. */
  facts: { key: string; label: ReactNode; children: ReactNode }[];
}

/** Creates a record with the fields the caller may edit; the owner is the caller (the API's default). */
export function CreateRecordModal({ objectType, access, create, onCreated, onClose, facts }: CreateRecordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordFormValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The creator owns the new record, so the owner-only flags are theirs to set.
  const layout = recordFormLayout(objectType, access, { creating: true, isOwner: true });
  // New accounts: look for the same normalised name, phone or email among the accounts the caller can read.
  const watched = {
    name: Form.useWatch('name', form),
    phone: Form.useWatch('phone', form),
    email: Form.useWatch('email', form),
  };
  // Debounced as text: a new object each render would never settle.
  const probe = useDebouncedValue(JSON.stringify(objectType === 'account' ? { name: text(watched.name), phone: text(watched.phone), email: text(watched.email) } : {}), 400);
  const duplicates = useAccountDuplicates(JSON.parse(probe) as DuplicateProbe).data ?? [];

  async function onFinish(values: RecordFormValues) {
    setAlert(null);
    setSaving(true);
    try {
      const created = await create(createBodyOf(values, layout));
      void message.success(t(`records.create.created.${objectType}`));
      onCreated(created.id);
    } catch (error) {
      setAlert(applySaveError(form, error, layout, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={t(`records.create.title.${objectType}`)} onCancel={onClose} footer={null} mask={{ closable: !saving }} data-testid="create-modal">
      <RecordForm
        objectType={objectType}
        form={form}
        layout={layout}
        access={access}
        initialValues={initialValuesOf(undefined, layout)}
        onFinish={(values) => void onFinish(values)}
        disabled={saving}
        header={
          <>
            {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="create-error" />}
            <Descriptions size="small" column={1} items={facts} style={{ marginBottom: 16 }} />
            <DuplicateWarning duplicates={duplicates} />
          </>
        }
        footer={
          <Flex justify="end" gap={8}>
            <Button onClick={onClose} disabled={false}>
              {t('records.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="create-submit">
              {duplicates.length > 0 ? t('accounts.duplicates.createAnyway') : t('records.create.submit')}
            </Button>
          </Flex>
        }
      />
    </Modal>
  );
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
