import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserSearch } from '@/lib/directory';
import { localizedName } from '@/lib/localized';
import { useDebouncedValue } from '@/lib/use-debounced-value';

const SEARCH_DEBOUNCE_MS = 300;

export interface UserPickerProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Users that may not be picked (e.g. the current owner). */
  exclude?: readonly string[];
  placeholder?: string;
  testId?: string;
}

/**
 * Picks an active user by name or email from the user directory. Render it only when the directory is available
 * to the caller (`useUserDirectoryAvailable`); it works as a controlled antd form field.
 */
export function UserPicker({ value, onChange, exclude = [], placeholder, testId }: UserPickerProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const users = useUserSearch(q);
  const options = (users.data ?? [])
    .filter((user) => !exclude.includes(user.id))
    .map((user) => ({ value: user.id, label: `${localizedName(user, i18n.language)} · ${user.email}` }));

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(id) => onChange?.(id)}
      options={options}
      loading={users.isFetching}
      placeholder={placeholder ?? t('common.pickUser')}
      notFoundContent={users.isFetching ? t('app.loading') : t('common.noUsers')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
