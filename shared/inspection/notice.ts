/** The notice officers read out before a 现场检查 (DOMAIN: show IDs, duty to answer truthfully, recusal). */
export const DEFAULT_NOTICE =
  '我们是生态环境执法人员，现向你出示执法证件。我们依法对你单位进行现场检查，请予以配合。' +
  '你应当如实回答询问，如实提供有关资料，不得拒绝、阻挠或者提供虚假情况。' +
  '如果你认为执法人员与本案有直接利害关系，可能影响公正执法的，你有申请回避的权利。你是否申请回避？';

/** Who signs a 现场检查笔录, besides each officer (`officer:<personId>`). */
export const SIGNATURE_ROLES = ['inspected', 'recorder', 'witness'] as const;

/** The Chinese name of a signature role. */
export function signatureRoleLabel(role: string): string {
  if (role.startsWith('officer:')) return '检查人';
  return ({ inspected: '被检查单位现场负责人', recorder: '记录人', witness: '见证人' } as Record<string, string>)[role] ?? role;
}

/** The Chinese name of an inspection state. */
export const INSPECTION_STATE_LABELS: Record<string, string> = { draft: '草稿', finalized: '已定稿', superseded: '已被更正' };

export const TARGET_KIND_LABELS: Record<string, string> = { enterprise: '排污单位', outfall: '入河排污口', site: '其他场所' };
