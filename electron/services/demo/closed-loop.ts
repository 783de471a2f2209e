import { addDays, daysBetween } from '../../../shared/domain/calendar';
import type { ComplaintResult } from '../../../shared/complaint/fold';
import { COMPLAINT_CHANNELS } from '../../../shared/complaint/fold';
import { appendEvent } from '../../store/events';
import { CASE, COMPLAINT, FINDING, INSPECTOR_CONFLICT, PLAN } from '../../store/entities';
import type { Store } from '../../store/store';
import { refreshComplaint } from '../complaints';
import { refreshCase } from '../cases';
import type { ServiceContext } from '../context';
import { refreshFinding } from '../findings/index';
import { drawPlanFor } from '../plans';
import { writeSettings } from '../../store/settings';
import { penaltyStory } from './case-documents';
import { GIVEN, SURNAMES } from './county';
import { seededRandom, type Random } from './random';
import { demoEnterprises, demoFindings, demoTowns, enterpriseFindings, findingCreatedQuery, laterInspectionQuery, peopleIdsOfRole, verificationQuery } from '../../store/demo-queries';

/** The demo county's "today": its year of records ends here, so every stage has plausible dates. */
export const DEMO_TODAY = '2026-11-28';
const AUTHOR = 'system';

type Ev = { kind: string; day: string; text?: string; data?: Record<string, unknown>; id?: string; author?: string };

/** A finding's history up to a stage, dated after it was found and never after DEMO_TODAY. */
function findingStory(rng: Random, foundAt: string, age: number, recheckId: string | null): Ev[] {
  const span = Math.max(1, Math.min(age, 200));
  const at = (frac: number) => addDays(foundAt, Math.max(0, Math.floor(span * frac)));
  const story: Ev[] = [{ kind: 'created', day: foundAt }];
  const r = rng.next();
  if (age < 10 || r < 0.06) return story;
  story.push({ kind: 'progress', day: at(0.2), text: rng.pick(['已制定整改方案，正在采购设备', '已停产整顿，正在清理现场', '已完成主体整改，正在完善台账']) });
  if (r < 0.15) return story;
  if (r < 0.2) return [...story, { kind: 'deadline_extended', day: at(0.3), text: '设备采购周期长，申请延期', data: { deadline: addDays(foundAt, 200) } }];
  story.push({ kind: 'submitted', day: at(0.4), text: '整改完成，申请验收' });
  if (r < 0.28 || age < 40) return story;
  story.push({ kind: 'rechecked', day: at(0.5), data: { inspectionId: recheckId, passed: true } });
  if (r < 0.32) return story;
  story.push({ kind: 'accepted', day: at(0.55), data: { unit: '清水县生态环境局' } });
  if (r < 0.36) return story;
  story.push({ kind: 'notice_started', day: at(0.6), data: { days: 14 } });
  if (age < 80 || r < 0.42) return story;
  story.push({ kind: 'notice_ended', day: addDays(at(0.6), 14), text: '公示期内无异议' }, { kind: 'closed', day: addDays(at(0.6), 15), data: { recheckAfterDays: 90 } });
  if (r > 0.93 && age > 150) story.push({ kind: 'rechecked', day: addDays(at(0.6), 110), text: '复查发现问题反弹', data: { inspectionId: recheckId, passed: false, deadline: addDays(at(0.6), 170) } });
  return story.filter((e) => e.day <= DEMO_TODAY);
}

/** Writes a story's events in order, each by one of the people who would record it. */
function writeEvents(store: Store, rng: Random, stream: 'finding' | 'complaint' | 'case', id: string, events: Ev[], authors: string[]): void {
  // Every event draws its id from the seed (the same county for the same seed), whether or not it was named ahead.
  events.forEach((e, i) => appendEvent(store, [rng.uuid(Date.parse(e.day) + i)].map((drawn) => e.id ?? drawn)[0], {
    stream, streamId: id, kind: e.kind, at: `${e.day}T${String(9 + (i % 8)).padStart(2, '0')}:00`, text: e.text ?? '', data: e.data ?? {}, blobs: [],
  }, [authors.length ? rng.pick(authors) : AUTHOR].map((drawn) => e.author ?? drawn)[0]));
}

const personName = (rng: Random) => rng.pick(SURNAMES) + rng.pick(GIVEN);

/**
 * The closed loop of the demo county: every finding from the year's inspections moved along its
 * close-out, handed-down findings, complaints in every stage, cases and a released 双随机 plan.
 */
