import { limitsOfTarget } from '../../shared/standards/discharge-standards';
import { useState } from 'react';
import type { Outfall } from '../../shared/api/outfalls';
import type { Warning } from '../../shared/api/result';
import { labelOf } from '../../shared/api/labels';
import { call } from '../api';
import { CoordinateDetails } from '../components/coordinate-inputs';
import { Detail, DetailsCard } from '../components/field';
import { HistoryList } from '../components/history-list';
import { TargetInspections } from '../inspection/target-history';
import { useRecord } from '../components/use-record';
import { takeFlashWarnings } from '../flash';
import { t } from '../i18n/zh-CN';
import { navigate } from '../router';

const L = (field: string) => labelOf(field, 'outfall');

/** 一口一档: every field of one 入河排污口 across 查、测、溯、治, and its change history. */
export function OutfallDetailPage({ id }: { id: string }) {
  const { record: o, error, remove } = useRecord<Outfall>(id, (x) => call('outfalls.get', { id: x }), (x) => call('outfalls.remove', { id: x }), '/outfalls');
  const [warnings] = useState<Warning[]>(takeFlashWarnings);
  if (error) return <div className="page"><p className="banner error">{error}</p><button onClick={() => navigate('/outfalls')}>{t.common.back}</button></div>;
  if (!o) return <div className="page muted">{t.common.loading}</div>;
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/outfalls')}>← {t.common.back}</button>
        <h1>{o.name}</h1>
        <span className="tag">{o.type}</span>
        <span className="spacer" />
        {o.reference ? <span className="tag" data-testid="reference-tag">他镇记录 · 只读</span> : <>
          <button className="primary" onClick={() => navigate(`/outfalls/${id}/edit`)}>{t.common.edit}</button>
          <button className="danger" onClick={() => void remove()}>{t.common.remove}</button>
        </>}
      </header>
      {warnings.map((w, i) => <p key={i} className="banner warning">{w.message}</p>)}
      {o.reference && <p className="banner info" role="note" data-testid="reference-note">{o.reference}</p>}
      <div className="detail-layout">
        <div>
          <DetailsCard title={t.outfall.sections.basic}>
            <Detail label={L('name')}>{o.name}</Detail>
            <Detail label={L('code')}><code>{o.code}</code></Detail>
            <Detail label={L('localCode')}><code>{o.localCode}</code></Detail>
            <Detail label={L('codeState')}>{o.codeState}</Detail>
            <Detail label={L('type')}>{o.type}</Detail>
            <Detail label={L('subType')}>{o.subType}</Detail>
            <Detail label={L('entryMode')}>{o.entryMode}</Detail>
            <Detail label={L('dischargePattern')}>{o.dischargePattern}</Detail>
          </DetailsCard>
          <DetailsCard title={t.outfall.sections.water}>
            <Detail label={L('waterBodyId')}>{o.waterBodyName}</Detail>
            <Detail label={L('watershedId')}>{o.watershedName}</Detail>
            <Detail label={L('townCode')}>{o.townName}</Detail>
            <Detail label={L('villageCode')}>{o.villageName}</Detail>
            <CoordinateDetails lon={o.lon} lat={o.lat} />
            <Detail label={L('nearestSection')}>{o.nearestSection}</Detail>
            <Detail label="距断面距离">{o.sectionDistanceKm === null ? '' : `${o.sectionDistanceKm} km`}</Detail>
            <Detail label="执行标准（排放限值）">{limitsOfTarget(o.dischargeStandard, o.permitLimits)?.name ?? (o.enterpriseId ? '未设定（按责任主体的执行标准）' : '未设定')}</Detail>
          </DetailsCard>
          <DetailsCard title={t.outfall.sections.trace}>
            <Detail label={L('responsibleKind')}>{o.responsibleKind ?? (o.enterpriseId ? '企业' : '尚未查明')}</Detail>
            <Detail label="责任主体">{o.enterpriseId ? <a href={`#/enterprises/${o.enterpriseId}`}>{o.enterpriseName}</a> : o.responsibleName}</Detail>
            <Detail label={L('responsibleUscc')}><code>{o.responsibleUscc}</code></Detail>
            <Detail label="联系人 / 电话">{[o.responsibleContact, o.responsiblePhone].filter(Boolean).join(' ')}</Detail>
            <Detail label={L('approvalState')}>{o.approvalState}</Detail>
            <Detail label="审批/备案">{[o.approvalNumber, o.approvalDate].filter(Boolean).join('，')}</Detail>
            <Detail label={L('signState')}>{o.signState}</Detail>
          </DetailsCard>
          <DetailsCard title={t.outfall.sections.remediation}>
            <Detail label={L('remediationCategory')}>{o.remediationCategory}</Detail>
            <Detail label={L('remediationState')}>{o.remediationState}</Detail>
            <Detail label={L('remediationMeasures')} wide>{o.remediationMeasures}</Detail>
            <Detail label="计划 / 实际完成">{[o.remediationPlannedAt && `计划 ${o.remediationPlannedAt}`, o.remediationDoneAt && `实际 ${o.remediationDoneAt}`].filter(Boolean).join('；')}</Detail>
            <Detail label={L('postMonitoring')} wide>{o.postMonitoring}</Detail>
            <Detail label={L('closureEvidence')} wide>{o.closureEvidence}</Detail>
            <Detail label={L('note')} wide>{o.note}</Detail>
          </DetailsCard>
          <TargetInspections kind="outfall" id={id} name={o.name} />
        </div>
        <aside className="card">
          <h2>{t.common.history}</h2>
          <HistoryList entity="outfall" id={id} refresh={o.updatedAt} />
        </aside>
      </div>
    </div>
  );
}
