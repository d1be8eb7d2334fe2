import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types and parts the product draws, so the lazy chunk stays small; the analytics dashboards
// (distributions, funnels, trends) need no more than these.
use([BarChart, LineChart, PieChart, FunnelChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface EChartViewProps {
  option: EChartsCoreOption;
  height?: number;
  /** Read by screen readers instead of the drawing. */
  ariaLabel: string;
  testId?: string;
  /** A click on a bar, point or funnel slice: which item of the data (drill-down). */
  onItemClick?: (item: { dataIndex: number; name: string }) => void;
}

/**
 * One ECharts instance bound to a div: created on mount, given a new option whenever it changes (replacing the old
 * one, so series that disappear go), resized with its container, disposed on unmount. SVG, so it prints sharply and
 * draws in a DOM without canvas (tests).
 */
export default function EChartView({ option, height = 320, ariaLabel, testId, onItemClick }: EChartViewProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  // The latest handler, read at click time, so a new handler does not re-create the chart.
  const onClick = useRef(onItemClick);
  useEffect(() => {
    onClick.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const div = element.current;
    if (!div) return;
    // A container not laid out yet (hidden tab, test DOM) has no width: start at a sensible one, the observer fixes it.
    const instance = init(div, undefined, { renderer: 'svg', height, width: div.clientWidth || 640 });
    chart.current = instance;
    instance.on('click', (params) => onClick.current?.({ dataIndex: params.dataIndex, name: params.name }));
    const observer = new ResizeObserver(() => instance.resize({ width: div.clientWidth || 'auto', height }));
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, height]);

  return <div ref={element} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, cursor: onItemClick ? 'pointer' : undefined }} />;
}
