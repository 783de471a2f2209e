import { useMemo } from 'react';
import type { Dashboard, Slice } from '../../shared/api/dashboard';
import { Chart, type ChartOption } from '../components/chart';
import { navigate } from '../router';

const COLORS = { overdue: '#c0392b', unfinished: '#e6a23c', closed: '#2e8b57', raised: '#1a56b0', complaints: '#8e44ad' };

/** Stacked bars of one cut (by town, watershed, industry or source): overdue, other unfinished, closed out. */
function sliceOption(slices: Slice[]): ChartOption {
  const top = slices.slice(0, 12);
  return {
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true }, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['超期', '整改中（未超期）', '已销号'] },
    xAxis: { type: 'category', data: top.map((s) => s.label), axisLabel: { interval: 0, rotate: top.length > 4 ? 30 : 0, fontSize: 11, formatter: (v: string) => (v.length > 8 ? `${v.slice(0, 8)}…` : v) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '超期', type: 'bar', stack: 'f', color: COLORS.overdue, data: top.map((s) => s.overdue) },
      { name: '整改中（未超期）', type: 'bar', stack: 'f', color: COLORS.unfinished, data: top.map((s) => s.unfinished - s.overdue) },
      { name: '已销号', type: 'bar', stack: 'f', color: COLORS.closed, data: top.map((s) => s.closed) },
    ],
  };
}

const CUTS = [
  { key: 'byTown', title: '分区域（镇街）', filter: 'townCode' },
  { key: 'byWatershed', title: '分流域', filter: 'watershedId' },
  { key: 'byIndustry', title: '分行业（门类）', filter: 'industry' },
  { key: 'bySource', title: '分来源', filter: 'sourceKind' },
] as const;

/** 分区域、分流域、分行业、分污染源 charts and the year's trend; every bar opens the findings behind it. */
export function DashboardCharts({ data }: { data: Dashboard }) {
  const options = useMemo(() => Object.fromEntries(CUTS.map((c) => [c.key, sliceOption(data[c.key])])), [data]);
  const trend = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'category', data: data.trend.map((t) => t.month) }, yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '发现问题', type: 'line', smooth: true, color: COLORS.raised, data: data.trend.map((t) => t.raised) },
      { name: '销号', type: 'line', smooth: true, color: COLORS.closed, data: data.trend.map((t) => t.closed) },
      { name: '信访件', type: 'bar', color: COLORS.complaints, barMaxWidth: 14, data: data.trend.map((t) => t.complaints) },
    ],
  }), [data]);
  return (
    <div className="chart-grid">
      {CUTS.map((c) => (
        <section key={c.key} className="card">
          <h2>问题{c.title}</h2>
          <Chart label={`问题${c.title}`} option={options[c.key]} onClick={(i) => {
            const s = data[c.key][i];
            if (s) navigate(`/findings?${c.filter}=${encodeURIComponent(s.key)}`);
          }} />
        </section>
      ))}
      <section className="card wide">
        <h2>近12个月趋势</h2>
        <Chart label="近12个月趋势" option={trend} onClick={(i) => { const m = data.trend[i]; if (m) navigate(`/findings?month=${m.month}`); }} />
      </section>
    </div>
  );
}
