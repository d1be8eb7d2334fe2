import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Anchor, Breadcrumb, Button, Card, Col, Flex, Row, Segmented, Space } from 'antd';
import { useMemo, useState } from 'react';
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
import { useAccountSummary } from '../api/account-360';
import { AccountReceivablesCard, useReadsReceivables } from '../components/account-receivables-card';
import { ActivityTimeline } from '../components/activity-timeline';
import { ContactsTable } from '../components/contacts-table';
import { RecordImportDialog } from '../components/record-import-dialog';
import { OpportunitiesTable } from '../components/opportunities-table';
import { ExportButton } from '../components/export-button';
import { CreateRecordModal } from '../components/create-record-modal';
import { MergeAccountDialog } from '../components/merge-account-dialog';
import { RecordLoadState } from '../components/record-load-state';
import { RecordView } from '../components/record-view';
import { AccountOrdersCard, AccountPaymentsCard, AccountQuotesCard, ComingCard } from './account-page-cards';
import { AccountSummary } from './account-page-summary';

const CONTACTS_PAGE_SIZE = 50;
/** The largest page the API serves (the key figures come from the server, over every opportunity). */
const OPPORTUNITIES_PAGE_SIZE = 200;

type OpportunityFilter = 'all' | 'open' | 'won' | 'lost';

/**
 * `/sales/accounts/:id`, the account 360° page: the record and what the caller may do with it, its key figures, and
 * every related list the caller may read (contacts, opportunities, quotes, orders, payments, receivables, activity),
 * with the service cases and campaign responses in place for the modules that fill them. Cards stack on a phone.
 */
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
  const [importingContacts, setImportingContacts] = useState(false);
  const canReadOpportunities = permissions.canDo('opportunity', 'read');
  const opportunities = useAccountOpportunities(id, { limit: OPPORTUNITIES_PAGE_SIZE }, { enabled: account.isSuccess && canReadOpportunities });
  const pipelines = usePipelines({ enabled: account.isSuccess && canReadOpportunities });
  const stages = useStageIndex(pipelines.data);
  const [opportunityFilter, setOpportunityFilter] = useState<OpportunityFilter>('all');
  const canReadQuotes = permissions.canDo('quote', 'read');
  const canReadOrders = permissions.canDo('order', 'read');
  // A payment is visible with its order: both rights, as the API checks.
  const canReadPayments = canReadOrders && permissions.canDo('payment', 'read');
  const readsReceivables = useReadsReceivables();
  // The key figures, computed by the server over every record the caller may read: one request.
  const summary = useAccountSummary(id, { enabled: account.isSuccess });
  const opportunityRows = useMemo(() => opportunities.data?.pages.flatMap((page) => page.data) ?? [], [opportunities.data]);
  const kindOf = (stageId: string | undefined) => (stageId ? stages.get(stageId)?.kind : undefined);
  const countOf = (filter: OpportunityFilter) => (filter === 'all' ? opportunityRows.length : opportunityRows.filter((o) => kindOf(o.stageId) === filter).length);
  const shownOpportunities = opportunityFilter === 'all' ? opportunityRows : opportunityRows.filter((o) => kindOf(o.stageId) === opportunityFilter);

  const record = account.data;
  if (!record) return <RecordLoadState objectType="account" error={account.error} />;
  const accountName = record.name || t('records.unnamed');
  const contactAccess = (field: string) => permissions.fieldAccess('contact', field);
  // The sections the caller may read, for the jump links on top (the page is long, above all on a phone).
  const sections = [
    { key: 'contacts', show: canReadContacts, title: t('contacts.title') },
    { key: 'opportunities', show: canReadOpportunities, title: t('opportunities.related') },
    { key: 'quotes', show: canReadQuotes, title: t('quotes.title') },
    { key: 'orders', show: canReadOrders, title: t('orders.title') },
    { key: 'payments', show: canReadPayments, title: t('orders.payments.title') },
    { key: 'receivables', show: readsReceivables, title: t('receivables.title') },
    { key: 'cases', show: true, title: t('accounts.view360.cases.title') },
    { key: 'campaigns', show: true, title: t('accounts.view360.campaigns.title') },
    { key: 'activity', show: true, title: t('accounts.view360.activity') },
  ].filter((section) => section.show);
  const half = { xs: 24, xl: 12 };

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
        summary={
          <>
            <AccountSummary summary={summary.data} />
            {/* The links scroll sideways on a phone rather than being cut off. */}
            <div style={{ overflowX: 'auto' }} data-testid="account-sections">
              <Anchor
                direction="horizontal"
                affix={false}
                items={sections.map((section) => ({ key: section.key, href: `#account-${section.key}`, title: section.title }))}
              />
            </div>
          </>
        }
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
            id="account-contacts"
            title={t('contacts.title')}
            size="small"
            extra={
              <Space size={4} wrap>
                <Can objectType="contact" action="create">
                  <Button size="small" icon={<UploadOutlined />} onClick={() => setImportingContacts(true)} data-testid="contact-import">
                    {t('imports.button')}
                  </Button>
                </Can>
                <ExportButton size="small" request={{ objectType: 'contact', params: { accountId: id } }} testId="contacts-export" />
              </Space>
            }
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
          <Card id="account-opportunities" title={t('opportunities.related')} size="small">
            <Flex vertical gap={12}>
              <Segmented<OpportunityFilter>
                data-testid="account-opportunities-filter"
                value={opportunityFilter}
                onChange={setOpportunityFilter}
                options={(['all', 'open', 'won', 'lost'] as const).map((filter) => ({ value: filter, label: `${t(`accounts.view360.opportunities.${filter}`)} (${countOf(filter)})` }))}
              />
              {opportunities.isError && <Alert type="error" showIcon title={opportunities.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
              <OpportunitiesTable
                testId="account-opportunities"
                opportunities={shownOpportunities}
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
        <Row gutter={[16, 16]}>
          {canReadQuotes && (
            <Col {...half}>
              <AccountQuotesCard accountId={id} id="account-quotes" />
            </Col>
          )}
          {canReadOrders && (
            <Col {...half}>
              <AccountOrdersCard accountId={id} id="account-orders" />
            </Col>
          )}
          {canReadPayments && (
            <Col {...half}>
              <AccountPaymentsCard accountId={id} id="account-payments" />
            </Col>
          )}
          {readsReceivables && (
            <Col {...half} id="account-receivables">
              <AccountReceivablesCard accountId={id} />
            </Col>
          )}
          <Col {...half}>
            <ComingCard id="account-cases" testId="account-cases" title={t('accounts.view360.cases.title')} text={t('accounts.view360.cases.coming')} />
          </Col>
          <Col {...half}>
            <ComingCard id="account-campaigns" testId="account-campaigns" title={t('accounts.view360.campaigns.title')} text={t('accounts.view360.campaigns.coming')} />
          </Col>
        </Row>
        <div id="account-activity">
          <ActivityTimeline filter={{ accountId: id }} about={{ relatedType: 'account', relatedId: id, name: accountName }} />
        </div>
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
      {importingContacts && <RecordImportDialog kind="contact" accountId={id} onClose={() => setImportingContacts(false)} />}
      {merging && <MergeAccountDialog target={{ id, name: record.name, version: record.version }} onClose={() => setMerging(false)} />}
    </>
  );
}
