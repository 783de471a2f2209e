import { DomainError } from '../../shared/api/result';
import type { Quota } from '../../shared/plan/draw';
import { withWorkbench } from '../core/maintenance';
import type { Workbench } from '../core/workbench';

export type PlanDrawOptions = {
  dataDir: string; seed?: string; plan?: string; name?: string; matter?: string; from?: string; to?: string;
  key?: string; general?: string; special?: string; release: boolean; json: boolean;
};

/** "25%" → a ratio, "12" → a count. */
function quota(text: string | undefined, flag: string, fallback: Quota): Quota {
  if (text === undefined) return fallback;
  const pct = text.match(/^(\d+(?:\.\d+)?)%$/);
  if (pct) return { mode: 'ratio', value: Number(pct[1]) / 100 };
  if (/^\d+$/.test(text)) return { mode: 'count', value: Number(text) };
  throw new DomainError('invalid', `--${flag} 应为比例（如 25%）或家数（如 12），收到“${text}”`);
}

async function printDraw(wb: Workbench, planId: string, json: boolean) {
  const { plan: p, tasks: drawn } = await wb.call('plans.get', { id: planId });
  const plan = { name: p.name, seed: p.seed, sha256: p.drawSha256, state: p.state };
  const tasks = drawn.map((t) => ({ order: t.order, category: t.category, targetId: t.targetId, targetName: t.targetName, town: t.townName, inspectors: t.inspectors.map((x) => x.name) }));
  if (json) { console.log(JSON.stringify({ planId, ...plan, tasks })); return; }
  console.log(`抽查计划“${plan.name}”（${planId}）已抽取 ${tasks.length} 家，随机种子 ${plan.seed}，结果摘要 SHA-256 ${plan.sha256}${plan.state === 'released' ? '，已发布' : '，尚未发布（对执法人员保密）'}`);
  for (const t of tasks) console.log(`  ${String(t.order).padStart(3)}. [${t.category}] ${t.targetName}（${t.town ?? ''}） — ${t.inspectors.join('、')}`);
  console.log(`复核：qingshui plan verify ${planId} --data DIR`);
}

/** `qingshui plan draw --data DIR --seed S [--plan ID | --name … --key 25% --general 5% --special 0] [--release]`. */
export async function planDrawCommand(o: PlanDrawOptions): Promise<void> {
  await withWorkbench(o.dataDir, async (wb) => {
    const today = (await wb.call('workspace.info', {})).today;
    let planId = o.plan;
    if (!planId) {
      const year = today.slice(0, 4);
      const plan = await wb.call('plans.create', {
        name: o.name ?? `${year}年“双随机、一公开”抽查（${today}）`, matter: o.matter ?? '排污许可执行情况、污染防治设施运行、自行监测、环境管理台账',
        periodFrom: o.from ?? today, periodTo: o.to ?? `${year}-12-31`,
        quotas: { 重点: quota(o.key, 'key', { mode: 'ratio', value: 0.25 }), 一般: quota(o.general, 'general', { mode: 'ratio', value: 0.05 }), 特殊: quota(o.special, 'special', { mode: 'count', value: 0 }) },
      });
      planId = plan.id;
    }
    await wb.call('plans.draw', { id: planId, seed: o.seed });
    if (o.release) await wb.call('plans.release', { id: planId });
    await printDraw(wb, planId, o.json);
  });
}

/** `qingshui plan verify PLAN_ID --data DIR [--json]`: recomputes the draw from its seed; exit 1 when it differs. */
export async function planVerifyCommand(planId: string, dataDir: string, json: boolean): Promise<void> {
  const r = await withWorkbench(dataDir, (wb) => wb.call('plans.verify', { id: planId }));
  if (json) console.log(JSON.stringify(r));
  else {
    console.log(`按随机种子 ${r.seed} 重新抽取 ${r.tasks} 项，结果摘要 ${r.sha256}`);
    for (const p of r.problems) console.log(`  ✗ ${p}`);
    if (r.ok) console.log('一致：记录的抽取结果与重算结果完全相同');
  }
  if (!r.ok) throw new DomainError('invalid', `抽取结果与重算不一致（${r.problems.length} 处）`);
}

/** `qingshui plan publish PLAN_ID --data DIR --date YYYY-MM-DD [--json]`: records the day the checked results were published (公示). */
export async function planPublishCommand(planId: string, dataDir: string, date: string, json: boolean): Promise<void> {
  const r = await withWorkbench(dataDir, (wb) => wb.call('plans.publish', { id: planId, publishedAt: date }));
  if (json) { console.log(JSON.stringify({ published: r.published, tasks: r.tasks.map((t) => ({ id: t.id, targetName: t.targetName, inspectedAt: t.inspectedAt, publishedAt: t.publishedAt, publishDue: t.publishDue, publication: t.publication })) })); return; }
  console.log(`已记录 ${r.published} 项抽查结果的公示日期 ${date}`);
  for (const t of r.tasks.filter((x) => x.publication !== '未检查')) console.log(`  ${t.targetName}：${t.publication}${t.publishDue ? `（应于 ${t.publishDue} 前公示）` : ''}`);
}
