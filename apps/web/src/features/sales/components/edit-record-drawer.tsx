import type { RecordObjectType } from '../utils/record-fields';
import { Alert, App, Button, Drawer, Flex, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import type { FieldAccess } from '@/lib/permissions';
import { applySaveError, changesOf, initialValuesOf, RecordForm, recordFormLayout, type RecordChanges, type RecordFormValues } from './record-form';

export interface EditRecordDrawerProps {
  objectType: RecordObjectType;
  /** The record as last read; its version goes out as If-Match. */
  record: { version: number };
  /** The record's name as shown to the caller (it may be hidden from them). */
  title: string;
  access: (field: string) => FieldAccess;
  isOwner: boolean;
  /** Sends the changed fields with If-Match of `record.version`. */
  save: (changes: RecordChanges) => Promise<unknown>;
  /** Reads the record again (after a 412). */
  reload: () => Promise<unknown>;
  onClose: () => void;
}

/**
 * Edits the fields the caller may change. Only changed fields are sent, with the version read as If-Match; a 412
 * says someone else changed the record and offers to reload it; the server's field errors land on their fields.
 */
export function EditRecordDrawer(props: EditRecordDrawerProps) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  return (
    <Drawer
      open
      title={t('records.edit.title', { name: props.title })}
      onClose={props.onClose}
      size={480}
      mask={{ closable: !saving }}
      data-testid="edit-drawer"
    >
      {/* A reloaded record starts a fresh form: its values, no stale errors. */}
      <EditRecordForm key={props.record.version} {...props} onSavingChange={setSaving} />
    </Drawer>
  );
}

function EditRecordForm({ objectType, record, access, isOwner, save, reload, onClose, onSavingChange }: EditRecordDrawerProps & { onSavingChange: (saving: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordFormValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const layout = recordFormLayout(objectType, access, { creating: false, isOwner });

  function setBusy(busy: boolean) {
    setSaving(busy);
    onSavingChange(busy);
  }

  async function onFinish(values: RecordFormValues) {
    setAlert(null);
    const changes = changesOf(record, values, layout);
    if (Object.keys(changes).length === 0) {
      void message.info(t('records.edit.noChanges'));
      return onClose();
    }
    setBusy(true);
    try {
      await save(changes);
      void message.success(t('records.edit.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) return setStale(true);
      setAlert(applySaveError(form, error, layout, t));
    } finally {
      setBusy(false);
    }
  }

  async function onReload() {
    setBusy(true);
    try {
      await reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <RecordForm
      objectType={objectType}
      form={form}
      layout={layout}
      record={record}
      access={access}
      initialValues={initialValuesOf(record, layout)}
      onFinish={(values) => void onFinish(values)}
      disabled={saving}
      header={
        <>
          {stale && (
            <Alert
              type="warning"
              showIcon
              title={t('records.edit.conflict')}
              action={
                <Button size="small" onClick={() => void onReload()} disabled={false} data-testid="edit-reload">
                  {t('records.edit.reload')}
                </Button>
              }
              style={{ marginBottom: 16 }}
              data-testid="edit-conflict"
            />
          )}
          {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="edit-error" />}
        </>
      }
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            {t('records.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} disabled={stale} data-testid="edit-submit">
            {t('records.edit.save')}
          </Button>
        </Flex>
      }
    />
  );
}
