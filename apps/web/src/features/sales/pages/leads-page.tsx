import { PlusOutlined, SearchOutlined, StopOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useCreateLead, useLeads, useReassignLeads, type CreateLeadBody, type LeadSort, type LeadSource, type LeadStatus } from '../api/leads';
import { CreateRecordModal } from '../components/create-record-modal';
import { LeadImportDialog } from '../components/lead-import-dialog';
import { LeadsTable } from '../components/leads-table';
import { ReassignModal } from '../components/reassign-modal';
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
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<LeadSort | undefined>(undefined);
  const [status, setStatus] = useState<LeadStatus | undefined>(undefined);
  const [source, setSource] = useState<LeadSource | undefined>(undefined);
  const [dialog, setDialog] = useState<'create' | 'import' | 'reassign' | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const reassign = useReassignLeads();
  // Managers reassign within their reach; the API checks every lead and the new owner.
  const canReassign = permissions.level('lead', 'reassign') !== 'none';
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const canRead = permissions.canDo('lead', 'read');
  const canSearch = isReadable(permissions.fieldAccess('lead', 'name')) && isReadable(permissions.fieldAccess('lead', 'company'));
  const params = { limit: PAGE_SIZE, ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}), ...(status ? { status } : {}), ...(source ? { source } : {}) };
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
  return (
    <>
      {header}
      <SalesTabs current="leads" />
      <Card>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Flex gap={8} wrap>
              {canSearch && (
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder={t('leads.search')}
                  aria-label={t('leads.search')}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
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
                  onChange={setStatus}
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
                  onChange={setSource}
                  style={{ minWidth: 150 }}
                  options={LEAD_SOURCES.map((value) => ({ value, label: t(`leads.sources.${value}`) }))}
                  data-testid="leads-source-filter"
                />
              )}
            </Flex>
            {canReassign && selected.length > 0 && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('reassign')} data-testid="leads-reassign">
                {t('leads.reassignSelected', { count: selected.length })}
              </Button>
            )}
            {total !== undefined && (
              <Typography.Text type="secondary" data-testid="leads-total">
                {t('leads.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
              </Typography.Text>
            )}
          </Flex>
          {leads.isError && <Alert type="error" showIcon title={leads.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <LeadsTable
            leads={rows}
            loading={leads.isPending || (leads.isFetching && !leads.isFetchingNextPage)}
            access={(field) => permissions.fieldAccess('lead', field)}
            sort={sort}
            onSortChange={setSort}
            {...(canReassign ? { selected, onSelectedChange: setSelected } : {})}
          />
          {leads.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void leads.fetchNextPage()} loading={leads.isFetchingNextPage} data-testid="leads-load-more">
                {t('leads.loadMore')}
              </Button>
            </Flex>
          )}
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
      {dialog === 'import' && <LeadImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'reassign' && (
        <ReassignModal
          ownerId={undefined}
          save={async (ownerId) => {
            await reassign.mutateAsync({ ids: selected, ownerId });
            setSelected([]);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
