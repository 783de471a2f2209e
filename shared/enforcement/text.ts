import type { EnforcementDocument } from './document';
import { DOCUMENT_TITLES } from './kinds';

/** A printed document: its paragraphs (a heading and text each) and the signature lines of every page. */
export type PrintedDocument = { title: string; number: string; blocks: { heading?: string; text: string }[]; pageSigners: [string, string] };

const money = (n: number | null) => (n === null ? '' : `${n.toLocaleString('zh-CN')} 元`);

/** 行政复议法（2023）第二十条 (60 days), 行政诉讼法 第四十六条 (6 months); 第四十二条/第五十六条 do not stay execution. */
function remedyText(d: EnforcementDocument, what: string): string {
  const r = d.remedies;
  if (!r) return '';
  return `你（单位）如不服本${what}，可以在收到本${what}之日起六十日内向${r.reviewBody}申请行政复议，也可以在收到本${what}之日起六个月内向${r.court}提起行政诉讼。申请行政复议或者提起行政诉讼期间，本${what}不停止执行。`;
}

function partyText(d: EnforcementDocument): string {
  const p = d.party;
  return [`当事人：${p.name}`, p.uscc && `统一社会信用代码：${p.uscc}`, p.legalRepresentative && `法定代表人：${p.legalRepresentative}`, p.address && `地址：${p.address}`].filter(Boolean).join('\n');
}

const officerLine = (d: EnforcementDocument) => d.officers.map((o) => `${o.name}（执法证号 ${o.certificateNo ?? '—'}）`).join('、');

/**
 * The text of a frozen document as printed, following the ministry's model documents; every clause
 * the law requires (rights, deadlines, remedies) states its source article in the document itself.
 */
export function printedDocument(d: EnforcementDocument): PrintedDocument {
  const title = DOCUMENT_TITLES[d.kind];
  const f = d.fields;
  const b: PrintedDocument['blocks'] = [];
  switch (f.kind) {
    case 'inquiry': {
      const w = f.interviewee;
      b.push({ text: `询问时间：${f.startedAt.replace('T', ' ')} 至 ${f.endedAt.replace('T', ' ')}\n询问地点：${f.place}` });
      b.push({ text: `询问人：${officerLine(d)}\n记录人：${d.recorder ? d.recorder.name : '（询问人记录）'}` });
      b.push({ text: [`被询问人：${w.name}　性别：${w.gender}`, w.idNumber && `身份证号：${w.idNumber}`, w.post && `工作单位及职务：${w.post}`, w.phone && `联系电话：${w.phone}`, w.address && `住址：${w.address}`, `与当事人关系：${w.relation}（当事人：${d.party.name}）`].filter(Boolean).join('\n') });
      b.push({ text: `${d.notice}\n执法人员已出示执法证件。\n问：你是否申请回避？\n答：${f.recusal}。` });
      for (const x of f.qa) b.push({ text: `问：${x.q}\n答：${x.a}` });
      b.push({ text: '被询问人阅后签名：以上笔录我已看过（或已向我宣读），与我所说的一致。' });
      return { title, number: '', blocks: b, pageSigners: ['被询问人（签字）', '询问人、记录人（签字）'] };
    }
    case 'order':
      b.push({ text: partyText(d) });
      b.push({ text: `经调查，你（单位）实施了以下环境违法行为：\n${f.facts}` });
      b.push({ heading: '以上事实，有以下证据为证', text: f.evidence });
      b.push({ text: `你（单位）的上述行为违反了${f.violated}的规定。依据${f.basis}的规定，我局责令你（单位）：\n${f.requirement}\n请于 ${f.deadline} 前改正上述违法行为，并将改正情况书面报告我局。` });
      b.push({ text: remedyText(d, '决定') });
      break;
    case 'notice':
      b.push({ text: partyText(d) });
      b.push({ text: `经查，你（单位）实施了以下环境违法行为：\n${f.facts}` });
      b.push({ heading: '以上事实，有以下证据为证', text: f.evidence });
      b.push({ text: `你（单位）的上述行为违反了${f.violated}的规定。依据${f.penaltyBasis}的规定，我局拟对你（单位）作出如下行政处罚：\n${f.proposed}${f.amount && !f.proposed.includes('罚款') ? `（罚款 ${money(f.amount)}）` : ''}` });
      b.push({ text: `根据《中华人民共和国行政处罚法》第四十四条、第四十五条${f.hearing ? '、第六十三条、第六十四条' : ''}的规定，你（单位）有权进行陈述和申辩${f.hearing ? '，并有权要求举行听证' : ''}。你（单位）如需陈述、申辩${f.hearing ? '或者要求听证' : ''}，应当在收到本告知书之日起五个工作日内向我局提出；逾期未提出的，视为放弃上述权利。我局不因你（单位）陈述、申辩${f.hearing ? '或者要求听证' : ''}而给予更重的处罚（《中华人民共和国行政处罚法》第四十五条）。` });
      b.push({ text: `联系人及电话：${f.contact}\n地址：${f.address}` });
      break;
    case 'penalty':
      b.push({ text: partyText(d) });
      b.push({ text: `经查，你（单位）实施了以下环境违法行为：\n${f.facts}` });
      b.push({ heading: '以上事实，有以下证据为证', text: f.evidence });
      b.push({ heading: '陈述申辩（听证）及采纳情况', text: f.statementReview });
      b.push({ text: `你（单位）的上述行为违反了${f.violated}的规定。依据${f.penaltyBasis}的规定，我局决定对你（单位）作出如下行政处罚：\n${f.penalty}${f.amount && !f.penalty.includes('罚款') ? `（罚款 ${money(f.amount)}）` : ''}` });
      if (f.amount) b.push({ text: `限你（单位）自收到本决定书之日起十五日内，将罚款缴至：${f.payTo}。到期不缴纳罚款的，我局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；逾期不申请行政复议、不提起行政诉讼又不履行的，我局将依法申请人民法院强制执行（《中华人民共和国行政处罚法》第六十七条、第七十二条）。` });
      if (f.performance) b.push({ heading: '履行方式和期限', text: f.performance });
      b.push({ text: remedyText(d, '决定') });
      break;
  }
  b.push({ text: `承办人：${officerLine(d)}` });
  b.push({ text: `（印章）\n${d.bureau}\n${d.issuedAt.slice(0, 4)}年${Number(d.issuedAt.slice(5, 7))}月${Number(d.issuedAt.slice(8, 10))}日` });
  return { title, number: d.number, blocks: b, pageSigners: ['当事人（签收）', '承办人'] };
}
