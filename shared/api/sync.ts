import { z } from 'zod';
import { HUB_ROLES, type HubRole } from '../sync/roles';
import { ExportFile } from './ledgers';

export const SyncStatus = z.object({
  enrolled: z.boolean(), hubUrl: z.string().nullable(),
  /** The pinned SHA-256 fingerprint of the hub's HTTPS certificate (null: plain http). */
  hubFingerprint: z.string().nullable(),
  deviceId: z.string().nullable(), node: z.string(), user: z.string().nullable(),
  role: z.string().nullable(), towns: z.array(z.string()), enrollState: z.enum(['pending', 'approved', 'revoked']).nullable(),
  lastSyncAt: z.string().nullable(), cursor: z.number(), pendingChanges: z.number(), pendingBlobs: z.number(), mediaPending: z.number(),
  conflicts: z.number(), rejected: z.number(),
  /** Codes meant to be unique held by two or more records (registered on two laptops before either synced). */
  duplicates: z.number(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncReportOut = z.object({
  pushed: z.number(), quarantined: z.number(), pulled: z.number(), snapshotRecords: z.number(), applied: z.number(), conflictsNoticed: z.number(), rejected: z.number(),
  drifted: z.number(), blobsUp: z.number(), blobsDown: z.number(), mediaPending: z.number(), cursor: z.number(), refolded: z.number(),
  /** Audit log entries the hub kept in this sync (issue 18). */
  auditSent: z.number(),
  /** Issue 18: the hub's countersigned receipts of signed records received in this sync. */
  receipts: z.number(),
  /** Whole records asked of the hub (a change came for one this laptop never had, e.g. moved into its towns). */
  fetched: z.number(),
  /** Issue 21: the hub was restored from a backup since the last sync — its new epoch, this laptop's changes sent again, where the pull began again. */
  restart: z.object({ epoch: z.number(), resent: z.number(), pullFrom: z.number() }).nullable(),
});
export type SyncReportOut = z.infer<typeof SyncReportOut>;

export const ConflictOut = z.object({
  entity: z.string(), entityName: z.string(), entityId: z.string(), recordName: z.string(), field: z.string(), fieldLabel: z.string(),
  values: z.array(z.object({ hlc: z.string(), at: z.string(), author: z.string(), authorName: z.string(), value: z.unknown(), winning: z.boolean() })),
});
export type ConflictOut = z.infer<typeof ConflictOut>;

export const DuplicateOut = z.object({
  entity: z.string(), entityName: z.string(), keyLabel: z.string(), key: z.string(), records: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DuplicateOut = z.infer<typeof DuplicateOut>;

const Rejected = z.object({ cid: z.string(), entity: z.string(), entityName: z.string(), entityId: z.string(), reason: z.string(), at: z.string() });
export type Rejected = z.infer<typeof Rejected>;
const QuarantineItem = z.object({ cid: z.string(), deviceId: z.string().nullable(), user: z.string().nullable(), entity: z.string(), entityName: z.string(), entityId: z.string(), recordName: z.string(), reason: z.string(), at: z.string() });
/** A change the hub keeps but did not apply (outside the author's role or area, a signed document with another hash). */
export type QuarantineItem = z.infer<typeof QuarantineItem>;

const HubDevice = z.object({
  id: z.string(), node: z.string(), name: z.string(), user: z.string(), userDisplay: z.string(), role: z.string(), towns: z.array(z.string()),
  state: z.enum(['pending', 'approved', 'revoked']), createdAt: z.string(), approvedAt: z.string().nullable(), revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  /** How many of its changes carried a clock far ahead of the hub's (its time is set wrong). */
  clockAhead: z.number(),
});
/** A laptop enrolled at the hub, as its admins see it. */
export type HubDevice = z.infer<typeof HubDevice>;

const HubUser = z.object({ name: z.string(), display: z.string(), role: z.string(), towns: z.array(z.string()), disabled: z.boolean(), createdAt: z.string() });
/** A hub account, as its admins see it (no password). */
export type HubUser = z.infer<typeof HubUser>;
const role = z.enum(Object.keys(HUB_ROLES) as [HubRole, ...HubRole[]], { message: '角色应为 管理员、局机关人员、执法人员 或 镇街工作人员' });
const towns = z.array(z.string().regex(/^\d{9}(\d{3})?$/, '镇街代码应为 9 或 12 位数字')).max(200);
export const newHubUserSchema = z.object({
  name: z.string().trim().min(1, '请填写账号').max(50), display: z.string().trim().max(50).optional(), role, towns: towns.default([]),
  password: z.string().min(8, '密码至少 8 位').max(200),
});
export const hubUserPatchSchema = z.object({
  display: z.string().trim().min(1, '姓名不能为空').max(50).optional(), role: role.optional(), towns: towns.optional(),
  password: z.string().min(8, '密码至少 8 位').max(200).optional(), disabled: z.boolean().optional(),
});

export const syncProcedures = {
  'sync.status': { input: z.object({}).default({}), output: SyncStatus },
  /** Registers this workspace with a hub (an admin approves it unless the user is an admin). */
  'sync.enroll': {
    input: z.object({
      hubUrl: z.string().trim().min(1, '请填写同步中心地址').max(300), user: z.string().trim().min(1, '请填写账号').max(100), password: z.string().min(1, '请填写密码').max(200),
      /** The certificate fingerprint the hub's admin gave (checked before anything is sent). */
      fingerprint: z.string().trim().max(120).optional(),
      /** A plain http:// hub that is not this machine, accepted knowingly (a trusted bureau network). */
      insecure: z.boolean().default(false),
    }),
    output: SyncStatus.extend({
      /** What the hub answered: this device, its node, its state and the certificate it pinned. */
      enrolment: z.object({ deviceId: z.string(), node: z.string(), state: z.enum(['pending', 'approved', 'revoked']), role: z.string(), towns: z.array(z.string()), fingerprint: z.string().nullable(), trusted: z.boolean() }),
    }),
  },
  /** One sync now: push, upload, pull, download (progress by phase through the job id). */
  'sync.run': { input: z.object({ jobId: z.string().max(64).optional() }).default({}), output: SyncReportOut },
  'sync.conflicts': { input: z.object({}).default({}), output: z.array(ConflictOut) },
  /** Keeps one of a conflict's values: written as a new change that syncs. */
  'sync.resolve': { input: z.object({ entity: z.string().max(40), entityId: z.string().max(200), field: z.string().max(60), hlc: z.string().max(80) }), output: z.object({ remaining: z.number() }) },
  /** Records sharing a code meant to be unique, brought together by sync: keep one. */
  'sync.duplicates': { input: z.object({}).default({}), output: z.array(DuplicateOut) },
  /** Changes refused here or quarantined at the hub, with the reason. */
  'sync.rejected': { input: z.object({}).default({}), output: z.array(Rejected) },
  /** The hub's quarantine (admins only; asks the hub). */
  'sync.quarantine': { input: z.object({}).default({}), output: z.array(QuarantineItem) },
  /** Releases a change from the hub's quarantine (admins only): applied at the hub, on every laptop with its next sync. */
  'sync.releaseQuarantined': { input: z.object({ cid: z.string().min(1).max(80) }), output: z.object({ released: z.array(z.string()) }) },
  /** The hub's enrolled laptops (admins only; asks the hub). */
  'sync.devices': { input: z.object({}).default({}), output: z.array(HubDevice) },
  /** Approves a laptop's enrolment or revokes a laptop (lost, handed back): admins only. */
  'sync.setDeviceState': { input: z.object({ id: z.string().min(1).max(80), state: z.enum(['approved', 'revoked']) }), output: HubDevice },
  /** The hub's accounts (admins only). */
  'sync.users': { input: z.object({}).default({}), output: z.array(HubUser) },
  /** A new account at the hub (admins only); its laptops enrol with it. */
  'sync.addUser': { input: newHubUserSchema, output: HubUser },
  /** Changes an account at the hub (admins only): role, towns (a town officer's area), name, password, disabled. */
  'sync.updateUser': { input: z.object({ name: z.string().min(1).max(50), patch: hubUserPatchSchema }), output: HubUser },
  /** Writes a bundle for the hub into the exports folder (for a USB stick). */
  'sync.exportBundle': { input: z.object({}).default({}), output: z.object({ file: ExportFile, changes: z.number(), blobs: z.number(), bytes: z.number(), summary: z.string() }) },
  /** Imports the hub's return bundle: its bytes from a page, or `staged` (a file a program on this computer put in the workspace's uploads). */
  'sync.importBundle': {
    input: z.object({ name: z.string().max(300).default(''), base64: z.string().max(400_000_000, '同步包过大，请用命令行 qingshui bundle import 导入').default(''), staged: z.string().max(100).default('') }),
    output: z.object({ summary: z.string(), applied: z.number(), duplicates: z.number(), acknowledged: z.number(), quarantined: z.number(), blobs: z.number(), cursor: z.number() }),
  },
} as const;
