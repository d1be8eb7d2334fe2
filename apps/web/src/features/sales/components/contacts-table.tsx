import { type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isReadable, type FieldAccess } from '@/lib/permissions';
import type { Contact, ContactSort } from '../api/list-account-contacts';
import { FieldValue } from './field-value';
import { withRecordColumns } from './record-columns';
import { RecordList, type RecordListPassThrough } from './record-list/record-list';
import { onSortChange, sortColumn } from './record-list/table-sort';

const TEXT_FIELDS = ['name', 'title', 'phone', 'email'] as const;
/** The standalone list shows a few more: which account, and the other ways to reach them. */
const LIST_FIELDS = ['name', 'title', 'accountId', 'department', 'phone', 'mobile', 'email'] as const;
type ListField = (typeof LIST_FIELDS)[number];
/** On a phone: who, and how to reach them. */
const ESSENTIAL = ['name', 'phone'];
/** The fields the API sorts contacts by. */
const SORTABLE: Readonly<Record<string, string>> = { name: 'name', title: 'title' };

export interface ContactsTableProps extends RecordListPassThrough<Contact> {
  contacts: Contact[];
  loading: boolean;
  /** The caller's access to each contact field. */
  access: (field: string) => FieldAccess;
  /** The standalone list (every contact): the account column, more fields, header sorting. */
  standalone?: { sort: ContactSort | undefined; onSortChange: (sort: ContactSort | undefined) => void };
}

/** Contacts as far as the caller may read them: a hidden field has no column, a masked one shows the mask. */
export function ContactsTable({ contacts, loading, access, standalone, ...list }: ContactsTableProps) {
  const { t } = useTranslation();
  const fields: readonly ListField[] = standalone ? LIST_FIELDS : TEXT_FIELDS;

  const fieldColumns: TableColumnsType<Contact> = fields
    .filter((field) => access(field) !== 'hidden')
    .map((field) => ({
      key: field,
      title: t(field === 'accountId' ? 'contacts.account' : `records.fields.${field}`),
      ...(standalone && SORTABLE[field] && isReadable(access(field)) ? sortColumn(standalone.sort, field, SORTABLE[field], field === 'name' ? 'ascend' : undefined) : {}),
      render: (_: unknown, contact: Contact) => {
        if (field === 'name') {
          return (
            <Link to={`/sales/contacts/${contact.id}`} data-testid={`contact-link-${contact.id}`}>
              {contact.name || t('records.unnamed')}
            </Link>
          );
        }
        if (field === 'accountId') {
          // The name comes only for an account the caller may see (and whose name they may read); nothing to open otherwise.
          return contact.accountId && contact.accountName ? (
            <Link to={`/sales/accounts/${contact.accountId}`} data-testid={`contact-account-${contact.id}`}>
              {contact.accountName}
            </Link>
          ) : (
            '—'
          );
        }
        return <FieldValue field={field} value={contact[field]} access={access(field)} />;
      },
    }));
  const columns = withRecordColumns(fieldColumns, { access, t, pathOf: (contact) => `/sales/contacts/${contact.id}` });

  return (
    <RecordList<Contact>
      testId="contacts-table"
      columns={columns}
      rows={contacts}
      loading={loading}
      emptyText={t('contacts.empty')}
      essentialColumns={ESSENTIAL}
      onChange={standalone ? onSortChange(SORTABLE, (sort) => standalone.onSortChange(sort as ContactSort | undefined)) : undefined}
      {...list}
    />
  );
}
