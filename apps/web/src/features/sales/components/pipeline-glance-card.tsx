import { Alert, Card, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@/lib/api';
import { formatMoney, useForecast, type Forecast } from '../api/opportunities';

type Scope = 'mine' | 'visible';
type Group = Forecast['groups'][number];

/**
 * The work desktop's pipeline at a glance: open and won opportunities per stage and currency, with the weighted
 * amount, all summed by the server in decimal. Managers can switch from their own to everything they see.
 */
export function PipelineGlanceCard({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useState<Scope>('mine');
  const forecast = useForecast({ groupBy: 'stage', ...(scope === 'mine' ? { ownerId: userId } : {}) });
  const zh = i18n.language.startsWith('zh');
  const columns: TableColumnsType<Group> = [
    { key: 'stage', title: t('desk.pipeline.stage'), render: (_: unknown, g) => (zh ? g.label : g.labelEn) ?? '—' },
    { key: 'count', title: t('desk.pipeline.count'), align: 'right', dataIndex: 'count' },
    { key: 'amount', title: t('desk.pipeline.amount'), align: 'right', render: (_: unknown, g) => formatMoney(g.amount, g.currency, i18n.language) },
    { key: 'weighted', title: t('desk.pipeline.weighted'), align: 'right', render: (_: unknown, g) => formatMoney(g.weightedAmount, g.currency, i18n.language) },
  ];
  return (
    <Card
      size="small"
      title={t('desk.pipeline.title')}
      extra={
        <Segmented<Scope>
          size="small"
          value={scope}
          onChange={setScope}
          options={[
            { value: 'mine', label: t('desk.pipeline.mine') },
            { value: 'visible', label: <span data-testid="desk-pipeline-visible">{t('desk.pipeline.visible')}</span> },
          ]}
        />
      }
      data-testid="desk-pipeline"
    >
      {forecast.isError && (
        <Alert type="error" showIcon title={forecast.error instanceof ApiError && forecast.error.status === 403 ? t('desk.pipeline.noAmounts') : t('errors.generic')} />
      )}
      <Table<Group>
        rowKey={(g) => `${g.key}-${g.currency}`}
        size="small"
        columns={columns}
        dataSource={forecast.data?.groups ?? []}
        loading={forecast.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('desk.pipeline.empty') }}
        footer={() => <Link to="/sales/opportunities/board">{t('desk.pipeline.board')}</Link>}
      />
    </Card>
  );
}
