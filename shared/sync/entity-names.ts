/** What each kind of record is called on screen (conflicts, refused and quarantined changes). */
const ENTITY_NAMES: Record<string, string> = {
  enterprise: '排污单位', outfall: '排污口', person: '人员', finding: '问题', complaint: '信访', case: '案件', inspection: '现场检查',
  inspection_answer: '检查项结论', inspection_photo: '检查照片', inspection_recording: '检查录音录像', inspection_signature: '检查签名', inspection_finding: '检查发现的问题',
  inspection_record: '检查笔录', record_event: '处理记录', checklist_template: '检查表模板', settings: '设置', plan: '双随机计划',
  plan_task: '双随机任务', directory_entry: '检查对象名录', inspector_conflict: '回避关系', region: '行政区划', water_body: '水体',
  watershed: '流域', geometry: '地图边界',
};

export function entityName(entity: string): string {
  return ENTITY_NAMES[entity] ?? entity;
}

const NAME_FIELDS = ['name', 'targetName', 'number', 'description'];

/** What a person would call one record, from its field values (its name, else its target, number or description); '' when none. */
export function recordNameOf(value: (field: string) => unknown): string {
  for (const f of NAME_FIELDS) {
    const v = value(f);
    if (typeof v === 'string' && v) return v;
  }
  return '';
}
