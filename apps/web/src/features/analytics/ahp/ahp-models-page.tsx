import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Skeleton, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { AnalyticsTabs } from '../components/analytics-tabs';
import { useAhpModels, type AhpModelRecord } from './ahp-api';

/** `/analytics/ahp`: the AHP models the caller may see, each with its consistency and best-ranked item (R-ANA-4). */
export function AhpModelsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const canRead = permissions.canDo('ahp_model', 'read');
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim(), 300);
  const models = useAhpModels(search ? { q: search } : {}, { enabled: permissions.isSuccess && canRead });
  const header = (
    <PageHeader
      title={t('ahp.title')}
      extra={
        permissions.canDo('ahp_model', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/analytics/ahp/new')} data-testid="ahp-create">
            {t('ahp.list.new')}
          </Button>
        )
      }
    />
  );
  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) return <>{header}<AnalyticsTabs current="ahp" /><Alert type="info" showIcon data-testid="ahp-no-access" title={t('ahp.list.noAccess')} /></>;

  const columns: TableProps<AhpModelRecord>['columns'] = [
    { key: 'name', title: t('ahp.list.name'), render: (_, m) => <Link to={`/analytics/ahp/${m.id}`}>{m.name}</Link> },
    { key: 'criteria', title: t('ahp.list.criteria'), align: 'right', render: (_, m) => m.criteria?.length ?? '' },
    { key: 'alternatives', title: t('ahp.list.alternatives'), align: 'right', render: (_, m) => m.alternatives?.length ?? '' },
    { key: 'cr', title: 'CR', align: 'right', render: (_, m) => (m.result ? m.result.cr.toFixed(3) : '') },
    {
      key: 'consistent',
      title: t('ahp.list.consistency'),
      render: (_, m) => m.result && <Tag color={m.result.consistent ? 'green' : 'red'}>{t(m.result.consistent ? 'ahp.list.consistent' : 'ahp.list.inconsistent')}</Tag>,
    },
    { key: 'best', title: t('ahp.list.best'), render: (_, m) => m.result?.ranking[0]?.alternative ?? '' },
  ];
  return (
    <>
      {header}
      <AnalyticsTabs current="ahp" />
      <Card>
        <Input.Search allowClear placeholder={t('ahp.list.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 320, marginBottom: 16 }} data-testid="ahp-search" />
        {models.isError && <Alert type="error" showIcon title={t('errors.generic')} />}
        <Table<AhpModelRecord>
          rowKey="id"
          data-testid="ahp-models-table"
          loading={models.isPending}
          dataSource={models.data?.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('ahp.list.empty') }}
        />
      </Card>
    </>
  );
}
