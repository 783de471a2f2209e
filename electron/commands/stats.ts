import { FINDING_STATE_LABELS, FINDING_STATES } from '../../shared/finding/states';
import { withWorkbench } from '../core/maintenance';

const LABELS: Record<string, string> = {
  enterprises: '排污单位', outfalls: '入河排污口', regions: '区划', people: '人员', watersheds: '流域', waterBodies: '水体', changes: '变更记录',
  inspections: '现场检查记录', finalizedInspections: '其中已定稿', findings: '问题', checklistTemplates: '检查表模板版本', blobs: '照片与签名文件',
  findingEvents: '问题办理事件', complaints: '信访件', cases: '案件', plans: '双随机抽查计划',
};

/** `qingshui stats --data DIR [--json]`: counts of live records per kind. */
export async function statsCommand(dataDir: string, json: boolean): Promise<void> {
  const counts = await withWorkbench(dataDir, (wb) => wb.call('workspace.stats', {}));
  if (json) { console.log(JSON.stringify(counts)); return; }
  for (const [k, v] of Object.entries(counts)) if (typeof v === 'number') console.log(`${LABELS[k] ?? k}：${v}`);
  console.log(`问题按状态：${FINDING_STATES.map((s) => `${FINDING_STATE_LABELS[s]} ${counts.findingsByState[s] ?? 0}`).join('，')}`);
}
