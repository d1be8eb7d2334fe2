import { type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FieldAccess } from '@/lib/permissions';
import type { Contact } from '../api/list-account-contacts';
import { FieldValue } from './field-value';
import { withRecordColumns } from './record-columns';
import { RecordList, type RecordListPassThrough } from './record-list/record-list';

const TEXT_FIELDS = ['name', 'title', 'phone', 'email'] as const;
/** On a phone: who, and how to reach them. */
const ESSENTIAL = ['name', 'phone'];

export interface ContactsTableProps extends RecordListPassThrough<Contact> {
  contacts: Contact[];
  loading: boolean;
  /** The caller's access to each contact field. */
  access: (field: string) => FieldAccess;
}

/** Contacts as far as the caller may read them: a hidden field has no column, a masked one shows the mask. */
export function ContactsTable({ contacts, loading, access, ...list }: ContactsTableProps) {
  const { t } = useTranslation();

  const fieldColumns: TableColumnsType<Contact> = TEXT_FIELDS.filter((field) => access(field) !== 'hidden').map((field) => ({
    key: field,
    title: t(`records.fields.${field}`),
    render: (_: unknown, contact: Contact) =>
      field === 'name' ? (
        <Link to={`/sales/contacts/${contact.id}`} data-testid={`contact-link-${contact.id}`}>
          {contact.name || t('records.unnamed')}
        </Link>
      ) : (
        <FieldValue field={field} value={contact[field]} access={access(field)} />
      ),
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
      {...list}
    />
  );
}
