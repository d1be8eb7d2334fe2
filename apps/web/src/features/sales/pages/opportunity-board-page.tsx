import { StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Flex, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { opportunityKeys } from '../api/keys';
import { BOARD_CLOSED_LIMIT, BOARD_LIMIT, stageName, useBoardOpportunities, usePipelines, useUpdateOpportunity, type Opportunity, type OpportunityPage } from '../api/opportunities';
import { OpportunityBoard } from '../components/opportunity-board';
import { SalesTabs } from '../components/sales-tabs';

/**
 * `/sales/opportunities/board`: the opportunities of one pipeline by stage. A move is a PATCH of `stageId` with the
 * card's version as If-Match, shown at once and undone if the server refuses; a 412 (someone changed it meanwhile)
 * reloads the board and says so.
 */
export function OpportunityBoardPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const permissions = usePermissions();
  const canRead = permissions.canDo('opportunity', 'read');
  const pipelines = usePipelines({ enabled: permissions.isSuccess && canRead });
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const pipeline = pipelines.data?.find((p) => p.id === chosen) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const board = useBoardOpportunities(pipeline?.id, { enabled: permissions.isSuccess && canRead });
  const update = useUpdateOpportunity();
  const [moving, setMoving] = useState<ReadonlySet<string>>(new Set());
  const header = <PageHeader title={t('opportunities.board')} />;

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

  async function move(opportunity: Opportunity, stageId: string) {
    if (!pipeline) return;
    const key = opportunityKeys.board(pipeline.id);
    const before = queryClient.getQueryData<OpportunityPage>(key);
    // Shown in the new column at once; the server's answer (or a reload) settles it.
    queryClient.setQueryData<OpportunityPage>(key, (page) => page && { ...page, data: page.data.map((o) => (o.id === opportunity.id ? { ...o, stageId } : o)) });
    setMoving((current) => new Set([...current, opportunity.id]));
    try {
      await update.mutateAsync({ id: opportunity.id, version: opportunity.version, changes: { stageId } });
      void message.success(t('opportunities.moved', { stage: stageName(pipeline.stages.find((s) => s.id === stageId), i18n.language) }));
    } catch (error) {
      queryClient.setQueryData(key, before);
      if (error instanceof ApiError && error.status === 412) {
        void message.warning(t('opportunities.stale'), 6);
      } else if (error instanceof ApiError && error.status === 403) {
        void message.error(t('opportunities.moveForbidden'));
      } else {
        void message.error(error instanceof ApiError ? (error.detail ?? t('opportunities.moveFailed')) : t('errors.network'));
      }
      await queryClient.invalidateQueries({ queryKey: key });
    } finally {
      setMoving((current) => new Set([...current].filter((id) => id !== opportunity.id)));
    }
  }

  const error = pipelines.error ?? board.error;
  const rows = board.data?.data ?? [];
  return (
    <>
      {header}
      <SalesTabs current="board" />
      <Card>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            {(pipelines.data?.length ?? 0) > 1 ? (
              <Select
                value={pipeline?.id}
                onChange={setChosen}
                aria-label={t('opportunities.pipeline')}
                style={{ minWidth: 200 }}
                options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: i18n.language.startsWith('zh') ? p.name : p.nameEn }))}
                data-testid="board-pipeline"
              />
            ) : (
              <Typography.Text strong>{pipeline ? (i18n.language.startsWith('zh') ? pipeline.name : pipeline.nameEn) : ''}</Typography.Text>
            )}
            <Typography.Text type="secondary">
              {t('opportunities.boardHint')} {t('opportunities.boardClosedNote', { count: BOARD_CLOSED_LIMIT })}
            </Typography.Text>
          </Flex>
          {error && <Alert type="error" showIcon title={error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          {board.data?.nextCursor && <Alert type="info" showIcon title={t('opportunities.boardTruncated', { count: BOARD_LIMIT })} />}
          {!pipeline || board.isPending ? (
            <Skeleton active />
          ) : (
            <OpportunityBoard stages={pipeline.stages} opportunities={rows} access={(field) => permissions.fieldAccess('opportunity', field)} onMove={(o, stageId) => void move(o, stageId)} moving={moving} />
          )}
        </Flex>
      </Card>
    </>
  );
}
