import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '@/lib/api';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useAccounts } from '../api/list-accounts';
import { useCreateQuote } from '../api/quotes';

/** Starts a draft quote for an account the caller sees, then opens it to add lines. */
export function CreateQuoteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [accountId, setAccountId] = useState<string | undefined>();
  const q = useDebouncedValue(search.trim(), 300);
  const accounts = useAccounts({ limit: 20, ...(q ? { q } : {}) }, { enabled: open });
  const create = useCreateQuote();

  async function submit() {
    if (!accountId) return;
    try {
      const quote = await create.mutateAsync({ accountId });
      void message.success(t('quotes.created', { number: quote.number }));
      onClose();
      void navigate(`/sales/quotes/${quote.id}`);
    } catch (error) {
      void message.error(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  return (
    <Modal open={open} title={t('quotes.createTitle')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ disabled: !accountId, loading: create.isPending, 'data-testid': 'create-quote-ok' } as never} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('quotes.accountId')} required>
          <Select
            showSearch
            filterOption={false}
            placeholder={t('quotes.pickAccount')}
            onSearch={setSearch}
            value={accountId}
            onChange={setAccountId}
            loading={accounts.isFetching}
            options={(accounts.data?.pages.flatMap((page) => page.data) ?? []).map((a) => ({ value: a.id, label: a.name ?? a.id }))}
            data-testid="create-quote-account"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
