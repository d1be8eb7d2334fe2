import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useGlobalSearch } from '../api/account-extras';

/** One box over accounts, contacts and leads (GET /search): the matches the caller may see, grouped by object. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const search = useGlobalSearch(q);
  const result = search.data;
  const group = (label: string, items: Array<{ id: string; name?: string | null; extra?: string | null }>, path: string) =>
    items.length
      ? [{ label, options: items.map((item) => ({ value: `${path}/${item.id}`, label: <span data-testid="search-option">{item.name ?? '—'}{item.extra ? ` · ${item.extra}` : ''}</span> })) }]
      : [];
  const options = result
    ? [
        ...group(t('search.accounts'), result.accounts.map((a) => ({ id: a.id, name: a.name, extra: a.region })), '/sales/accounts'),
        ...group(t('search.contacts'), result.contacts.map((c) => ({ id: c.id, name: c.name, extra: c.title })), '/sales/contacts'),
        ...group(t('search.leads'), result.leads.map((l) => ({ id: l.id, name: l.name, extra: l.company })), '/sales/leads'),
      ]
    : [];
  return (
    <AutoComplete
      value={text}
      onChange={setText}
      options={options}
      onSelect={(value: string) => {
        setText('');
        void navigate(value);
      }}
      notFoundContent={q.length < 2 ? t('search.shortHint') : search.isFetching ? null : t('search.empty')}
      style={{ width: 320, maxWidth: '100%' }}
      data-testid="global-search"
    >
      <Input prefix={<SearchOutlined />} allowClear placeholder={t('search.placeholder')} aria-label={t('search.placeholder')} />
    </AutoComplete>
  );
}
