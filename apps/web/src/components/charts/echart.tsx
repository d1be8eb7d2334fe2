import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { EChartViewProps } from './echart-view';

export type { EChartViewProps } from './echart-view';

// ECharts is several hundred kilobytes: pages load it only when they first draw a chart.
const EChartView = lazy(() => import('./echart-view'));

/** A chart from an ECharts option, loaded on first use. */
export function EChart(props: EChartViewProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChartView {...props} />
    </Suspense>
  );
}
