import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useAccountRelatedCounts, useMergeAccount } from '../api/account-extras';
import { AccountPicker } from './account-picker';

export interface MergeAccountDialogProps {
  target: { id: string; name?: string; version: number };
  onClose: () => void;
}

/**
 * Merges a duplicate into this account: pick it, see what moves (its contacts and opportunities you can see), confirm.
 * The server moves everything in one transaction and bins the duplicate; a 403 means the caller may not delete it.
 */
export function MergeAccountDialog({ target, onClose }: MergeAccountDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [sourceId, setSourceId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const counts = useAccountRelatedCounts(sourceId || undefined);
  const merge = useMergeAccount();

  async function confirm() {
    setError(null);
    try {
      const result = await merge.mutateAsync({ id: target.id, version: target.version, sourceAccountId: sourceId });
      const moved = (key: string) => result.moved[key] ?? 0;
      void message.success(t('accounts.merge.done', { contacts: moved('contacts.account_id'), opportunities: moved('opportunities.account_id'), activities: moved('activities.account_id') }));
      onClose();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 403) setError(t('accounts.merge.notAllowed'));
      else setError(t('accounts.merge.failed', { detail: failure instanceof ApiError ? (failure.detail ?? failure.status) : t('errors.network') }));
    }
  }

  return (
    <Modal
      open
      title={t('accounts.merge.title', { name: target.name ?? '' })}
      onCancel={onClose}
      data-testid="merge-dialog"
      footer={
        <Button type="primary" danger disabled={!sourceId} loading={merge.isPending} onClick={() => void confirm()} data-testid="merge-confirm">
          {t('accounts.merge.confirm')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="merge-error" />}
      <Form layout="vertical">
        <Form.Item label={t('accounts.merge.pick')}>
          <AccountPicker value={sourceId} onChange={setSourceId} excludeId={target.id} data-testid="merge-source" />
        </Form.Item>
      </Form>
      {sourceId && counts.data && (
        <Typography.Paragraph data-testid="merge-preview">{t('accounts.merge.preview', { contacts: counts.data.contacts, opportunities: counts.data.opportunities })}</Typography.Paragraph>
      )}
    </Modal>
  );
}
