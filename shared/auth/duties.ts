/**
 * Separation of duties on a problem (issue 18; DESIGN §11; 等保 2.0 GB/T 22239-2019 8.1.4.2 c 权限分离):
 * 验收 (accepted) and 销号 (closed) are not done by a person who found the problem (an officer of the
 * inspection that raised it, or who registered it), rectified it (the person it was assigned to, or who
 * reported progress or asked for acceptance) or rechecked it. Judged from the problem's own events.
 */
export const DUTY_CHECKED_KINDS: readonly string[] = ['accepted', 'closed'];

export type ProblemHistory = {
  events: readonly { kind: string; author: string }[];
  /** Officers of the inspection that raised it (and of a recheck inspection), by person id. */
  officers: readonly string[];
  responsiblePersonId: string | null;
};

const ROLES_OF_KIND: Record<string, string> = { created: '登记', progress: '整改', submitted: '整改', rechecked: '复查' };
const KIND_LABEL: Record<string, string> = { accepted: '验收', closed: '销号' };

/** Why this person may not record this event on this problem, or null. */
export function dutyRefusal(kind: string, personId: string, h: ProblemHistory): string | null {
  if (!DUTY_CHECKED_KINDS.includes(kind)) return null;
  const did = new Set<string>();
  if (h.officers.includes(personId)) did.add('检查发现');
  if (h.responsiblePersonId === personId) did.add('负责整改');
  for (const e of h.events) if (e.author === personId && ROLES_OF_KIND[e.kind]) did.add(ROLES_OF_KIND[e.kind]);
  // 销号 is signed off by a reviewer who neither rectified nor accepted it; 市级复核 is not the 县级验收's author (issue 19).
  if (h.events.some((e) => e.author === personId && e.kind === 'accepted')) did.add('验收');
  if (!did.size) return null;
  return `职责分离：您参与了该问题的${[...did].join('、')}，不能${KIND_LABEL[kind]}；请由其他人员办理`;
}
