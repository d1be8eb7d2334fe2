import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FieldAccess } from '@/lib/permissions';
import type { Contact } from '../api/list-account-contacts';
import { FieldValue } from './field-value';
import { withRecordColumns } from './record-columns';

const TEXT_FIELDS = ['name', 'title', 'phone', 'email'] as const;

export interface ContactsTableProps {
  contacts: Contact[];
  loading: boolean;
  /** The caller's access to each contact field. */
  access: (field: string) => FieldAccess;
}

/** Contacts as far as the caller may read them: a hidden field has no column, a masked one shows the mask. */
export function ContactsTable({ contacts, loading, access }: ContactsTableProps) {
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
    <Table<Contact>
      rowKey="id"
      size="small"
      data-testid="contacts-table"
      columns={columns}
      dataSource={contacts}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('contacts.empty') }}
    />
  );
}
