import { isFailing, isVisible, type Answers } from '../../../shared/checklist/answers';
import { itemsOf, type Item, type TemplateDefinition } from '../../../shared/checklist/template';
import { putBlob } from '../../store/blob-store';
import { getTemplate } from '../../store/checklists';
import { INSPECTION, INSPECTION_ANSWER, INSPECTION_FINDING, INSPECTION_PHOTO, INSPECTION_SIGNATURE } from '../../store/entities';
import type { Store } from '../../store/store';
import type { ServiceContext } from '../context';
import { finalizeInspection, proposedFindings, targetSnapshot } from '../inspections/index';
import { getInspectionRow, reviewedFindingsOf } from '../../store/inspections';
import { DEFAULT_NOTICE } from '../../../shared/inspection/notice';
import { idCheckCharacter } from '../../../shared/domain/id-number';
import { GIVEN, SURNAMES } from './county';
import { demoImages } from './images';
import { seededRandom, type Random } from './random';
import { certifiedOfficers, peopleNamesOfRole, placedTargets } from '../../store/demo-queries';

const YEAR_START = Date.UTC(2025, 11, 1);
/** Which generated scenes fit which checklist. */
const SCENES_FOR: Record<string, string[]> = {
  industrial: ['厂区全景', '污水处理站', '排放口', '标志牌', '危废暂存间', '在线监测站房'],
  'outfall-survey': ['排口近景', '河道远景', '标志牌'],
  'construction-dust': ['工地围挡', '车辆冲洗平台', '物料覆盖'],
  'complaint-verification': ['核查现场', '厂区全景', '排放口'],
};
const DAY = 86_400_000;

function idNumber(rng: Random): string {
  const body = `360799${rng.int(1965, 2000)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(100, 999))}`;
  return body + idCheckCharacter(body);
}

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** A plausible answer to an item; `fail` asks for one that fails its check. */
/** What a text item of the demo says, by what it asks (one draw, as every text item always took). */
function textFor(rng: Random, item: Item, c: TextContext): string {
  switch (item.id) {
    case 'trace.party': return rng.pick([c.party || `${c.town}人民政府`, c.party || `${c.town}环境卫生管理所`]);
    case 'trace.source': return rng.pick(['周边居民生活污水经管网汇入', '雨水管网混接生活污水', '上游养殖场废水经沟渠汇入', '工业园区雨水管网']);
    case 'treat.plan': return rng.pick(['截污纳管，实施雨污分流改造', '封堵取缔，污水接入城镇污水处理厂', '规范设置标志牌，安装流量计', '清理合并至就近排口']);
    case 'permit.number': return rng.pick([c.permit]);
    case 'eia.number': return rng.pick(['赣市环评字〔2019〕46号，2020年自主验收', '清环审〔2021〕12号，2022年自主验收']);
    default: return rng.pick(['现场未见异常。', '已查阅相关台账及记录。', '企业负责人陪同检查。', '相关台账已现场查阅并拍照留存。']);
  }
}

type TextContext = { party: string; town: string; permit: string };

function answerFor(rng: Random, item: Item, fail: boolean, at: string, near: { lon: number; lat: number }, text: TextContext): unknown {
  const rule = item.failWhen;
  switch (item.type) {
    case 'yesno': {
      if (fail && rule?.equals !== undefined) return rule.equals;
      const good = rule?.equals === 'yes' ? 'no' : 'yes';
      return rule ? good : rng.pick(['yes', 'yes', 'no']);
    }
    case 'choice': {
      const bad = rule?.in ?? (rule?.equals !== undefined ? [rule.equals] : []);
      if (fail && bad.length) return rng.pick(bad);
      const ok = item.options.filter((o) => !bad.includes(o));
      return ok[0] === undefined ? item.options[0] : (rng.chance(0.7) ? ok[0] : rng.pick(ok));
    }
    case 'multi': return [rng.pick(item.options)];
    case 'number': case 'reading': {
      const lo = item.min ?? 0; const hi = item.max ?? lo + 10;
      if (fail && rule?.outsideLimits) return Math.round((item.max !== undefined ? hi * (1 + rng.int(1, 8) / 10) : lo / 2) * 100) / 100;
      return Math.round((lo + (hi - lo) * (0.2 + rng.next() * 0.6)) * 100) / 100;
    }
    case 'text': return textFor(rng, item, text);
    case 'date': return at.slice(0, 10);
    case 'datetime': return at;
    case 'location': return { lon: Math.round((near.lon + (rng.next() - 0.5) * 0.002) * 1e6) / 1e6, lat: Math.round((near.lat + (rng.next() - 0.5) * 0.002) * 1e6) / 1e6 };
    default: return null;
  }
}

