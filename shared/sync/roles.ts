/**
 * Who may change and see what at the hub (DESIGN §8): a change outside the author's role or area is
 * quarantined, and a pull returns only what the device may see.
 */
export type HubRole = 'admin' | 'bureau' | 'inspector' | 'town';

export const HUB_ROLES: Record<HubRole, string> = { admin: '管理员', bureau: '局机关人员', inspector: '执法人员', town: '镇街工作人员' };

/** A role's name in Chinese (an unknown one as it is). */
export function roleName(role: string | null): string {
  return role === null ? '' : HUB_ROLES[role as HubRole] ?? role;
}

/** A laptop's enrolment at the hub, as an admin reads it. */
export const DEVICE_STATES = { pending: '待批准', approved: '已批准', revoked: '已注销' } as const;

/** Records only the bureau keeps: directories, settings, plans, the map's shapes. */
const BUREAU_ENTITIES: Record<string, string> = {
  settings: '系统设置', person: '人员名录', region: '行政区划', watershed: '流域', water_body: '水体', plan: '双随机计划',
  plan_task: '双随机任务', directory_entry: '检查对象名录', inspector_conflict: '回避关系', geometry: '地图边界',
};

/**
 * The record a child record belongs to (its town is the parent's): an inspection's parts, an event's
 * finding, complaint or case, and the 双随机 directory's entries about an enterprise (a town officer
 * receives those of their towns' enterprises only — one about another town's would name a record
 * their laptop does not hold).
 */
export function parentOf(entity: string, entityId: string, fields: Record<string, unknown>): { entity: string; id: string } | null {
  if (entity === 'directory_entry') return { entity: 'enterprise', id: entityId };
  if (entity === 'inspector_conflict' && typeof fields.targetId === 'string') return { entity: 'enterprise', id: fields.targetId };
  if (entity === 'record_event' && typeof fields.stream === 'string' && typeof fields.streamId === 'string') return { entity: fields.stream, id: fields.streamId };
  if (entity === 'inspection_record') return { entity: 'inspection', id: entityId };
  if (entity.startsWith('inspection_')) {
    const id = typeof fields.inspectionId === 'string' ? fields.inspectionId : entityId.split('/')[0];
    return { entity: 'inspection', id };
  }
  return null;
}

/** Why this author may not write this change, or null when they may. `town` is the record's town (null: none). */
export function writeRefusal(role: HubRole, towns: string[], entity: string, town: string | null): string | null {
  if (role === 'admin' || role === 'bureau') return null;
  if (BUREAU_ENTITIES[entity]) return `${HUB_ROLES[role]}不能修改${BUREAU_ENTITIES[entity]}`;
  if (role === 'inspector') return null;
  if (town === null) return '该记录没有所属镇街，镇街工作人员不能修改';
  if (!towns.includes(town)) return `记录属于镇街 ${town}，不在该账号负责的镇街（${towns.join('、') || '无'}）内`;
  return null;
}

/** The enterprise or outfall a record is about (an inspection's, a finding's, a complaint's, a case's), or null. */
export function targetOf(fields: Record<string, unknown>): { entity: string; id: string } | null {
  const kind = fields.targetKind;
  if ((kind === 'enterprise' || kind === 'outfall') && typeof fields.targetId === 'string') return { entity: kind, id: fields.targetId };
  return null;
}

/**
 * The enterprise or outfall a record is about or belongs to: its target, or an outfall's 所属排污单位.
 * A town officer may not name one of another town (issue 21: it would become theirs to read as a reference).
 */
export function subjectOf(entity: string, fields: Record<string, unknown>): { entity: string; id: string } | null {
  if (entity === 'outfall') return typeof fields.enterpriseId === 'string' && fields.enterpriseId ? { entity: 'enterprise', id: fields.enterpriseId } : null;
  return targetOf(fields);
}

/** Whether a change names a record's subject anew (see subjectOf). */
export function namesSubject(entity: string, fields: Record<string, unknown>): boolean {
  return entity === 'outfall' ? 'enterpriseId' in fields : 'targetId' in fields || 'targetKind' in fields;
}

/**
 * Why this author may not write this change, judged from where the hub holds the record (DESIGN §11),
 * or null when they may. A town officer acts only on records in their towns as the hub has them now,
 * may neither move one out of their towns nor bring one in from elsewhere, and may not create a record
 * about an enterprise or outfall of another town.
 */
export function areaRefusal(role: HubRole, towns: string[], entity: string, area: { known: boolean; current: string | null; next: string | null; target: string | null; targetChanged?: boolean; targetUnknown?: boolean }): string | null {
  const here = writeRefusal(role, towns, entity, area.known ? area.current : area.next);
  if (here || role !== 'town') return here;
  const name = (t: string | null) => t ?? '（无）';
  if (area.known && area.next !== area.current && (area.next === null || !towns.includes(area.next))) {
    return `不能把记录从镇街 ${name(area.current)} 移到 ${name(area.next)}：不在该账号负责的镇街（${towns.join('、') || '无'}）内`;
  }
  const aboutTarget = !area.known || area.targetChanged;
  if (aboutTarget && area.targetUnknown) return '所涉单位或排污口在本中心不存在，镇街工作人员不能为其登记记录';
  if (aboutTarget && area.target !== null && !towns.includes(area.target)) {
    return `所涉单位或排污口属于镇街 ${area.target}，不在该账号负责的镇街（${towns.join('、') || '无'}）内`;
  }
  return null;
}

/** Whether a device of this role may receive a record of this town. */
export function mayRead(role: HubRole, towns: string[], town: string | null): boolean {
  return role !== 'town' || town === null || towns.includes(town);
}
