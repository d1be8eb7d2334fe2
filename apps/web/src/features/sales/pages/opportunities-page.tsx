import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { stageName, useOpportunities, usePipelines, useStageIndex, type OpportunitySort } from '../api/opportunities';
import { OpportunitiesTable } from '../components/opportunities-table';
import { SalesTabs } from '../components/sales-tabs';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** `/sales/opportunities`: the opportunities the caller may see, with stage, amount, close date and owner. */
export function OpportunitiesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<OpportunitySort | undefined>(undefined);
  const [stageId, setStageId] = useState<string | undefined>(undefined);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const canRead = permissions.canDo('opportunity', 'read');
  const canSearch = isReadable(permissions.fieldAccess('opportunity', 'name'));
  const canFilterStage = isReadable(permissions.fieldAccess('opportunity', 'stageId'));
  const pipelines = usePipelines({ enabled: permissions.isSuccess && canRead });
  const stages = useStageIndex(pipelines.data);
  const params = { limit: PAGE_SIZE, ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}), ...(stageId ? { stageId } : {}) };
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
  return (
    <>
      {header}
      <SalesTabs current="opportunities" />
      <Card>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Flex gap={8} wrap>
              {canSearch && (
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder={t('opportunities.search')}
                  aria-label={t('opportunities.search')}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  style={{ maxWidth: 320 }}
                  data-testid="opportunities-search"
                />
              )}
              {canFilterStage && (
                <Select
                  allowClear
                  placeholder={t('opportunities.allStages')}
                  aria-label={t('opportunities.stage')}
                  value={stageId}
                  onChange={setStageId}
                  style={{ minWidth: 180 }}
                  options={(pipelines.data ?? []).map((p) => ({
                    label: i18n.language.startsWith('zh') ? p.name : p.nameEn,
                    options: p.stages.map((s) => ({ value: s.id, label: stageName(s, i18n.language) })),
                  }))}
                  data-testid="opportunities-stage-filter"
                />
              )}
            </Flex>
            {total !== undefined && (
              <Typography.Text type="secondary" data-testid="opportunities-total">
                {t('opportunities.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
              </Typography.Text>
            )}
          </Flex>
          {opportunities.isError && <Alert type="error" showIcon title={opportunities.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <OpportunitiesTable
            opportunities={rows}
            loading={opportunities.isPending || (opportunities.isFetching && !opportunities.isFetchingNextPage)}
            stages={stages}
            access={(field) => permissions.fieldAccess('opportunity', field)}
            sort={sort}
            onSortChange={setSort}
          />
          {opportunities.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void opportunities.fetchNextPage()} loading={opportunities.isFetchingNextPage} data-testid="opportunities-load-more">
                {t('opportunities.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
