import type { Input } from '../../shared/api/index';
import type { OutfallSummary } from '../../shared/api/outfalls';
import { OUTFALL_TYPE_NAMES, REMEDIATION_CATEGORIES, REMEDIATION_STATES } from '../../shared/domain/outfall-types';
import { call } from '../api';
import { TownFilter } from '../components/region-picker';
import { OptionFilter, RecordList } from '../components/record-list';
import type { Column } from '../components/virtual-table';
import { WaterBodySelect, WatershedSelect } from '../components/water-picker';
import { t } from '../i18n/zh-CN';

type Filters = { q: string; townCode: string; watershedId: string; waterBodyId: string; type: string; remediationCategory: string; remediationState: string };
const EMPTY: Filters = { q: '', townCode: '', watershedId: '', waterBodyId: '', type: '', remediationCategory: '', remediationState: '' };

const COLUMNS: Column<OutfallSummary>[] = [
  { key: 'name', title: '排污口名称', width: 'minmax(220px, 2fr)', sortable: true, render: (r) => <span className="strong">{r.name}</span> },
  { key: 'code', title: '排污口编码', width: '150px', sortable: true, render: (r) => (r.code ? <code>{r.code}</code> : <span className="muted">暂不掌握</span>) },
  { key: 'type', title: '类型 / 细类', width: 'minmax(180px, 1.4fr)', sortable: true, render: (r) => <>{r.type}<small className="sub"> {r.subType}</small></> },
  { key: 'town', title: '镇街', width: '100px', sortable: true, render: (r) => r.townName },
  { key: 'waterBody', title: '受纳水体', width: '90px', sortable: true, render: (r) => r.waterBodyName ?? '—' },
  { key: 'remediation', title: '整治', width: '150px', render: (r) => (r.remediationCategory ? <span className={`tag rem-${r.remediationState}`}>{r.remediationCategory} · {r.remediationState ?? '未开始'}</span> : '—') },
];

/** 一口一档: every 入河排污口, searchable, filtered by town, watershed, water body, type and remediation. */
export function OutfallListPage() {
  return (
    <RecordList<OutfallSummary, Filters> path="outfalls" title={t.outfall.list} newLabel={t.outfall.new}
      searchPlaceholder={t.outfall.searchPlaceholder} emptyText="没有符合条件的排污口" empty={EMPTY} columns={COLUMNS}
      fetch={(query) => call('outfalls.list', query as Input<'outfalls.list'>)}
      filters={(f, set) => (
        <>
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
          <WatershedSelect name="watershedFilter" value={f.watershedId || null} emptyLabel="全部流域" onChange={(v) => set({ watershedId: v ?? '' })} />
          <WaterBodySelect value={f.waterBodyId || null} emptyLabel="全部水体" onChange={(v) => set({ waterBodyId: v ?? '' })} />
          <OptionFilter label="排污口类型" all="全部类型" options={OUTFALL_TYPE_NAMES} value={f.type} onChange={(type) => set({ type })} />
          <OptionFilter label="整治类型" all="全部整治类型" options={REMEDIATION_CATEGORIES} value={f.remediationCategory} onChange={(remediationCategory) => set({ remediationCategory })} />
          <OptionFilter label="整治进展" all="全部进展" options={REMEDIATION_STATES} value={f.remediationState} onChange={(remediationState) => set({ remediationState })} />
        </>
      )} />
  );
}
