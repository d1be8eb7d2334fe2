import { Alert, Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import { ApiError } from '@/lib/api';
import { formatMoney } from '@/lib/money';
import { formatRatio } from '../api/dashboard';
import {
  itemCsvRows,
  metricsOf,
  metricValue,
  periodCsvRows,
  type SatisfactionItem,
  type SatisfactionMetric,
  type SatisfactionParams,
  type SatisfactionPeriod,
  useSatisfactionReport,
  useSatisfactionRights,
} from '../api/satisfaction';
import { CsvButton } from './export-button';
import type { ReportWindow } from './report-window';
import { SatisfactionCustomersDrawer, type SatisfactionDrill } from './satisfaction-customers-drawer';

type Period = NonNullable<SatisfactionParams['period']>;
type ItemBy = NonNullable<SatisfactionParams['itemBy']>;
const PERIODS: Period[] = ['month', 'quarter', 'year'];
const numeric = { fontVariantNumeric: 'tabular-nums' } as const;
/** The period figures that open the customers behind them. */
const DRILLABLE: Partial<Record<SatisfactionMetric, 'churned' | 'attracted'>> = { churnedCustomers: 'churned', attractedCustomers: 'attracted' };

/**
 * Satisfaction and activity (R-ANA-3) over the customers the caller may see: referrals per existing customer, service
 * frequency, churned and attracted customers, average revenue per service item — per period with the growth over the
 * one before, as a chart of the chosen metric, a table of all of them and the breakdown per service item. Revenue
 * figures only for who may read the lines' totals (the quality inspector sees the counts). A period's lost or attracted
 * customers, and an item's attracted ones, open the customers behind the count (a drawer, exportable).
 */
export function SatisfactionCard({ window }: { window: ReportWindow }) {
  const { t, i18n } = useTranslation();
  const rights = useSatisfactionRights();
  const [period, setPeriod] = useState<Period>('quarter');
  const [itemBy, setItemBy] = useState<ItemBy>('category');
  const [chosen, setChosen] = useState<SatisfactionMetric>('serviceFrequency');
  const [drill, setDrill] = useState<SatisfactionDrill | undefined>(undefined);
  const report = useSatisfactionReport(
    { from: window.from, to: window.to, period, itemBy, currency: window.currency, ...(rights.revenue ? { include: 'revenue' as const } : {}) },
    { enabled: rights.counts },
  );
  const data = report.data;
  const metrics = data ? metricsOf(data) : [];
  const metric = metrics.includes(chosen) ? chosen : 'serviceFrequency';
  const zh = i18n.language.startsWith('zh');
  const labelOf = useCallback((item: SatisfactionItem) => (zh ? item.label : item.labelEn), [zh]);
  const money = (value: string | null) => (value === null ? '—' : formatMoney(value, data?.currency, i18n.language));
  const show = (m: SatisfactionMetric, value: string | number | null) => (value === null ? '—' : m === 'averageRevenuePerItem' ? money(String(value)) : String(value));

  const option = useMemo(() => {
    if (!data) return null;
    const name = t(`analytics.satisfaction.metric.${metric}`);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: data.periods.map((p) => p.key) },
      yAxis: [
        { type: 'value', name: metric === 'averageRevenuePerItem' ? data.currency : '' },
        { type: 'value', name: '%', splitLine: { show: false } },
      ],
      series: [
        { name, type: 'bar', data: data.periods.map((p) => (metricValue(p, metric).value === null ? null : Number(metricValue(p, metric).value))) },
        // The server's 4-decimal growth ratios; a period after a zero has none (a gap, not 0).
        { name: t('analytics.growth'), type: 'line', yAxisIndex: 1, connectNulls: false, data: data.periods.map((p) => { const g = metricValue(p, metric).growth; return g === null ? null : Number(g) * 100; }) },
      ],
    };
  }, [data, metric, t]);

  const forbidden = !rights.loading && !rights.counts;
  const refused = report.error instanceof ApiError && report.error.status === 403;
  const latest = data?.periods.at(-1);
  const name = `satisfaction-${window.from}-${window.to}-${period}`;

  const periodColumns: ColumnsType<SatisfactionPeriod> = [
    { title: t('analytics.satisfaction.period'), key: 'key', dataIndex: 'key' },
    { title: t('analytics.satisfaction.existingCustomers'), key: 'existing', align: 'right', render: (_, p) => <span style={numeric}>{p.existingCustomers}</span> },
    { title: t('analytics.satisfaction.activeCustomers'), key: 'active', align: 'right', render: (_, p) => <span style={numeric}>{p.activeCustomers}</span> },
    ...metrics.map((m) => ({
      title: t(`analytics.satisfaction.metric.${m}`),
      key: m,
      align: 'right' as const,
      render: (_: unknown, p: SatisfactionPeriod) => {
        const { value, growth } = metricValue(p, m);
        const kind = DRILLABLE[m];
        const shown = kind && typeof value === 'number' && value > 0
          ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', ...numeric }}
                onClick={() => setDrill({ params: { from: window.from, to: window.to, period, kind, start: p.start }, title: t(`analytics.satisfaction.drill.${kind}`, { period: p.key }) })}
                data-testid={`satisfaction-drill-${kind}-${p.key}`}
              >
                {show(m, value)}
              </Button>
            )
          : show(m, value);
        return (
          <span style={numeric}>
            {shown} <Typography.Text type="secondary">({formatRatio(growth)})</Typography.Text>
          </span>
        );
      },
    })),
    { title: t('analytics.satisfaction.churnRate'), key: 'churnRate', align: 'right', render: (_, p) => <span style={numeric}>{formatRatio(p.churnRate)}</span> },
  ];
  const itemColumns: ColumnsType<SatisfactionItem> = [
    { title: t(`analytics.satisfaction.itemBy.${itemBy}`), key: 'item', render: (_, item) => labelOf(item) },
    {
      title: t('analytics.satisfaction.attracted'),
      key: 'attracted',
      align: 'right',
      render: (_, item) =>
        item.attractedCustomers > 0 && data ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', ...numeric }}
            onClick={() => setDrill({ params: { from: window.from, to: window.to, period, kind: 'attracted', itemBy, item: item.key }, title: t('analytics.satisfaction.drill.item', { item: labelOf(item), from: data.from, to: data.to }) })}
            data-testid={`satisfaction-drill-item-${item.key}`}
          >
            {item.attractedCustomers}
          </Button>
        ) : (
          <span style={numeric}>{item.attractedCustomers}</span>
        ),
    },
    ...(data?.withRevenue
      ? ([
          { title: t('analytics.satisfaction.revenue'), key: 'revenue', align: 'right', render: (_, item) => <span style={numeric}>{money(item.revenue)}</span> },
          { title: t('analytics.satisfaction.perUnit'), key: 'perUnit', align: 'right', render: (_, item) => <span style={numeric}>{money(item.averageRevenuePerUnit)}</span> },
          { title: t('analytics.satisfaction.perCustomer'), key: 'perCustomer', align: 'right', render: (_, item) => <span style={numeric}>{money(item.averageRevenuePerCustomer)}</span> },
        ] satisfies ColumnsType<SatisfactionItem>)
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('analytics.satisfaction.title')}
      data-testid="analytics-satisfaction"
      extra={
        !forbidden && (
          <Flex gap={8} wrap>
            <Segmented<Period> size="small" value={period} onChange={setPeriod} options={PERIODS.map((value) => ({ value, label: t(`analytics.satisfaction.periodOf.${value}`) }))} data-testid="satisfaction-period" />
            <Select<ItemBy> size="small" value={itemBy} onChange={setItemBy} aria-label={t('analytics.satisfaction.item')} options={(['category', 'product'] as const).map((value) => ({ value, label: t(`analytics.satisfaction.itemBy.${value}`) }))} style={{ width: 110 }} />
            <CsvButton rows={data ? () => periodCsvRows(data, t) : undefined} name={name} testId="satisfaction-export" />
            <CsvButton rows={data ? () => itemCsvRows(data, t, labelOf) : undefined} name={`${name}-${itemBy}`} testId="satisfaction-items-export" label={t('analytics.satisfaction.exportItems')} />
          </Flex>
        )
      }
    >
      {forbidden || refused ? (
        <Alert type="info" showIcon title={t('analytics.satisfaction.forbidden')} description={refused ? report.error?.message : undefined} data-testid="satisfaction-forbidden" />
      ) : report.error ? (
        <Alert type="error" showIcon title={t('analytics.failed')} description={report.error.message} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t('analytics.satisfaction.hint')}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            {(data ? metrics : (['serviceFrequency', 'churnedCustomers', 'attractedCustomers'] as const)).map((m) => (
              <Col xs={12} md={8} xl={Math.max(4, Math.floor(24 / Math.max(metrics.length, 3)))} key={m}>
                <Statistic
                  title={`${t(`analytics.satisfaction.metric.${m}`)}${latest ? ` · ${latest.key}` : ''}`}
                  value={latest ? show(m, metricValue(latest, m).value) : '—'}
                  suffix={latest ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatRatio(metricValue(latest, m).growth)}</Typography.Text> : undefined}
                  loading={!data}
                  styles={{ content: { fontSize: 20 } }}
                  data-testid={`satisfaction-${m}`}
                />
              </Col>
            ))}
          </Row>
          {data && (
            <>
              <Segmented<SatisfactionMetric>
                size="small"
                value={metric}
                onChange={setChosen}
                options={metrics.map((value) => ({ value, label: <span data-testid={`satisfaction-metric-${value}`}>{t(`analytics.satisfaction.metric.${value}`)}</span> }))}
                style={{ marginBottom: 8 }}
              />
              {option && <EChart option={option} height={260} ariaLabel={t('analytics.satisfaction.title')} testId="satisfaction-chart" />}
              <Table<SatisfactionPeriod> data-testid="satisfaction-table" size="small" rowKey="key" columns={periodColumns} dataSource={data.periods} pagination={data.periods.length > 12 ? { pageSize: 12, showSizeChanger: false } : false} scroll={{ x: 'max-content' }} />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('analytics.satisfaction.itemsTitle', { item: t(`analytics.satisfaction.itemBy.${itemBy}`) })}
              </Typography.Title>
              <Table<SatisfactionItem> data-testid="satisfaction-items" size="small" rowKey="key" columns={itemColumns} dataSource={data.items} pagination={data.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('analytics.satisfaction.noItems') }} />
            </>
          )}
        </>
      )}
      <SatisfactionCustomersDrawer drill={drill} onClose={() => setDrill(undefined)} />
    </Card>
  );
}
