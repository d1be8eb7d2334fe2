import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useAccount } from '../api/get-account';
import { useAccounts } from '../api/list-accounts';

export interface AccountPickerProps {
  value?: string;
  onChange?: (value: string) => void;
  /** Left out of the choices (the account being edited cannot be its own parent). */
  excludeId?: string;
  'data-testid'?: string;
}

/** Picks an account the caller can see, searched by name as they type (the list's `q`). */
export function AccountPicker({ value, onChange, excludeId, 'data-testid': testId }: AccountPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const accounts = useAccounts({ q: q || undefined, limit: 20 });
  const current = useAccount(value ?? '', { enabled: Boolean(value) });
  const found = (accounts.data?.pages ?? []).flatMap((page) => page.data).filter((a) => a.id !== excludeId);
  const options = found.map((a) => ({ value: a.id, label: a.name ?? t('records.hiddenName.account') }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: current.data?.name ?? value });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value || undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? '')}
      options={options}
      loading={accounts.isFetching}
      placeholder={t('accounts.details.pickAccount')}
      data-testid={testId}
    />
  );
}