export function generateDemoLoop(ctx: ServiceContext, { seed = 20261129, scale = 1 } = {}): { findings: number; complaints: number; cases: number; plans: number } {
  const { store } = ctx;
  const { db } = store;
  const rng = seededRandom(seed + 13);
  const towns = demoTowns(db);
  const enterprises = demoEnterprises(db);
  const bureau = peopleIdsOfRole(db, '局机关人员');
  const townStaff = peopleIdsOfRole(db, '镇街工作人员');
  const officers = peopleIdsOfRole(db, '执法人员');
  return store.transaction(() => {
    writeSettings(store, {
      complainantViewers: bureau.slice(0, 2), documentPrefixes: { order: '清环责改', notice: '清环罚告', penalty: '清环罚' },
      courtName: '清水县人民法院', paymentAccount: '清水县财政局非税收入汇缴结算户（开户行：清水县农村商业银行），或通过“赣服通”电子缴款',
    }, AUTHOR);
    // Handed-down problems (中央/省级督察交办), owned by the towns.
    for (let i = 0; i < 12 * scale; i++) {
      const town = rng.pick(towns);
      const foundAt = addDays('2025-12-01', rng.int(0, 330));
      const id = rng.uuid(Date.parse(foundAt) + i);
      const central = rng.chance(0.4);
      store.write(FINDING, id, {
        sourceKind: central ? 'central' : 'provincial', sourceId: null, itemId: null, targetKind: 'site', targetId: null,
        targetName: `${town.name}${rng.pick(['河段', '工业集中区', '养殖小区', '砂场'])}`, townCode: town.code,
        description: rng.pick(['河道沿岸生活垃圾乱堆乱放', '养殖废水直排入河', '砂石加工点扬尘污染严重', '工业集中区雨污管网混接']),
        legalBasis: '', deadlineBand: 'short', responsibleUnit: `${town.name}人民政府`, responsiblePerson: personName(rng), deadline: addDays(foundAt, 180),
        measures: '制定整改方案，限期完成整改', foundAt, state: 'open', number: `${central ? '中央' : '省'}督察-${foundAt.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
        goal: '问题整改到位，不反弹', partnerUnits: '县生态环境局、县水利局', leader: personName(rng),
      }, AUTHOR);
    }
    const findings = demoFindings(db);
    const hasCreated = findingCreatedQuery(db);
    const laterInspection = laterInspectionQuery(db);
    for (const f of findings) {
      const recheck = f.target_id ? (laterInspection.get(f.target_kind, f.target_id, f.source_id ?? '', f.found_at) as string | undefined) ?? f.source_id : null;
      const story = findingStory(rng, f.found_at, daysBetween(f.found_at, DEMO_TODAY), recheck);
      // Findings raised by an inspection already carry their 'created' event.
      writeEvents(store, rng, 'finding', f.id, hasCreated.get(f.id) ? story.slice(1) : story, [...townStaff, ...bureau]);
      refreshFinding(store, f.id);
    }
    // Complaints over the year, in every stage.
    const nComplaints = 60 * scale;
    const verification = verificationQuery(db);
    for (let i = 0; i < nComplaints; i++) {
      const e = rng.pick(enterprises);
      const received = addDays('2025-12-01', Math.floor((362 * i) / nComplaints) + rng.int(0, 2));
      if (received > DEMO_TODAY) continue;
      const id = rng.uuid(Date.parse(received) + i);
      // What people complain of, and the category it counts under.
      const [what, ...categories] = rng.pick([['夜间生产噪声扰民', '噪声'], ['废水直排附近水沟，气味刺鼻', '水', '大气'], ['烟囱冒黑烟', '大气'], ['露天堆放物料扬尘', '大气'], ['偷排废水，河水发黑', '水'], ['危险废物随意倾倒', '土壤']] as const);
      store.write(COMPLAINT, id, {
        number: `${received.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`, channel: rng.pick(COMPLAINT_CHANNELS.slice(0, 6)), receivedAt: `${received}T${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
        complainantName: rng.chance(0.3) ? '' : personName(rng), complainantPhone: rng.chance(0.3) ? '' : `139${String(rng.int(10000000, 99999999))}`,
        content: `反映${e.name}${what}`, categories: [...categories], townCode: e.townCode, address: e.address, lon: null, lat: null,
        targetKind: 'enterprise', targetId: e.id, targetName: e.name, acceptDays: 15, completeDays: 60, maxExtensionDays: 30,
      }, AUTHOR);
      const age = daysBetween(received, DEMO_TODAY);
      const r = rng.next();
      const story: Ev[] = [];
      if (r >= 0.05 && r < 0.3 && age < 60) { /* not yet accepted: some of these are past the 15 days (逾期未受理) */ } else if (r < 0.05) story.push({ kind: 'rejected', day: addDays(received, 3), text: '不属于本部门职责，已告知向住建部门反映' });
      else if (age > 5 || r > 0.5) {
        story.push({ kind: 'accepted', day: addDays(received, Math.min(age, rng.int(1, 5))) });
        const v = verification.get(e.id) as string | undefined;
        if (age > 8) story.push({ kind: 'verified', day: addDays(received, 7), text: '现场核查，情况基本属实', data: { inspectionId: v ?? null } });
        if (age > 40 && r > 0.2) story.push({ kind: 'extended', day: addDays(received, 20), text: '需第三方监测，经批准延期', data: { days: 30 } });
        if (age > 30 && r > 0.3) story.push({ kind: 'replied', day: addDays(received, 25), text: '经核查，已责令企业整改，整改后复测达标。' });
        if (age > 30 && r > 0.3 && (age > 50 || r > 0.6)) {
          const result: ComplaintResult = { outcome: r > 0.9 ? '阶段性办结' : '办结', rectification: true, penaltyAmount: r > 0.75 ? rng.int(2, 20) * 10000 : null, interview: r > 0.85, accountablePeople: r > 0.95 ? 1 : 0 };
          story.push({ kind: 'concluded', day: addDays(received, 28), data: { result } });
        }
      }
      writeEvents(store, rng, 'complaint', id, story.filter((x) => x.day <= DEMO_TODAY), bureau);
      refreshComplaint(ctx, id);
    }
    // Cases opened from findings of enterprises.
    const sources = enterpriseFindings(db);
    let cases = 0;
    for (let i = 0; i < Math.min(10 * scale, sources.length); i++) {
      const f = sources[Math.floor((i * sources.length) / Math.min(10 * scale, sources.length))];
      const e = enterprises.find((x) => x.id === f.target_id);
      if (!e) continue;
      const opened = addDays(f.found_at, 3);
      if (opened > DEMO_TODAY) continue;
      const id = rng.uuid(Date.parse(opened) + i);
      store.write(CASE, id, { sourceKind: 'finding', sourceId: f.id, targetKind: 'enterprise', targetId: e.id, targetName: e.name, party: e.name, uscc: e.uscc, legalRepresentative: e.rep, address: e.address, townCode: e.townCode, facts: f.description, openedAt: opened }, AUTHOR);
      const age = daysBetween(opened, DEMO_TODAY);
      const story: Ev[] = [];
      const r = rng.next();
      if (r > 0.1) story.push({ kind: 'filed', day: addDays(opened, 2), data: { number: `清环立字〔${opened.slice(0, 4)}〕${i + 1}号` } });
      if (r > 0.1 && age > 20) story.push({ kind: 'investigated', day: addDays(opened, 10), text: '现场勘察，调取监测数据，制作询问笔录' });
      if (r > 0.25 && age > 40) story.push(...penaltyStory(ctx, { id, opened, facts: f.description, officers: officers.slice(i % 3, (i % 3) + 2), approver: bureau[0], n: i + 1, amount: rng.int(2, 30) * 10000, rep: e.rep, paid: age > 60 && r > 0.35 }));
      if (r > 0.92 && age > 40) story.push({ kind: 'transferred', day: addDays(opened, 36), data: { to: '清水县公安局' }, text: '涉嫌污染环境罪，移送公安机关' });
      if (r > 0.4 && age > 50) story.push({ kind: 'published', day: addDays(opened, 40) });
      if (r > 0.6 && age > 80) story.push({ kind: 'closed', day: addDays(opened, 75) });
      writeEvents(store, rng, 'case', id, story.filter((x) => x.day <= DEMO_TODAY), officers);
      refreshCase(ctx, id);
      cases++;
    }
    // A released 双随机 plan, with two declared conflicts of interest.
    for (let i = 0; i < 2; i++) store.write(INSPECTOR_CONFLICT, rng.uuid(Date.parse('2026-09-01') + i), { personId: officers[i], targetId: enterprises[i * 7].id, reason: i ? '曾在该企业任职' : '近亲属在该企业任职' }, AUTHOR);
    const planId = rng.uuid(Date.parse('2026-10-01'));
    store.write(PLAN, planId, {
      name: '2026年第四季度“双随机、一公开”抽查', matter: '排污许可执行情况、污染防治设施运行、自行监测、环境管理台账',
      periodFrom: '2026-10-01', periodTo: '2026-12-31', quotas: { 重点: { mode: 'ratio', value: 0.25 }, 一般: { mode: 'ratio', value: 0.03 }, 特殊: { mode: 'count', value: 0 } }, state: 'draft',
    }, AUTHOR);
    drawPlanFor(ctx, planId, `${seed}-2026Q4`);
    store.write(PLAN, planId, { state: 'released', releasedAt: '2026-10-08T09:00' }, AUTHOR);
    return { findings: findings.length, complaints: nComplaints, cases, plans: 1 };
  });
}
