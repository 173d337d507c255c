// A small React wrapper around ECharts: init on mount, setOption on change, resize with its
// box, dispose on unmount. Only the parts the dashboards use are registered (bundle size).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

export function EChart({
  option,
  onClick,
  height = 260,
  testId,
  busy = false,
  label,
  categoryAxis = 'x',
}: {
  option: ChartOption;
  onClick?: (click: ChartClick) => void;
  height?: number;
  testId?: string;
  busy?: boolean;
  /** What the picture shows, for screen readers (the card's table view has the numbers). */
  label?: string;
  /** Which axis holds the groups (y for horizontal bars). */
  categoryAxis?: 'x' | 'y';
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const categoryAxisRef = useRef(categoryAxis);
  categoryAxisRef.current = categoryAxis;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // SVG draws crisply in screenshots and print, and each bar is an element of its own.
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clickRef.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex });
    });
    // A click beside a bar or point (a short bar, a line between points) opens the group of
    // its column (or row, for horizontal bars), for the first series.
    instance.getZr().on('click', (event) => {
      if (event.target || !clickRef.current) return;
      const point = [event.offsetX, event.offsetY];
      if (!instance.containPixel('grid', point)) return;
      const [x, y] = instance.convertFromPixel('grid', point) as number[];
      const index = Math.round((categoryAxisRef.current === 'y' ? y : x) ?? Number.NaN);
      if (Number.isInteger(index) && index >= 0) clickRef.current({ seriesIndex: 0, dataIndex: index });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      data-testid={testId}
      role="img"
      aria-label={label}
      aria-busy={busy || undefined}
      style={{ width: '100%', height, opacity: busy ? 0.5 : 1, transition: 'opacity 150ms', cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
