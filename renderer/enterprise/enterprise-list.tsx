import type { EnterpriseSummary } from '../../shared/api/enterprises';
import type { Input } from '../../shared/api/index';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../../shared/domain/enterprise-fields';
import { INDUSTRY_SECTIONS } from '../../shared/domain/industry';
import { call } from '../api';
import { TownFilter } from '../components/region-picker';
import { OptionFilter, RecordList } from '../components/record-list';
import type { Column } from '../components/virtual-table';
import { WatershedSelect } from '../components/water-picker';
import { t } from '../i18n/zh-CN';

type Filters = { q: string; townCode: string; watershedId: string; industrySection: string; permitClass: string; keyUnit: boolean; state: string };
const EMPTY: Filters = { q: '', townCode: '', watershedId: '', industrySection: '', permitClass: '', keyUnit: false, state: '' };

const COLUMNS: Column<EnterpriseSummary>[] = [
  { key: 'name', title: '单位名称', width: 'minmax(220px, 2.4fr)', sortable: true, render: (r) => <span className="strong">{r.name}</span> },
  { key: 'uscc', title: '统一社会信用代码', width: '190px', sortable: true, render: (r) => <code>{r.uscc}</code> },
  { key: 'town', title: '镇街', width: '100px', sortable: true, render: (r) => r.townName },
  { key: 'industry', title: '行业', width: 'minmax(140px, 1fr)', sortable: true, render: (r) => (r.industryCode ? `${r.industryCode} ${r.industryName}` : '—') },
  { key: 'permitClass', title: '许可类别', width: '90px', render: (r) => r.permitClass ?? '—' },
  { key: 'keyUnit', title: '重点单位', width: '80px', render: (r) => (r.keyUnit ? <span className="tag red">重点</span> : '') },
  { key: 'state', title: '状态', width: '70px', render: (r) => <span className={`tag state-${r.state}`}>{r.state}</span> },
];

/** 一企一档: every 排污单位, searchable by any part of its name or code, filtered and sorted. */
export function EnterpriseListPage() {
  return (
    <RecordList<EnterpriseSummary, Filters> path="enterprises" title={t.enterprise.list} newLabel={t.enterprise.new}
      searchPlaceholder={t.enterprise.searchPlaceholder} emptyText="没有符合条件的排污单位" empty={EMPTY} columns={COLUMNS}
      fetch={(query) => call('enterprises.list', query as Input<'enterprises.list'>)}
      filters={(f, set) => (
        <>
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
          <WatershedSelect name="watershedFilter" value={f.watershedId || null} emptyLabel="全部流域" onChange={(v) => set({ watershedId: v ?? '' })} />
          <OptionFilter label="行业门类" all="全部行业" options={Object.keys(INDUSTRY_SECTIONS)} render={(k) => `${k} ${INDUSTRY_SECTIONS[k]}`} value={f.industrySection} onChange={(industrySection) => set({ industrySection })} />
          <OptionFilter label="许可类别" all="全部许可类别" options={PERMIT_CLASSES} value={f.permitClass} onChange={(permitClass) => set({ permitClass })} />
          <OptionFilter label="生产状态" all="全部状态" options={ENTERPRISE_STATES} value={f.state} onChange={(state) => set({ state })} />
          <label className="check"><input type="checkbox" checked={f.keyUnit} onChange={(e) => set({ keyUnit: e.target.checked })} />{t.enterprise.keyUnitOnly}</label>
        </>
      )} />
  );
}
