import { Breadcrumb, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { usePermissions } from '@/lib/permissions';
import { useDeleteContact } from '../api/delete-contact';
import { useAccount } from '../api/get-account';
import { useContact } from '../api/get-contact';
import { useUpdateContact, type UpdateContactBody } from '../api/update-contact';
import { RecordLoadState } from '../components/record-load-state';
import { RecordView } from '../components/record-view';
import { ActivityTimeline } from '../components/activity-timeline';

/** `/sales/contacts/:id`: one contact, its account, and what the caller may do with it. */
export function ContactPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const contact = useContact(id);
  const updateContact = useUpdateContact();
  const deleteContact = useDeleteContact();
  const accountId = contact.data?.accountId;
  // A contact may be shared with someone who cannot see its account: then the account has no name or link.
  const account = useAccount(accountId ?? '', { enabled: Boolean(accountId) && permissions.canDo('account', 'read') });

  const record = contact.data;
  if (!record) return <RecordLoadState objectType="contact" error={contact.error} />;
  const accountName = account.data ? account.data.name || t('records.unnamed') : undefined;
  const accountPath = accountId ? `/sales/accounts/${accountId}` : undefined;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/sales">{t('accounts.title')}</Link> },
          ...(accountName && accountPath ? [{ title: <Link to={accountPath}>{accountName}</Link> }] : []),
          { title: record.name || t('records.unnamed') },
        ]}
      />
      <RecordView
        objectType="contact"
        record={record}
        access={(field) => permissions.fieldAccess('contact', field)}
        // The form sends only fields of the contact form, so the generic changes are an UpdateContactDto.
        save={(changes) => updateContact.mutateAsync({ id, version: record.version, changes: changes as UpdateContactBody })}
        remove={() => deleteContact.mutateAsync({ id, version: record.version, accountId })}
        reload={() => contact.refetch()}
        onDeleted={() => void navigate(accountName && accountPath ? accountPath : '/sales')}
        deleteConflictText={t('records.delete.referenced')}
        extraDetails={
          permissions.fieldAccess('contact', 'accountId') !== 'hidden' && accountId
            ? [
                {
                  key: 'accountId',
                  label: t('records.fields.accountId'),
                  children:
                    accountName && accountPath ? (
                      <Link to={accountPath} data-testid="contact-account">
                        {accountName}
                      </Link>
                    ) : (
                      <Typography.Text type="secondary">{t('records.accountNotVisible')}</Typography.Text>
                    ),
                },
              ]
            : []
        }
      >
        <ActivityTimeline filter={{ relatedId: id }} about={{ relatedType: 'contact', relatedId: id, name: record.name || t('records.unnamed') }} />
      </RecordView>
    </>
  );
}
