import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { ACTIVITY_KINDS, useCreateActivity, type ActivityKind, type ActivityPriority, type ActivityRelatedType, type ActivityStatus } from '../api/activities';

interface LogActivityForm {
  kind: ActivityKind;
  subject: string;
  status: ActivityStatus;
  priority: ActivityPriority;
  /** `datetime-local` text in the browser's time zone (a native picker, good on phones). */
  dueAt?: string;
  durationMinutes?: number;
  location?: string;
  description?: string;
  outcome?: string;
}

export interface LogActivityModalProps {
  about: { relatedType: ActivityRelatedType; relatedId: string; name: string };
  onClose: () => void;
}

/** Logs what happened (a done call, a note) or plans what will (a visit, a task) about one record. */
export function LogActivityModal({ about, onClose }: LogActivityModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LogActivityForm>();
  const create = useCreateActivity();
  const [error, setError] = useState<string | undefined>(undefined);
  const kind = Form.useWatch('kind', form);

  async function submit(values: LogActivityForm) {
    setError(undefined);
    try {
      await create.mutateAsync({
        kind: values.kind,
        subject: values.subject.trim(),
        status: values.status,
        priority: values.priority,
        relatedType: about.relatedType,
        relatedId: about.relatedId,
        ...(values.dueAt ? { dueAt: new Date(values.dueAt).toISOString() } : {}),
        ...(values.durationMinutes ? { durationMinutes: values.durationMinutes } : {}),
        ...(values.location?.trim() ? { location: values.location.trim() } : {}),
        ...(values.description?.trim() ? { description: values.description.trim() } : {}),
        ...(values.outcome?.trim() ? { outcome: values.outcome.trim() } : {}),
      });
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fields = Object.entries(caught.fieldErrors).filter(([field]) => field in values);
        form.setFields(fields.map(([name, message]) => ({ name: name as keyof LogActivityForm, errors: [message] })));
        if (!fields.length) setError(caught.detail ?? t('errors.generic'));
      } else setError(t('errors.network'));
    }
  }

  return (
    <Modal
      open
      title={t('activities.log.title', { name: about.name })}
      okText={t('activities.log.ok')}
      cancelText={t('records.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<LogActivityForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ kind: 'call', status: 'done', priority: 'normal' }} data-testid="activity-log-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="kind" label={t('activities.fields.kind')} rules={[{ required: true }]}>
          <Select options={ACTIVITY_KINDS.map((value) => ({ value, label: t(`activities.kinds.${value}`) }))} data-testid="activity-kind" />
        </Form.Item>
        <Form.Item name="subject" label={t('activities.fields.subject')} rules={[{ required: true, whitespace: true, message: t('activities.log.subjectRequired') }, { max: 200 }]}>
          <Input data-testid="activity-subject" />
        </Form.Item>
        {kind !== 'note' && (
          <Form.Item name="status" label={t('activities.fields.status')}>
            <Select options={(['planned', 'done'] as const).map((value) => ({ value, label: t(`activities.statuses.${value}`) }))} data-testid="activity-status" />
          </Form.Item>
        )}
        <Form.Item name="dueAt" label={t(kind === 'task' ? 'activities.fields.dueBy' : 'activities.fields.dueAt')}>
          <Input type="datetime-local" data-testid="activity-due" />
        </Form.Item>
        {(kind === 'meeting' || kind === 'visit' || kind === 'call') && (
          <Form.Item name="durationMinutes" label={t('activities.fields.durationMinutes')}>
            <InputNumber min={1} max={1440} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(kind === 'meeting' || kind === 'visit') && (
          <Form.Item name="location" label={t('activities.fields.location')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="priority" label={t('activities.fields.priority')}>
          <Select options={(['low', 'normal', 'high'] as const).map((value) => ({ value, label: t(`activities.priorities.${value}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('activities.fields.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="outcome" label={t('activities.fields.outcome')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} data-testid="activity-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