export type PastOptions = { seed?: number; scale?: number; count?: number; onProgress?: (done: number, total: number) => void };

/**
 * A year of finalized inspections across the four built-in templates (industrial, outfall, dust,
 * complaint), with generated photos and signatures stored as blobs, some failing items and the
 * findings they raised — each finalized through the same path as a real one.
 */
export async function generateDemoPast(store: Store, { seed = 20261129, scale = 1, count, onProgress }: PastOptions = {}): Promise<number> {
  const rng = seededRandom(seed + 7);
  const images = await demoImages(rng);
  const { db } = store;
  const officers = certifiedOfficers(db);
  const townStaff = peopleNamesOfRole(db, '镇街工作人员');
  const enterprises = placedTargets(db, 'enterprises');
  const outfalls = placedTargets(db, 'outfalls');
  if (officers.length < 2 || !enterprises.length) return 0;
  const plan: { template: string; kind: 'enterprise' | 'outfall' | 'site' }[] = [];
  // About 1.4 inspections per enterprise a year, capped so large test counties stay quick to build.
  const total = count ?? Math.min(2000, Math.round(scale * 560));
  for (let n = 0; n < total; n++) {
    const r = rng.next();
    plan.push(r < 0.62 ? { template: 'builtin:industrial@1', kind: 'enterprise' } : r < 0.86 ? { template: 'builtin:outfall-survey@1', kind: 'outfall' }
      : r < 0.95 ? { template: rng.chance(0.5) ? 'builtin:construction-dust@1' : 'builtin:construction-dust@2', kind: 'site' } : { template: 'builtin:complaint-verification@1', kind: 'enterprise' });
  }
  const startAt = plan.map(() => YEAR_START + rng.int(0, 360) * DAY + rng.int(8 * 60, 16 * 60) * 60_000).sort((a, b) => a - b);
  const photoShas = images.photos.map((p) => ({ sha: putBlob(db, store.blobDir, p.bytes), thumb: putBlob(db, store.blobDir, p.thumbnail), p }));
  const signatureShas = images.signatures.map((s) => putBlob(db, store.blobDir, s));
  const BATCH = 200;
  for (let from = 0; from < plan.length; from += BATCH) {
    store.transaction(() => {
      for (let n = from; n < Math.min(plan.length, from + BATCH); n++) {
        const { template, kind } = plan[n];
        const two = [...officers].sort(() => rng.next() - 0.5).slice(0, 2);
        const ctx: ServiceContext = { store, session: { personId: two[0].id }, actor: 'system' };
        const target = kind === 'enterprise' ? rng.pick(enterprises) : kind === 'outfall' ? rng.pick(outfalls) : null;
        const snap = targetSnapshot(ctx, kind, target?.id ?? null, `${rng.pick(['城南', '滨江', '工业园', '新城'])}${rng.pick(['安置房', '商住楼', '道路改造', '学校'])}项目工地`, '清水县');
        const t = getTemplate(db, template)!;
        const def = t.definition as TemplateDefinition;
        const start = startAt[n];
        const at = minute(start);
        const id = rng.uuid(start);
        const author = two[0].id;
        store.write(INSPECTION, id, {
          state: 'draft', templateId: template, targetKind: kind, targetId: snap.targetId, targetName: snap.targetName, targetAddress: snap.targetAddress,
          targetExtra: { ...snap.targetExtra, responsibleUnit: snap.responsibleUnit, responsiblePerson: snap.responsiblePerson || rng.pick(townStaff) },
          townCode: snap.townCode, townName: snap.townName, startedAt: at, endedAt: minute(start + rng.int(30, 150) * 60_000),
          place: snap.place || snap.targetName, lon: target?.lon ?? null, lat: target?.lat ?? null, positionSource: target?.lon ? 'device' : null,
          officers: two.map((o) => ({ personId: o.id, name: o.name, certificateNo: o.certificateNo })),
          recorder: { personId: two[1].id, name: two[1].name, certificateNo: two[1].certificateNo },
          present: { name: rng.pick(SURNAMES) + rng.pick(GIVEN), idNumber: idNumber(rng), post: rng.pick(['环保主管', '厂长', '安全员', '项目经理']), phone: `139${String(rng.int(0, 99999999)).padStart(8, '0')}` },
          body: '执法人员出示证件，告知权利义务后，在当事人陪同下进行现场检查。', notice: DEFAULT_NOTICE, failingCount: 0, createdBy: author,
          recusal: '不申请回避',
          // 检查来源: a complaint's verification is 信访; of the rest most are routine, some 双随机 or a campaign (no draw from the seed).
          source: template.startsWith('builtin:complaint-verification') ? '信访' : (['日常', '双随机', '日常', '专项', '日常', '督察交办'] as const)[n % 6],
        }, author);
        const answers: Answers = {};
        const failRate = rng.chance(0.3) ? 0.12 : 0;
        const near = { lon: target?.lon ?? 115.0, lat: target?.lat ?? 25.9 };
        for (const { item } of itemsOf(def)) {
          if (!isVisible(item, answers)) continue;
          if (item.type === 'photo') {
            const k = Math.max(item.minCount, item.required ? 1 : 0, rng.chance(0.5) ? 1 : 0);
            for (let j = 0; j < Math.min(k, item.maxCount); j++) {
              const ph = rng.pick(photoShas.filter((x) => SCENES_FOR[template.split(':')[1].split('@')[0]]?.includes(x.p.label)));
              store.write(INSPECTION_PHOTO, rng.uuid(start + j), {
                inspectionId: id, itemId: item.id, sha256: ph.sha, thumbSha256: ph.thumb, fileName: `${ph.p.label}.jpg`, caption: ph.p.label,
                takenAt: at, lat: target?.lat ?? null, lon: target?.lon ?? null, width: ph.p.width, height: ph.p.height,
              }, author);
            }
            continue;
          }
          if (item.type === 'signature') continue;
          if (!item.required && rng.chance(0.3)) continue;
          const value = answerFor(rng, item, !!item.failWhen && rng.chance(failRate), at, near, {
            party: snap.targetExtra.responsibleParty ?? '', town: snap.townName, permit: snap.targetExtra.uscc ? `${snap.targetExtra.uscc}001P` : '未取得',
          });
          if (value === null) continue;
          answers[item.id] = { value, note: '' };
          store.write(INSPECTION_ANSWER, `${id}/${item.id}`, { inspectionId: id, itemId: item.id, value, note: '' }, author);
        }
        const failing = itemsOf(def).filter(({ item }) => isFailing(item, answers[item.id]?.value ?? null)).length;
        store.write(INSPECTION, id, { failingCount: failing }, author);
        for (const f of proposedFindings(def, answers, getInspectionRow(db, id)!, reviewedFindingsOf(db, id))) {
          const { itemLabel: _l, ...fields } = f;
          store.write(INSPECTION_FINDING, `${id}/${f.itemId}`, { ...fields, inspectionId: id, responsiblePerson: f.responsiblePerson || rng.pick(townStaff) }, author);
        }
        const signedAt = minute(start + 150 * 60_000) + ':00';
        const sign = (role: string, signerName: string) => store.write(INSPECTION_SIGNATURE, `${id}/${role}`, {
          inspectionId: id, role, signerName, sha256: rng.pick(signatureShas), signedAt, refusedReason: null,
        }, author);
        sign('inspected', (getInspectionRow(db, id)!.present.name));
        for (const o of two) sign(`officer:${o.id}`, o.name);
        sign('recorder', two[1].name);
        finalizeInspection(ctx, id, new Date(start + 160 * 60_000).toISOString());
      }
    });
    onProgress?.(Math.min(plan.length, from + BATCH), plan.length);
  }
  return plan.length;
}
