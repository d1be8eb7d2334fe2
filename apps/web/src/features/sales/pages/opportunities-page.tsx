import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Result, Select, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { OPPORTUNITY_STATUSES, stageName, useOpportunities, usePipelines, useStageIndex, type OpportunitySort } from '../api/opportunities';
import { OpportunitiesTable } from '../components/opportunities-table';
import { BulkReassignButton } from '../components/record-list/bulk-reassign-button';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { SalesTabs } from '../components/sales-tabs';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** `/sales/opportunities`: the opportunities the caller may see, with stage, amount, close date and owner. */
export function OpportunitiesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  // A link may open the list filtered (the analytics funnel's stage).
  const view = useListView<OpportunitySort>('opportunity', { urlFilters: ['stageId', 'pipelineId', 'status', 'ownerId'] });
  const { search, sort, selected } = view;
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const canRead = permissions.canDo('opportunity', 'read');
  const canSearch = isReadable(permissions.fieldAccess('opportunity', 'name'));
  const canFilterStage = isReadable(permissions.fieldAccess('opportunity', 'stageId'));
  const pipelines = usePipelines({ enabled: permissions.isSuccess && canRead });
  const stages = useStageIndex(pipelines.data);
  // Managers reassign within their reach; the API checks every opportunity and the new owner.
  const canReassign = permissions.level('opportunity', 'reassign') !== 'none';
  // Saved filters go to the API as they are: one the caller may no longer use is the API's 400 to explain.
  const params = { limit: PAGE_SIZE, ...view.filters, ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) };
  const opportunities = useOpportunities(params, { enabled: permissions.isSuccess && canRead });
  const total = opportunities.data?.pages[0]?.total;
  const header = <PageHeader title={t('opportunities.title')} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('opportunities.noAccess.title')} subTitle={t('opportunities.noAccess.subTitle')} data-testid="opportunities-no-access" />
        </Card>
      </>
    );
  }

  const rows = opportunities.data?.pages.flatMap((page) => page.data) ?? [];
  const filters = (
    <>
      {canSearch && (
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('opportunities.search')}
          aria-label={t('opportunities.search')}
          value={search}
          onChange={(event) => view.setSearch(event.target.value)}
          style={{ maxWidth: 320 }}
          data-testid="opportunities-search"
        />
      )}
      {canFilterStage && (
        <Select
          allowClear
          placeholder={t('opportunities.allStages')}
          aria-label={t('opportunities.stage')}
          value={view.filters.stageId}
          onChange={(value?: string) => view.setFilter('stageId', value)}
          style={{ minWidth: 180 }}
          options={(pipelines.data ?? []).map((p) => ({
            label: i18n.language.startsWith('zh') ? p.name : p.nameEn,
            options: p.stages.map((s) => ({ value: s.id, label: stageName(s, i18n.language) })),
          }))}
          data-testid="opportunities-stage-filter"
        />
      )}
      {canFilterStage && (
        <Select
          allowClear
          placeholder={t('opportunities.anyStatus')}
          aria-label={t('opportunities.statusFilter')}
          value={view.filters.status}
          onChange={(value?: string) => view.setFilter('status', value)}
          style={{ minWidth: 140 }}
          options={OPPORTUNITY_STATUSES.map((status) => ({ value: status, label: t(`opportunities.statuses.${status}`) }))}
          data-testid="opportunities-status-filter"
        />
      )}
    </>
  );
  return (
    <>
      {header}
      <SalesTabs current="opportunities" />
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={filters}
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={canSearch ? q : ''} />}
            actions={canReassign ? <BulkReassignButton objectType="opportunity" selected={selected} onDone={() => view.setSelected([])} testId="opportunities-reassign" /> : undefined}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="opportunities-total">
                  {t('opportunities.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={opportunities.error} onClearFilters={view.clearFilters} />
          <OpportunitiesTable
            opportunities={rows}
            loading={opportunities.isPending || (opportunities.isFetching && !opportunities.isFetchingNextPage)}
            stages={stages}
            access={(field) => permissions.fieldAccess('opportunity', field)}
            sort={sort}
            onSortChange={view.setSort}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={opportunities.hasNextPage}
            loadingMore={opportunities.isFetchingNextPage}
            onLoadMore={() => void opportunities.fetchNextPage()}
            loadMoreTestId="opportunities-load-more"
            loadMoreLabel={t('opportunities.loadMore')}
            {...(canReassign ? { selected, onSelectedChange: view.setSelected } : {})}
          />
        </Flex>
      </Card>
    </>
  );
}
