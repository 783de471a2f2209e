import { z } from 'zod';
import { HUB_ROLES, type HubRole } from '../sync/roles';
import { Id } from './common';
import { ExportFile } from './ledgers';

const ROLE_KEYS = Object.keys(HUB_ROLES) as [HubRole, ...HubRole[]];
export const AccountRole = z.enum(ROLE_KEYS, { message: `角色应为 ${Object.values(HUB_ROLES).join('、')} 之一` });

/** A sign-in name: 1–50 letters, digits, 汉字 or . _ - (as the hub's accounts). */
export const AccountName = z.string().trim().regex(/^[\w.\-\u4e00-\u9fa5]{1,50}$/, '用户名应为 1–50 个字母、数字、汉字或 . _ -');
/**
 * A password (等保 2.0 GB/T 22239-2019 8.1.4.1 a: 身份鉴别信息具有复杂度要求并定期更换):
 * at least 8 characters with letters and digits.
 */
export const Password = z.string().min(8, '密码至少 8 位').max(200, '密码过长')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字');
/** The PIN that unlocks the app after an idle lock: 6 digits, set by the person. */
export const Pin = z.string().regex(/^\d{6}$/, 'PIN 应为 6 位数字');

export const Account = z.object({
  name: z.string(), personId: z.string(), personName: z.string(), role: AccountRole, towns: z.array(z.string()),
  source: z.enum(['local', 'hub']), disabled: z.boolean(), hasPin: z.boolean(), lockedUntil: z.string().nullable(),
  createdAt: z.string(), lastSignIn: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const AuthStatus = z.object({
  /** No account yet and no hub: the first run creates the administrator. */
  needsSetup: z.boolean(),
  /** Joined to a hub: people sign in with their hub accounts (the first time on this laptop, online). */
  hubJoined: z.boolean(),
  /** Nobody has an account here yet (a new laptop may join its hub before anyone signs in). */
  noAccounts: z.boolean(),
  signedIn: z.boolean(),
  locked: z.boolean(),
  account: Account.nullable(),
  idleLockMinutes: z.number(),
  /**
   * The workspace is encrypted at rest (issue 18) and not opened yet: nothing of it can be read until a
   * person's password (or the recovery code) opens its key.
   */
  sealed: z.boolean(),
  /** The workspace is encrypted at rest (its key in slots beside it). */
  protected: z.boolean(),
  /** Only in the answer of the call that protected a workspace without a hub: its recovery code, shown once. */
  recoveryCode: z.string().nullable(),
  /** The demo county's accounts and their password (shown on its sign-in page); empty elsewhere. */
  demoAccounts: z.array(z.object({ user: z.string(), role: AccountRole, name: z.string(), password: z.string() })),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const AuditEntry = z.object({
  seq: z.number(), at: z.string(), account: z.string().nullable(), personName: z.string(), action: z.string(), actionLabel: z.string(),
  entity: z.string().nullable(), entityId: z.string().nullable(), detail: z.record(z.string(), z.unknown()), hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** What a reveal may show in full: a phone, an ID number, a complainant (个人信息保护法). */
export const RevealField = z.enum(['phone', 'contactPhone', 'complainant', 'present']);

export const authProcedures = {
  'auth.status': { input: z.object({}).default({}), output: AuthStatus },
  /** The first run of a workspace without a hub: its administrator (refused once any account exists). */
  'auth.setup': { input: z.object({ user: AccountName, personName: z.string().trim().min(1, '请填写姓名').max(30), password: Password }), output: AuthStatus },
  'auth.signIn': { input: z.object({ user: z.string().trim().min(1, '请填写用户名').max(50), password: z.string().min(1, '请填写密码').max(200) }), output: AuthStatus },
  /**
   * A forgotten password of a workspace without a hub: the recovery code printed when it was protected
   * opens it, and sets a new password for a local account (which is signed in).
   */
  'auth.recover': { input: z.object({ code: z.string().trim().min(1, '请填写恢复码').max(60), user: z.string().trim().min(1, '请填写用户名').max(50), newPassword: Password }), output: AuthStatus },
  /**
   * Host-only: a command that opened the workspace with this account's own key slot (its password was
   * proved by opening it) signs in without a second password check (issue 18).
   */
  'auth.signInOpened': { input: z.object({ user: z.string().trim().min(1).max(50) }), output: AuthStatus },
  'auth.signOut': { input: z.object({}).default({}), output: AuthStatus },
  'auth.lock': { input: z.object({}).default({}), output: AuthStatus },
  /** Unlocks after an idle lock with the PIN, or the password (after 5 wrong PINs, only the password). */
  'auth.unlock': { input: z.object({ pin: z.string().max(20).optional(), password: z.string().max(200).optional() }), output: AuthStatus },
  'auth.setPin': { input: z.object({ pin: Pin, password: z.string().min(1, '请填写密码').max(200) }), output: AuthStatus },
  'auth.changePassword': { input: z.object({ password: z.string().min(1, '请填写原密码').max(200), newPassword: Password }), output: AuthStatus },
  /** The person is active (keeps the session from the idle lock). */
  'auth.touch': { input: z.object({}).default({}), output: z.object({ locked: z.boolean() }) },
  'auth.accounts': { input: z.object({}).default({}), output: z.array(Account) },
  'auth.createAccount': { input: z.object({ user: AccountName, personId: Id, role: AccountRole, towns: z.array(z.string().regex(/^\d{9}(\d{3})?$/, '镇街代码应为 9 或 12 位数字')).max(50).default([]), password: Password }), output: Account },
  'auth.updateAccount': { input: z.object({ user: z.string().min(1), role: AccountRole.optional(), towns: z.array(z.string().regex(/^\d{9}(\d{3})?$/, '镇街代码应为 9 或 12 位数字')).max(50).optional(), disabled: z.boolean().optional() }), output: Account },
  'auth.resetPassword': { input: z.object({ user: z.string().min(1), password: Password }), output: Account },
  'audit.list': { input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), action: z.string().max(50).optional() }).default({ offset: 0, limit: 100 }), output: z.object({ rows: z.array(AuditEntry), total: z.number(), chainIntact: z.boolean() }) },
  'audit.export': { input: z.object({}).default({}), output: z.object({ file: ExportFile, rows: z.number() }) },
  /** Shows one masked value in full, when the role allows; every reveal is logged. */
  'audit.reveal': { input: z.object({ entity: z.enum(['person', 'enterprise', 'complaint', 'inspection']), id: Id, field: RevealField }), output: z.object({ value: z.string() }) },
} as const;
