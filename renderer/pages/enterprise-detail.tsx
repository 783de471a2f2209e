import { useEffect, useState } from 'react';
import type { Enterprise } from '../../shared/api/enterprises';
import type { OutfallSummary } from '../../shared/api/outfalls';
import type { Warning } from '../../shared/api/result';
import { formatDms } from '../../shared/domain/dms';
import { call } from '../api';
import { Detail } from '../components/field';
import { HistoryList } from '../components/history-list';
import { useRecord } from '../components/use-record';
import { takeFlashWarnings } from '../flash';
import { t } from '../i18n/zh-CN';
import { navigate } from '../router';

/** 一企一档: every field of one 排污单位, its outfalls (溯) and its change history. */
export function EnterpriseDetailPage({ id }: { id: string }) {
  const { record: e, error, remove } = useRecord<Enterprise>(id, (x) => call('enterprises.get', { id: x }), (x) => call('enterprises.remove', { id: x }), '/enterprises');
  const [outfalls, setOutfalls] = useState<OutfallSummary[]>([]);
  const [warnings] = useState<Warning[]>(takeFlashWarnings);
  useEffect(() => { void call('outfalls.list', { enterpriseId: id, limit: 50 }).then((r) => setOutfalls(r.rows)); }, [id]);
  if (error) return <div className="page"><p className="banner error">{error}</p><button onClick={() => navigate('/enterprises')}>{t.common.back}</button></div>;
  if (!e) return <div className="page muted">{t.common.loading}</div>;
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/enterprises')}>← {t.common.back}</button>
        <h1>{e.name}</h1>
        {e.keyUnit && <span className="tag red">重点排污单位</span>}
        <span className={`tag state-${e.state}`}>{e.state}</span>
        <span className="spacer" />
        <button className="primary" onClick={() => navigate(`/enterprises/${id}/edit`)}>{t.common.edit}</button>
        <button className="danger" onClick={() => void remove()}>{t.common.remove}</button>
      </header>
      {warnings.map((w, i) => <p key={i} className="banner warning">{w.message}</p>)}
      {!e.usccCheckMatches && <p className="banner warning">统一社会信用代码校验位与 GB 32100 计算结果不符：已照录，请核对营业执照原件。</p>}
      <div className="detail-layout">
        <div>
          <section className="card">
            <h2>{t.enterprise.sections.basic}</h2>
            <dl className="details">
              <Detail label="单位名称">{e.name}</Detail>
              <Detail label="统一社会信用代码"><code>{e.uscc}</code></Detail>
              <Detail label="污染源编码"><code>{e.pollutionSourceCode}</code></Detail>
              <Detail label="行业">{e.industryCode ? `${e.industryCode} ${e.industryName}` : ''}</Detail>
              <Detail label="排污许可管理类别">{e.permitClass}</Detail>
              <Detail label="重点排污单位">{e.keyUnit ? '是' : '否'}</Detail>
              <Detail label="生产状态">{e.state}</Detail>
              <Detail label="法定代表人">{e.legalRepresentative}</Detail>
              <Detail label="标签">{e.tags.length ? e.tags.map((x) => <span key={x} className="tag">{x}</span>) : ''}</Detail>
            </dl>
          </section>
          <section className="card">
            <h2>{t.enterprise.sections.location}</h2>
            <dl className="details">
              <Detail label="所属镇街">{e.townName}</Detail>
              <Detail label="所属村居">{e.villageName}</Detail>
              <Detail label="流域">{e.watershedName}</Detail>
              <Detail label="地址" wide>{e.address}</Detail>
              <Detail label="经度（CGCS2000）">{e.lon === null ? '' : `${e.lon.toFixed(6)}（${formatDms(e.lon)}）`}</Detail>
              <Detail label="纬度（CGCS2000）">{e.lat === null ? '' : `${e.lat.toFixed(6)}（${formatDms(e.lat)}）`}</Detail>
            </dl>
          </section>
          <section className="card">
            <h2>{t.enterprise.sections.contact}</h2>
            <dl className="details">
              <Detail label="环保联系人">{e.contactName}</Detail>
              <Detail label="联系电话">{e.contactPhone}</Detail>
              <Detail label="备注" wide>{e.note}</Detail>
            </dl>
          </section>
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
