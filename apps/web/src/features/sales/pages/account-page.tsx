import { PlusOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Can } from '@/components/can';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useCreateContact, type CreateContactBody } from '../api/create-contact';
import { useDeleteAccount } from '../api/delete-account';
import { useAccount } from '../api/get-account';
import { useAccountContacts } from '../api/list-account-contacts';
import { useAccountOpportunities, useCreateOpportunity, usePipelines, useStageIndex, type CreateOpportunityBody } from '../api/opportunities';
import { useUpdateAccount, type UpdateAccountBody } from '../api/update-account';
import { AccountReceivablesCard } from '../components/account-receivables-card';
import { ActivityTimeline } from '../components/activity-timeline';
import { ContactsTable } from '../components/contacts-table';
import { OpportunitiesTable } from '../components/opportunities-table';
import { ExportButton } from '../components/export-button';
import { CreateRecordModal } from '../components/create-record-modal';
import { MergeAccountDialog } from '../components/merge-account-dialog';
import { RecordLoadState } from '../components/record-load-state';
import { RecordView } from '../components/record-view';

const CONTACTS_PAGE_SIZE = 50;

/** `/sales/accounts/:id`: one account, what the caller may do with it, its contacts, opportunities and activity timeline. */
export function AccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const me = useSessionUser();
  const account = useAccount(id);
  const updateAccount = useUpdateAccount();
  const deleteAccount = useDeleteAccount();
  const createContact = useCreateContact();
  const [creatingContact, setCreatingContact] = useState(false);
  const canReadContacts = permissions.canDo('contact', 'read');
  const contacts = useAccountContacts(id, { limit: CONTACTS_PAGE_SIZE }, { enabled: account.isSuccess && canReadContacts });
  const createOpportunity = useCreateOpportunity();
  const [creatingOpportunity, setCreatingOpportunity] = useState(false);
  const [merging, setMerging] = useState(false);
  const canReadOpportunities = permissions.canDo('opportunity', 'read');
  const opportunities = useAccountOpportunities(id, { limit: CONTACTS_PAGE_SIZE }, { enabled: account.isSuccess && canReadOpportunities });
  const pipelines = usePipelines({ enabled: account.isSuccess && canReadOpportunities });
  const stages = useStageIndex(pipelines.data);

  const record = account.data;
  if (!record) return <RecordLoadState objectType="account" error={account.error} />;
  const accountName = record.name || t('records.unnamed');
  const contactAccess = (field: string) => permissions.fieldAccess('contact', field);

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/sales">{t('accounts.title')}</Link> }, { title: accountName }]} />
      <RecordView
        objectType="account"
        record={record}
        access={(field) => permissions.fieldAccess('account', field)}
        // The form sends only fields of the account form, so the generic changes are an UpdateAccountDto.
        save={(changes) => updateAccount.mutateAsync({ id, version: record.version, changes: changes as UpdateAccountBody })}
        remove={() => deleteAccount.mutateAsync({ id, version: record.version })}
        reload={() => account.refetch()}
        onDeleted={() => void navigate('/sales')}
        deleteConflictText={t('records.delete.referenced')}
        extraActions={
          <>
            {record.myAccess?.update && (
              <Button onClick={() => setMerging(true)} data-testid="account-merge">
                {t('accounts.merge.open')}
              </Button>
            )}
            <Can objectType="contact" action="create">
              <Button icon={<PlusOutlined />} onClick={() => setCreatingContact(true)} data-testid="contact-new">
                {t('records.actions.newContact')}
              </Button>
            </Can>
            <Can objectType="opportunity" action="create">
              <Button icon={<PlusOutlined />} onClick={() => setCreatingOpportunity(true)} data-testid="opportunity-new">
                {t('records.actions.newOpportunity')}
              </Button>
            </Can>
          </>
        }
      >
        {canReadContacts && (
          <Card
            title={t('contacts.title')}
            size="small"
            extra={<ExportButton size="small" request={{ objectType: 'contact', params: { accountId: id } }} testId="contacts-export" />}
          >
            <Flex vertical gap={12}>
              {contacts.isError && <Alert type="error" showIcon title={contacts.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
              <ContactsTable contacts={contacts.data?.pages.flatMap((page) => page.data) ?? []} loading={contacts.isPending} access={contactAccess} />
              {contacts.hasNextPage && (
                <Flex justify="center">
                  <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
                    {t('accounts.loadMore')}
                  </Button>
                </Flex>
              )}
            </Flex>
          </Card>
        )}
        {canReadOpportunities && (
          <Card title={t('opportunities.related')} size="small">
            <Flex vertical gap={12}>
              {opportunities.isError && <Alert type="error" showIcon title={opportunities.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
              <OpportunitiesTable
                testId="account-opportunities"
                opportunities={opportunities.data?.pages.flatMap((page) => page.data) ?? []}
                loading={opportunities.isPending}
                stages={stages}
                access={(field) => permissions.fieldAccess('opportunity', field)}
              />
              {opportunities.hasNextPage && (
                <Flex justify="center">
                  <Button onClick={() => void opportunities.fetchNextPage()} loading={opportunities.isFetchingNextPage}>
                    {t('opportunities.loadMore')}
                  </Button>
                </Flex>
              )}
            </Flex>
          </Card>
        )}
        <AccountReceivablesCard accountId={id} />
        <ActivityTimeline filter={{ accountId: id }} about={{ relatedType: 'account', relatedId: id, name: accountName }} />
      </RecordView>
      {creatingContact && (
        <CreateRecordModal
          objectType="contact"
          access={contactAccess}
          // The account is fixed; the form adds the contact's own fields.
          create={(body) => createContact.mutateAsync({ ...body, accountId: id } as CreateContactBody)}
          onCreated={() => setCreatingContact(false)}
          onClose={() => setCreatingContact(false)}
          facts={[
            { key: 'account', label: t('records.fields.accountId'), children: accountName },
            { key: 'owner', label: t('records.fields.ownerId'), children: <UserName id={me?.id} /> },
          ]}
        />
      )}
      {creatingOpportunity && (
        <CreateRecordModal
          objectType="opportunity"
          access={(field) => permissions.fieldAccess('opportunity', field)}
          // The account is fixed; pipeline, stage and probability take the defaults of the default pipeline.
          create={(body) => createOpportunity.mutateAsync({ ...body, accountId: id } as CreateOpportunityBody)}
          onCreated={(created) => void navigate(`/sales/opportunities/${created}`)}
          onClose={() => setCreatingOpportunity(false)}
          facts={[
            { key: 'account', label: t('records.fields.accountId'), children: accountName },
            { key: 'owner', label: t('records.fields.ownerId'), children: <UserName id={me?.id} /> },
          ]}
        />
      )}
      {merging && <MergeAccountDialog target={{ id, name: record.name, version: record.version }} onClose={() => setMerging(false)} />}
    </>
  );
}
