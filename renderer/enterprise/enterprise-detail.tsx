import { Revealable } from '../components/revealable';
import { useEffect, useState } from 'react';
import { permitValidity } from '../../shared/domain/permit';
import { limitsOfTarget, type PermitLimits } from '../../shared/standards/discharge-standards';
import { useDirectories } from '../directories';
import type { Enterprise } from '../../shared/api/enterprises';
import type { OutfallSummary } from '../../shared/api/outfalls';
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

const L = (field: string) => labelOf(field, 'enterprise');

/** 一企一档: every field of one 排污单位, its outfalls (溯) and its change history. */
/** 执行标准 as a person reads it. */
function standardName(id: string | null, permit: PermitLimits | null): string {
  return limitsOfTarget(id, permit)?.name ?? (id ? id : '未设定');
}

export function EnterpriseDetailPage({ id }: { id: string }) {
  const d = useDirectories();
  const { record: e, error, remove } = useRecord<Enterprise>(id, (x) => call('enterprises.get', { id: x }), (x) => call('enterprises.remove', { id: x }), '/enterprises');
  const [outfalls, setOutfalls] = useState<OutfallSummary[]>([]);
  const [warnings] = useState<Warning[]>(takeFlashWarnings);
  useEffect(() => { void call('outfalls.list', { enterpriseId: id, limit: 50 }).then((r) => setOutfalls(r.rows)); }, [id]);
  if (error) return <div className="page"><p className="banner error">{error}</p><button onClick={() => navigate('/enterprises')}>{t.common.back}</button></div>;
  if (!e) return <div className="page muted">{t.common.loading}</div>;
  const validity = permitValidity(e.permitValidTo, d.info.today);
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/enterprises')}>← {t.common.back}</button>
        <h1>{e.name}</h1>
        {e.keyUnit && <span className="tag red">环境监管重点单位</span>}
        {(validity.state === 'expired' || validity.state === 'expiring') && <span className="tag red" data-testid="permit-validity">{validity.state === 'expired' ? '许可证已过期' : '许可证即将到期'}</span>}
        <span className={`tag state-${e.state}`}>{e.state}</span>
        <span className="spacer" />
        {e.reference ? <span className="tag" data-testid="reference-tag">他镇记录 · 只读</span> : <>
          <button className="primary" onClick={() => navigate(`/enterprises/${id}/edit`)}>{t.common.edit}</button>
          <button className="danger" onClick={() => void remove()}>{t.common.remove}</button>
        </>}
      </header>
      {warnings.map((w, i) => <p key={i} className="banner warning">{w.message}</p>)}
      {e.reference && <p className="banner info" role="note" data-testid="reference-note">{e.reference}</p>}
      {(validity.state === 'expired' || validity.state === 'expiring') && <p className="banner warning" role="status">{validity.text}</p>}
      {!e.usccCheckMatches && <p className="banner warning">统一社会信用代码校验位与 GB 32100 计算结果不符：已照录，请核对营业执照原件。</p>}
      <div className="detail-layout">
        <div>
          <DetailsCard title={t.enterprise.sections.basic}>
            <Detail label={L('name')}>{e.name}</Detail>
            <Detail label={L('uscc')}><code>{e.uscc}</code></Detail>
            <Detail label={L('pollutionSourceCode')}><code>{e.pollutionSourceCode}</code></Detail>
            <Detail label="行业">{e.industryCode ? `${e.industryCode} ${e.industryName}` : ''}</Detail>
            <Detail label={L('permitClass')}>{e.permitClass}</Detail>
            <Detail label={L('permitNumber')}><code>{e.permitNumber}</code></Detail>
            <Detail label={L('permitIssuer')}>{e.permitIssuer}</Detail>
            <Detail label="许可证有效期">{e.permitValidFrom || e.permitValidTo ? `${e.permitValidFrom ?? '—'} 至 ${e.permitValidTo ?? '—'}` : ''}</Detail>
            <Detail label={L('registrationNumber')}><code>{e.registrationNumber}</code></Detail>
            <Detail label={L('keyUnit')}>{e.keyUnit ? (e.keyUnitCategories.length ? e.keyUnitCategories.join('、') : '是') : '否'}</Detail>
            <Detail label={L('dischargeStandard')}>{standardName(e.dischargeStandard, e.permitLimits)}</Detail>
            <Detail label={L('state')}>{e.state}</Detail>
            <Detail label={L('legalRepresentative')}>{e.legalRepresentative}</Detail>
            <Detail label={L('tags')}>{e.tags.length ? e.tags.map((x) => <span key={x} className="tag">{x}</span>) : ''}</Detail>
          </DetailsCard>
          <DetailsCard title={t.enterprise.sections.location}>
            <Detail label={L('townCode')}>{e.townName}</Detail>
            <Detail label={L('villageCode')}>{e.villageName}</Detail>
            <Detail label={L('watershedId')}>{e.watershedName}</Detail>
            <Detail label={L('address')} wide>{e.address}</Detail>
            <CoordinateDetails lon={e.lon} lat={e.lat} />
          </DetailsCard>
          <DetailsCard title={t.enterprise.sections.contact}>
            <Detail label={L('contactName')}>{e.contactName}</Detail>
            <Detail label={L('contactPhone')}><Revealable masked={e.contactPhone} entity="enterprise" id={e.id} field="contactPhone" /></Detail>
            <Detail label={L('note')} wide>{e.note}</Detail>
          </DetailsCard>
          <TargetInspections kind="enterprise" id={id} name={e.name} />
          <section className="card">
            <h2>入河排污口（本单位为责任主体）</h2>
            {outfalls.length === 0 ? <p className="muted">无</p> : (
              <ul className="links">{outfalls.map((o) => <li key={o.id}><a href={`#/outfalls/${o.id}`}>{o.name}</a> <small>{o.subType} · {o.waterBodyName ?? ''}</small></li>)}</ul>
            )}
          </section>
        </div>
        <aside className="card">
          <h2>{t.common.history}</h2>
          <HistoryList entity="enterprise" id={id} refresh={e.updatedAt} />
        </aside>
      </div>
    </div>
  );
}
