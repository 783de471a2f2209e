/** What the audit log records (issue 18), by key, with the words an admin reads. */
export const AUDIT_ACTIONS = {
  setup: '创建管理员', sign_in: '登录', sign_in_failed: '登录失败', sign_out: '退出', lock: '锁定', unlock: '解锁', unlock_failed: '解锁失败',
  account_locked: '账号因多次失败被锁定', session_expired: '闲置锁定',
  reveal: '查看完整个人信息', export: '导出', unmasked_export: '导出（含完整个人信息）',
  account_created: '新建账号', account_changed: '修改账号角色或状态', password_reset: '重置密码', password_changed: '修改本人密码', pin_set: '设置 PIN',
  permission_changed: '权限变更', settings_changed: '修改系统设置', correct: '更正已定稿笔录', device_enrolled: '设备登记', device_state: '设备批准或注销',
  refused: '越权操作被拒绝', protected: '工作区加密（静态数据保护）', recovered: '以恢复码重设密码', unsealed: '解锁加密工作区',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** An action's label (an unknown one as it is). */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
