import { Alert, Descriptions, Flex, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import type { AhpCriterionResult, AhpModelResult, AhpRankedAlternative } from '@lianxi/analytics/ahp';
import type { DraftEvaluation } from './ahp-draft';
import { ConsistencyIndicator } from './consistency-indicator';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Every criterion without sub-criteria, with its global weight (what the composite index weighs). */
function leaves(criteria: AhpCriterionResult[], prefix = ''): Array<{ name: string; weight: number }> {
  return criteria.flatMap((c) => (c.subCriteria ? leaves(c.subCriteria, `${prefix}${c.name} / `) : [{ name: `${prefix}${c.name}`, weight: c.globalWeight }]));
}

/** The live result: consistency first (it decides whether the rest can be trusted), then weights and the ranking. */
export function AhpResultPanel({ evaluation }: { evaluation: DraftEvaluation }) {
  const { t } = useTranslation();
  if (!evaluation.result) {
    const { field, message } = evaluation.problem;
    return <Alert type="info" showIcon data-testid="ahp-incomplete" title={t('ahp.result.incomplete')} description={field ? `${field}: ${message}` : message} />;
  }
  return <Result result={evaluation.result} />;
}

function Result({ result }: { result: AhpModelResult }) {
  const { t } = useTranslation();
  const weights = useMemo(() => leaves(result.criteria), [result]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => percent(value) },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => percent(value) } },
      yAxis: { type: 'category', inverse: true, data: weights.map((w) => w.name) },
      series: [{ type: 'bar', data: weights.map((w) => w.weight), label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => percent(value) } }],
    }),
    [weights],
  );
  return (
    <Flex vertical gap="middle">
      <ConsistencyIndicator result={result} criteria={result.criteria.map((c) => c.name)} />
      <Descriptions size="small" column={3} bordered data-testid="ahp-figures">
        <Descriptions.Item label="λmax">{result.lambdaMax.toFixed(4)}</Descriptions.Item>
        <Descriptions.Item label="CI">{result.ci.toFixed(4)}</Descriptions.Item>
        <Descriptions.Item label="CR">
          <span data-testid="ahp-cr">{result.cr.toFixed(4)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="name"
        data-testid="ahp-weights"
        dataSource={weights}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('ahp.result.criterion') },
          { key: 'weight', title: t('ahp.result.weight'), align: 'right', render: (_, w) => percent(w.weight) },
        ]}
      />
      <EChart option={option} height={Math.max(120, 40 * weights.length)} ariaLabel={t('ahp.result.weightsChart')} testId="ahp-weights-chart" />
      <Table<AhpRankedAlternative>
        size="small"
        pagination={false}
        rowKey="index"
        data-testid="ahp-ranking"
        title={() => t('ahp.result.ranking')}
        dataSource={result.ranking}
        columns={[
          { key: 'rank', dataIndex: 'rank', title: t('ahp.result.rank'), width: 64 },
          { key: 'alternative', dataIndex: 'alternative', title: t('ahp.result.item') },
          { key: 'score', title: t('ahp.result.score'), align: 'right', render: (_, r) => r.score.toFixed(4) },
        ]}
      />
    </Flex>
  );
}
