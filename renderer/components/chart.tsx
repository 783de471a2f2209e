import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** An ECharts chart (canvas) that follows its box's size; a click on a bar or point reports its category index. */
export function Chart({ option, onClick, label, height = 260 }: { option: ChartOption; onClick?: (dataIndex: number) => void; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.((p as { dataIndex: number }).dataIndex));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current!);
    return () => { resize.disconnect(); c.dispose(); };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={box} role="img" aria-label={label} className="chart" style={{ height }} />;
}
