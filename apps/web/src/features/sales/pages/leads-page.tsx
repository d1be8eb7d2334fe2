import { PlusOutlined, SearchOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useCreateLead, useLeads, type CreateLeadBody, type LeadSort, type LeadSource, type LeadStatus } from '../api/leads';
import { CreateRecordModal } from '../components/create-record-modal';
import { RecordImportDialog } from '../components/record-import-dialog';
import { LeadsTable } from '../components/leads-table';
import { BulkReassignButton } from '../components/record-list/bulk-reassign-button';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { SalesTabs } from '../components/sales-tabs';
import { LEAD_SOURCES, LEAD_STATUSES } from '../utils/record-fields';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** `/sales/leads`: the leads the caller may see, filtered by status and source, paged by keyset; new and imported leads. */
export function LeadsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const me = useSessionUser();
  const createLead = useCreateLead();
  const view = useListView<LeadSort>('lead');
  const { search, sort, selected } = view;
  const status = view.filters.status as LeadStatus | undefined;
  const source = view.filters.source as LeadSource | undefined;
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  // Managers reassign within their reach; the API checks every lead and the new owner.
  const canReassign = permissions.level('lead', 'reassign') !== 'none';
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const canRead = permissions.canDo('lead', 'read');
  const canSearch = isReadable(permissions.fieldAccess('lead', 'name')) && isReadable(permissions.fieldAccess('lead', 'company'));
  // Every saved filter goes to the API as it is: a filter the caller may no longer use is the API's 400 to explain.
  const params = { limit: PAGE_SIZE, ...view.filters, ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) };
  const leads = useLeads(params, { enabled: permissions.isSuccess && canRead });
  const total = leads.data?.pages[0]?.total;
  const header = (
    <PageHeader
      title={t('leads.title')}
      extra={
        <Space>
          <Can objectType="lead" action="create">
            <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="lead-import">
              {t('leads.import.button')}
            </Button>
          </Can>
          <Can objectType="lead" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="lead-new">
              {t('records.actions.newLead')}
            </Button>
          </Can>
        </Space>
      }
    />
  );

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        <PageHeader title={t('leads.title')} />
        <Card>
          <Result icon={<StopOutlined />} title={t('leads.noAccess.title')} subTitle={t('leads.noAccess.subTitle')} data-testid="leads-no-access" />
        </Card>
      </>
    );
  }

  const rows = leads.data?.pages.flatMap((page) => page.data) ?? [];
  const filters = (
    <>
      {canSearch && (
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('leads.search')}
          aria-label={t('leads.search')}
          value={search}
          onChange={(event) => view.setSearch(event.target.value)}
          style={{ maxWidth: 320 }}
          data-testid="leads-search"
        />
      )}
      {isReadable(permissions.fieldAccess('lead', 'status')) && (
        <Select
          allowClear
          placeholder={t('leads.allStatuses')}
          aria-label={t('records.fields.status')}
          value={status}
          onChange={(value?: LeadStatus) => view.setFilter('status', value)}
          style={{ minWidth: 150 }}
          options={LEAD_STATUSES.map((value) => ({ value, label: t(`leads.statuses.${value}`) }))}
          data-testid="leads-status-filter"
        />
      )}
      {isReadable(permissions.fieldAccess('lead', 'source')) && (
        <Select
          allowClear
          placeholder={t('leads.allSources')}
          aria-label={t('records.fields.source')}
          value={source}
          onChange={(value?: LeadSource) => view.setFilter('source', value)}
          style={{ minWidth: 150 }}
          options={LEAD_SOURCES.map((value) => ({ value, label: t(`leads.sources.${value}`) }))}
          data-testid="leads-source-filter"
        />
      )}
    </>
  );
  return (
    <>
      {header}
      <SalesTabs current="leads" />
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={filters}
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={canSearch ? q : ''} />}
            actions={canReassign ? <BulkReassignButton objectType="lead" selected={selected} onDone={() => view.setSelected([])} testId="leads-reassign" /> : undefined}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="leads-total">
                  {t('leads.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={leads.error} onClearFilters={view.clearFilters} />
          <LeadsTable
            leads={rows}
            loading={leads.isPending || (leads.isFetching && !leads.isFetchingNextPage)}
            access={(field) => permissions.fieldAccess('lead', field)}
            sort={sort}
            onSortChange={view.setSort}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={leads.hasNextPage}
            loadingMore={leads.isFetchingNextPage}
            onLoadMore={() => void leads.fetchNextPage()}
            loadMoreTestId="leads-load-more"
            loadMoreLabel={t('leads.loadMore')}
            {...(canReassign ? { selected, onSelectedChange: view.setSelected } : {})}
          />
        </Flex>
      </Card>
      {dialog === 'create' && (
        <CreateRecordModal
          objectType="lead"
          access={(field) => permissions.fieldAccess('lead', field)}
          // The form sends only fields of the lead form, so the generic body is a CreateLeadDto.
          create={(body) => createLead.mutateAsync(body as CreateLeadBody)}
          onCreated={(id) => void navigate(`/sales/leads/${id}`)}
          onClose={() => setDialog(null)}
          facts={[{ key: 'owner', label: t('records.fields.ownerId'), children: <UserName id={me?.id} /> }]}
        />
      )}
      {dialog === 'import' && <RecordImportDialog kind="lead" onClose={() => setDialog(null)} />}
    </>
  );
}
