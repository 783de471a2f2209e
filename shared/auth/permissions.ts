import { HUB_ROLES, type HubRole } from '../sync/roles';

/**
 * The one permission table (DESIGN §11; issue 18): what each role may do, read by the renderer to
 * hide what a person cannot do and enforced by the core before any procedure runs (and by the hub).
 * A laptop's accounts have the hub's roles: 管理员, 局机关人员, 执法人员, 镇街工作人员.
 *
 * Sources: 等保 2.0 (GB/T 22239-2019 §8.1.4.2 访问控制: 授予管理用户所需的最小权限，实现管理用户的权限分离);
 * 个人信息保护法 第五十一条 (操作权限、访问控制); the county's 销号 practice (DOMAIN: 验收 by someone
 * other than who rectified). Separation of duties on a problem is in `duties.ts`; a town officer's
 * area is judged where the record is written.
 */
export type Role = HubRole;
export const ROLE_LABELS = HUB_ROLES;

export type Action =
  | 'public'      // before sign-in: sign in, first administrator, what the sign-in page shows
  | 'session'     // a signed-in person's own session: lock, PIN, sign out, own password
  | 'read'        // lists, pages, maps, dashboards
  | 'settings'    // workspace settings, basemap, boundaries, workspaces
  | 'accounts'    // people, accounts, roles, who sees complainants, devices and hub users
  | 'audit'       // the audit log
  | 'registers'   // enterprises, outfalls, places
  | 'checklists'  // checklist templates
  | 'inspect'     // field inspections (检查笔录)
  | 'correct'     // 更正 of a finalized record (its officers or an admin: checked by the service)
  | 'findings'    // problems: raise, assign, rectify, recheck, accept, close (duties checked by the service)
  | 'complaints'  // 信访
  | 'cases'       // 立案查处
  | 'plans'       // 双随机 plans and directory
  | 'ledgers'     // export ledgers
  | 'import'      // import a clerk's ledger into the registers
  | 'sync'        // sync with the hub, bundles, conflicts
  | 'personal';   // phone and ID numbers shown in full in pages and ledgers (others see them masked, a reveal is logged)

export const ACTION_LABELS: Record<Action, string> = {
  public: '登录', session: '本人会话', read: '查看', settings: '修改系统设置', accounts: '管理人员、账号和权限', audit: '查看审计日志',
  registers: '修改单位、排污口和区划名录', checklists: '修改检查表', inspect: '开展现场检查', correct: '更正已定稿笔录',
  findings: '办理问题', complaints: '办理信访', cases: '办理案件', plans: '制定双随机计划', ledgers: '导出台账', import: '导入台账', sync: '同步',
  personal: '查看完整的电话和身份证号',
};

const ALL: readonly Role[] = ['admin', 'bureau', 'inspector', 'town'];

/** Who may do what. 局机关人员 read everything, plan and keep ledgers, make no field records. */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  public: ALL, session: ALL, read: ALL, sync: ALL, ledgers: ALL,
  settings: ['admin'], accounts: ['admin'], audit: ['admin'],
  registers: ['admin', 'bureau', 'inspector', 'town'],
  checklists: ['admin', 'bureau'],
  inspect: ['inspector', 'town'],
  correct: ['admin', 'inspector', 'town'],
  findings: ['admin', 'bureau', 'inspector', 'town'],
  complaints: ['admin', 'bureau', 'inspector', 'town'],
  cases: ['admin', 'bureau', 'inspector'],
  plans: ['admin', 'bureau'],
  import: ['admin', 'bureau'],
  personal: ['admin', 'bureau'],
};

/** Whether a role may do an action. */
export function may(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

/** Why a role may not do an action (Chinese), or null. */
export function permissionRefusal(role: Role, action: Action): string | null {
  if (may(role, action)) return null;
  return `${ROLE_LABELS[role]}无权${ACTION_LABELS[action]}；如需办理，请由有权限的人员登录`;
}

