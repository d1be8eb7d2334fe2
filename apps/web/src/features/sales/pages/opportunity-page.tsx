import { Alert, App, Breadcrumb, Card, Select, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useAccount } from '../api/get-account';
import { stageName, useDeleteOpportunity, useOpportunity, usePipelines, useStageHistory, useStageIndex, useUpdateOpportunity, type UpdateOpportunityBody } from '../api/opportunities';
import { RecordLoadState } from '../components/record-load-state';
import { RecordView } from '../components/record-view';
import { ActivityTimeline } from '../components/activity-timeline';

/** `/sales/opportunities/:id`: one opportunity, its account, its stage (changeable in place) and its stage history. */
export function OpportunityPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const opportunity = useOpportunity(id);
  const update = useUpdateOpportunity();
  const remove = useDeleteOpportunity();
  const pipelines = usePipelines({ enabled: opportunity.isSuccess });
  const stages = useStageIndex(pipelines.data);
  const history = useStageHistory(id, { enabled: opportunity.isSuccess });
  const accountId = opportunity.data?.accountId;
  const account = useAccount(accountId ?? '', { enabled: Boolean(accountId) && permissions.canDo('account', 'read') });

  const record = opportunity.data;
  if (!record) return <RecordLoadState objectType="opportunity" error={opportunity.error} />;
  const access = (field: string) => permissions.fieldAccess('opportunity', field);
  const pipeline = pipelines.data?.find((p) => p.id === record.pipelineId);
  const accountName = account.data ? account.data.name || t('records.unnamed') : undefined;
  const canMove = Boolean(record.myAccess?.update && record.myAccess.editableFields.includes('stageId'));

  async function changeStage(stageId: string) {
    if (!record) return;
    try {
      await update.mutateAsync({ id, version: record.version, changes: { stageId } });
      void message.success(t('opportunities.moved', { stage: stageName(stages.get(stageId), i18n.language) }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        void opportunity.refetch();
        return void message.warning(t('records.delete.conflict'), 6);
      }
      void message.error(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  const stageItem =
    access('stageId') === 'hidden'
      ? []
      : [
          {
            key: 'stageId',
            label: t('records.fields.stageId'),
            children: canMove && pipeline ? (
              <Select
                size="small"
                value={record.stageId}
                onChange={(value) => void changeStage(value)}
                loading={update.isPending}
                style={{ minWidth: 160 }}
                aria-label={t('opportunities.changeStage')}
                options={pipeline.stages.map((s) => ({ value: s.id, label: stageName(s, i18n.language) }))}
                data-testid="opportunity-stage"
              />
            ) : (
              <span data-testid="opportunity-stage">{stageName(record.stageId ? stages.get(record.stageId) : undefined, i18n.language)}</span>
            ),
          },
        ];
  const accountItem =
    access('accountId') !== 'hidden' && accountId
      ? [
          {
            key: 'accountId',
            label: t('records.fields.accountId'),
            children: accountName ? (
              <Link to={`/sales/accounts/${accountId}`} data-testid="opportunity-account">
                {accountName}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('records.accountNotVisible')}</Typography.Text>
            ),
          },
        ]
      : [];
  const competitorItem =
    access('competitors') !== 'hidden' && record.competitors?.length
      ? [{ key: 'competitors', label: t('records.fields.competitors'), children: record.competitors.map((c) => <Tag key={c}>{c}</Tag>) }]
      : [];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/sales/opportunities">{t('opportunities.title')}</Link> }, { title: record.name || t('records.unnamed') }]}
      />
      <RecordView
        objectType="opportunity"
        record={record}
        access={access}
        // The form sends only fields of the opportunity form, so the generic changes are an UpdateOpportunityDto.
        save={(changes) => update.mutateAsync({ id, version: record.version, changes: changes as UpdateOpportunityBody })}
        remove={() => remove.mutateAsync({ id, version: record.version })}
        reload={() => opportunity.refetch()}
        onDeleted={() => void navigate('/sales/opportunities')}
        deleteConflictText={t('records.delete.referenced')}
        extraDetails={[...accountItem, ...stageItem, ...competitorItem]}
      >
        {access('stageId') !== 'hidden' && (
          <Card title={t('opportunities.stageHistory')} size="small" data-testid="stage-history">
            {history.isError && <Alert type="error" showIcon title={t('errors.generic')} />}
            {history.data && history.data.length === 0 && <Typography.Text type="secondary">{t('opportunities.historyEmpty')}</Typography.Text>}
            <Timeline
              items={(history.data ?? []).map((change) => ({
                key: change.id,
                children: (
                  <>
                    <div>
                      {change.fromStageId
                        ? t('opportunities.historyMoved', { from: stageName(stages.get(change.fromStageId), i18n.language), to: stageName(stages.get(change.toStageId), i18n.language) })
                        : t('opportunities.historyCreated', { to: stageName(stages.get(change.toStageId), i18n.language) })}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(change.changedAt).toLocaleString(i18n.language)} · <UserName id={change.changedBy} />
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        )}
        <ActivityTimeline filter={{ relatedId: id }} about={{ relatedType: 'opportunity', relatedId: id, name: record.name || t('records.unnamed') }} />
      </RecordView>
    </>
  );
}
