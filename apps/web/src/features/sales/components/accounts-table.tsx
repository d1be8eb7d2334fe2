import { type TableColumnsType, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isReadable, type FieldAccess } from '@/lib/permissions';
import type { Account, AccountSort } from '../api/list-accounts';
import { withRecordColumns } from './record-columns';
import { RecordList, type RecordListPassThrough } from './record-list/record-list';

/** Columns that show one field of the account as the server sent it (masked values included). */
const TEXT_FIELDS = ['name', 'industry', 'region', 'phone', 'email'] as const;
/** On a phone: the name to open it, and a number to call. */
const ESSENTIAL = ['name', 'phone'];
type TextField = (typeof TEXT_FIELDS)[number];
/** The fields the API can sort by. */
const SORTABLE: ReadonlySet<string> = new Set<TextField>(['name', 'region', 'industry']);

function orderOf(sort: AccountSort | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

function toSort(field: string, order: SortOrder | undefined): AccountSort | undefined {
  if (!order || !SORTABLE.has(field)) return undefined;
  return (order === 'descend' ? `-${field}` : field) as AccountSort;
}

export interface AccountsTableProps extends RecordListPassThrough<Account> {
  accounts: Account[];
  loading: boolean;
  /** The caller's access to each account field. */
  access: (field: string) => FieldAccess;
  sort: AccountSort | undefined;
  onSortChange: (sort: AccountSort | undefined) => void;
}

/**
 * The account list as far as the caller may read it: a hidden field has no column, and a field is sortable only
 * when it is read in clear (sorting by a masked or hidden field would leak its order, and the API refuses it).
 * Each row's name opens the account page.
 */
export function AccountsTable({ accounts, loading, access, sort, onSortChange, ...list }: AccountsTableProps) {
  const { t } = useTranslation();
  const empty = '—';

  const fieldColumns: TableColumnsType<Account> = TEXT_FIELDS.filter((field) => access(field) !== 'hidden').map((field) => ({
    key: field,
    dataIndex: field,
    title: t(`accounts.columns.${field}`),
    render: (value: string | null | undefined, account: Account) =>
      field === 'name' ? (
        <Link to={`/sales/accounts/${account.id}`} data-testid={`account-link-${account.id}`}>
          {value || t('records.unnamed')}
        </Link>
      ) : (
        value || empty
      ),
    ...(SORTABLE.has(field) && isReadable(access(field))
      ? { sorter: true, sortOrder: orderOf(sort, field), sortDirections: ['ascend', 'descend'] as SortOrder[] }
      : {}),
  }));
  const columns = withRecordColumns(fieldColumns, { access, t, pathOf: (account) => `/sales/accounts/${account.id}` });


  const handleChange: TableProps<Account>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    onSortChange(toSort(String(single?.columnKey ?? ''), single?.order));
  };

  return (
    <RecordList<Account>
      testId="accounts-table"
      columns={columns}
      rows={accounts}
      loading={loading}
      emptyText={t('accounts.empty')}
      essentialColumns={ESSENTIAL}
      onChange={handleChange}
      {...list}
    />
  );
}
