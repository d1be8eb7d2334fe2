import { Alert, Card, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EChart } from '@/components/charts/echart';
import { formatMoney } from '@/lib/money';
import { localizedName } from '@/lib/localized';
import { formatRatio, type FunnelStage, useFunnel } from '../api/dashboard';
import type { ReportWindow } from './report-window';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * The pipeline funnel of the opportunities created in the window: how many reached each stage, their amount, the
 * conversion from the stage before and the share won. A stage opens the opportunities now in it.
 */
export function FunnelCard({ window }: { window: ReportWindow }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const funnel = useFunnel({ from: window.from, to: window.to, currency: window.currency });
  const data = funnel.data;
  // The funnel narrows over the open stages to won; the lost count stands beside it in the table.
  const shape = useMemo(() => data?.stages.filter((stage) => stage.kind !== 'lost') ?? [], [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          name: t('analytics.funnelTitle'),
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          label: { show: true, position: 'inside' },
          data: shape.map((stage) => ({ name: `${localizedName(stage, i18n.language)} ${stage.reached}`, value: stage.reached })),
        },
      ],
    }),
    [shape, i18n.language, t],
  );
  const open = (stage: FunnelStage | undefined) => {
    if (stage && data) void navigate(`/sales/opportunities?${new URLSearchParams({ pipelineId: data.pipelineId, stageId: stage.stageId })}`);
  };

  return (
    <Card size="small" title={t('analytics.funnelTitle')} data-testid="analytics-funnel">
      {funnel.error ? (
        <Alert type="error" showIcon title={t('analytics.failed')} description={funnel.error.message} />
      ) : (
        data && (
          <>
            {data.total > 0 ? (
              <EChart option={option} height={260} ariaLabel={t('analytics.funnelTitle')} testId="analytics-funnel-chart" onItemClick={({ dataIndex }) => open(shape[dataIndex])} />
            ) : (
              <Alert type="info" title={t('analytics.noOpportunities')} />
            )}
            <Table<FunnelStage>
              data-testid="analytics-funnel-table"
              size="small"
              rowKey="stageId"
              pagination={false}
              dataSource={data.stages}
              onRow={(stage) => ({ onClick: () => open(stage), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('analytics.stage'), key: 'stage', render: (_, stage) => localizedName(stage, i18n.language) },
                { title: t('analytics.reached'), dataIndex: 'reached', key: 'reached', align: 'right', render: (value: number) => <span style={numeric}>{value}</span> },
                { title: t('analytics.amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: (value: string) => <span style={numeric}>{formatMoney(value, data.currency, i18n.language)}</span> },
                { title: t('analytics.conversion'), dataIndex: 'conversionRate', key: 'conversionRate', align: 'right', render: (value: string | null) => formatRatio(value) },
                { title: t('analytics.winRate'), dataIndex: 'winRate', key: 'winRate', align: 'right', render: (value: string | null) => formatRatio(value) },
              ]}
            />
          </>
        )
      )}
    </Card>
  );
}
