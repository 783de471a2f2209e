import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState } from 'react';
import type { EnforcementDocument, ServiceRecord } from '../../shared/enforcement/document';
import { printedDocument } from '../../shared/enforcement/text';
import { call } from '../api';

type Loaded = Awaited<ReturnType<typeof call<'cases.document'>>>;

/**
 * A frozen enforcement document as printed, page by page with its signature lines (named @page
 * rules), and its 送达回证 on its own page — filled when the service is recorded, blank to fill by hand before.
 */
export function DocumentPrintPage({ caseId, documentId }: { caseId: string; documentId: string }) {
  const [d, setD] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('cases.document', { id: caseId, documentId }).then(setD, (e: Error) => setError(e.message)); }, [caseId, documentId]);
  useEffect(() => {
    if (!d) return;
    document.title = `${printedDocument(d.document as unknown as EnforcementDocument).title} - ${d.caseParty}`;
    document.body.dataset.printReady = '1';
    if (window.location.hash.includes('auto=1')) window.print();
  }, [d]);
  if (error) return <p className="banner error">{error}</p>;
  if (!d) return <p className="muted">加载中…</p>;
  const doc = d.document as unknown as EnforcementDocument;
  const p = printedDocument(doc);
  return (
    <div className="print-page">
      <article className={`record enforcement-document ${doc.kind === 'inquiry' ? 'doc-inquiry' : 'doc-decision'}`} data-testid="enforcement-document">
        <header className="record-head">
          <p className="record-bureau">{doc.bureau}</p>
          <h1>{p.title}</h1>
          {p.number && <p className="document-number">{p.number}</p>}
        </header>
        {!d.intact && <p className="banner error">本文书的内容与其哈希或签名不符：已被改动，不能作为证据使用</p>}
        {d.flag && <p className="banner error">本文书未生效：{d.flag}</p>}
        {p.blocks.map((b, i) => (
          <section key={i} className="document-block">
            {b.heading && <h2>{b.heading}：</h2>}
            {b.text.split('\n').map((line, j) => <p key={j} className="record-text">{line}</p>)}
          </section>
        ))}
        <p className="record-hash">案卷第 {d.issued.seq} 份文书 · SHA-256 {d.issued.sha256} · 前一份 {d.issued.prev ?? '（无）'} · 签署账号 {d.issued.signer}</p>
      </article>
      {doc.kind !== 'inquiry' && <ServiceSlip title={p.title} number={p.number} party={doc.party.name} served={d.served} />}
    </div>
  );
}

/** 送达回证: what was served, to whom, how, when, who signed or why they refused, the witness and the server. */
function ServiceSlip({ title, number, party, served }: { title: string; number: string; party: string; served: (ServiceRecord & { at: string; evidence?: number }) | null }) {
  const s = served;
  const rows: [string, string][] = [
    ['送达文书名称及文号', `《${title}》${number}`], ['受送达人', party], ['送达地点', s?.place ?? ''], ['送达方式', s?.method ?? ''],
    ['送达时间', s ? shownTime(s.servedAt) : ''], ['签收人（与受送达人关系）', s?.receiver ? `${s.receiver}（${s.relation ?? ''}）` : ''],
    ['拒收事由', s?.refusedReason ?? ''], ['见证人', s?.witness ?? ''], ['送达过程记录', s?.evidence ? `照片、录音录像 ${s.evidence} 件（随案卷保存）` : ''], ['邮件号 / 电子地址 / 公告', s?.reference ?? ''], ['送达人', s?.server ?? ''],
  ];
  return (
    <article className="record service-slip doc-decision" data-testid="service-slip">
      <header className="record-head"><h1>送达回证</h1></header>
      <table className="record-table"><tbody>{rows.map(([k, v]) => <tr key={k}><th>{k}</th><td>{v}</td></tr>)}</tbody></table>
      <p className="record-text">受送达人（签收人）签名：＿＿＿＿＿＿　　送达人签名：＿＿＿＿＿＿　　见证人签名：＿＿＿＿＿＿</p>
    </article>
  );
}
