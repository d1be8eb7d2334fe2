import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectoryUser, useUserSearch, type DirectoryUser } from '@/lib/directory';
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
  style?: CSSProperties;
}

function optionOf(user: DirectoryUser, language: string) {
  return { value: user.id, label: `${localizedName(user, language)} · ${user.email}` };
}

/**
 * Picks an active colleague by name or email from the colleague directory (every signed-in user may search it;
 * partner users find only their own company). Works as a controlled antd form field; a value set from outside (an id
 * in the address) shows the user's name too.
 */
export function UserPicker({ value, onChange, exclude = [], placeholder, testId, style }: UserPickerProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const users = useUserSearch(q);
  const selected = useDirectoryUser(value).user;
  const options = (users.data ?? []).filter((user) => !exclude.includes(user.id)).map((user) => optionOf(user, i18n.language));
  if (selected && !options.some((option) => option.value === selected.id)) options.unshift(optionOf(selected, i18n.language));

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
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
