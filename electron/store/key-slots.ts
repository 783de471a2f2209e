import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { DomainError } from '../../shared/api/result';
import { deriveKek, newKdf, normalizeRecoveryCode, open, seal, type KdfParams } from './cipher';

/*
 * The key slots of a protected workspace (issue 18), in `workspace.qingshui.keys` beside the database
 * (0600): the workspace key wrapped once per account that may open this laptop, once by a recovery
 * code (a workspace without a hub) and once by the hub's secret for this device (a joined laptop).
 * The file names no person: an account slot is found by a hash of the sign-in name.
 */

const B64 = z.string().max(4096);
const WrappedSchema = z.object({ iv: B64, data: B64, tag: B64 });
const Kdf = z.object({ salt: B64, N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive() });
const Slot = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account'), id: z.string().max(64), kdf: Kdf, wrapped: WrappedSchema }),
  z.object({ kind: z.literal('recovery'), kdf: Kdf, wrapped: WrappedSchema }),
  z.object({ kind: z.literal('hub'), url: z.string().max(2048), fingerprint: z.string().max(200).nullable(), deviceId: z.string().max(200), wrapped: WrappedSchema }),
]);
const SlotFile = z.object({
  format: z.literal('qingshui-keys-v1'),
  slots: z.array(Slot).max(10_000),
  /** The demo county's accounts and their public password, for its sign-in page (a demo only). */
  demo: z.array(z.object({ user: z.string(), role: z.string(), password: z.string() })).max(20).optional(),
});
export type Slot = z.infer<typeof Slot>;
export type HubSlot = Extract<Slot, { kind: 'hub' }>;
export type SlotFile = z.infer<typeof SlotFile>;

export function keysFileOf(workspaceFile: string): string {
  return `${workspaceFile}.keys`;
}

/** How an account's slot is found without naming it in the file. */
export function slotId(user: string): string {
  return createHash('sha256').update(`qingshui-slot|${user}`).digest('hex').slice(0, 32);
}

export function readSlots(workspaceFile: string): SlotFile | null {
  const path = keysFileOf(workspaceFile);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch { raw = null; }
  const parsed = SlotFile.safeParse(raw);
  if (!parsed.success) throw new DomainError('invalid', `工作区密钥文件“${path}”已损坏，无法解锁；请从备份恢复，或由同步中心管理员恢复本机`);
  return parsed.data;
}

/** Replaces the slot file whole (temporary name, flushed, renamed): a crash leaves the old or the new. */
export function writeSlots(workspaceFile: string, file: SlotFile): void {
  const path = keysFileOf(workspaceFile);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try { writeSync(fd, JSON.stringify(file)); fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, path);
}

const aadOf = (s: Pick<Slot, 'kind'> & { id?: string }) => `qingshui-slot|${s.kind}|${s.id ?? ''}`;

/** A slot opened by `secret` (password, recovery code) for the workspace key. */
export async function passwordSlot(key: Buffer, secret: string, target: { kind: 'account'; user: string } | { kind: 'recovery' }, kdf: KdfParams = newKdf(), kek?: Buffer): Promise<Slot> {
  const k = kek ?? await deriveKek(secret, kdf);
  if (target.kind === 'recovery') return { kind: 'recovery', kdf, wrapped: seal(k, key, aadOf({ kind: 'recovery' })) };
  const id = slotId(target.user);
  return { kind: 'account', id, kdf, wrapped: seal(k, key, aadOf({ kind: 'account', id })) };
}

/** The slots of several accounts sharing one password (the demo's): one derivation for all. */
export async function sharedPasswordSlots(key: Buffer, password: string, users: string[]): Promise<Slot[]> {
  const kdf = newKdf();
  const kek = await deriveKek(password, kdf);
  return Promise.all(users.map((user) => passwordSlot(key, password, { kind: 'account', user }, kdf, kek)));
}

/** The hub slot binds where the hub is (its address and certificate) to what it wraps. */
const hubAad = (h: Omit<HubSlot, 'kind' | 'wrapped'>) => `qingshui-slot|hub|${h.deviceId}|${h.url}|${h.fingerprint ?? ''}`;

export function hubSlot(key: Buffer, secret: Buffer, hub: Omit<HubSlot, 'kind' | 'wrapped'>): HubSlot {
  return { kind: 'hub', url: hub.url, fingerprint: hub.fingerprint, deviceId: hub.deviceId, wrapped: seal(secret, key, hubAad(hub)) };
}

/** The workspace key from an account's slot and password, or null (no slot, wrong password). */
export async function openWithPassword(file: SlotFile, user: string, password: string): Promise<Buffer | null> {
  const id = slotId(user);
  const slot = file.slots.find((s) => s.kind === 'account' && s.id === id) as Extract<Slot, { kind: 'account' }> | undefined;
  if (!slot) return null;
  return open(await deriveKek(password, slot.kdf), slot.wrapped, aadOf(slot));
}

export async function openWithRecoveryCode(file: SlotFile, code: string): Promise<Buffer | null> {
  const slot = file.slots.find((s) => s.kind === 'recovery') as Extract<Slot, { kind: 'recovery' }> | undefined;
  if (!slot) return null;
  return open(await deriveKek(code, slot.kdf), slot.wrapped, aadOf(slot));
}

/** The workspace key opened by the recovery code printed when it was protected (as typed), or null. */
export async function keyFromRecoveryCode(workspaceFile: string, code: string): Promise<Buffer | null> {
  const file = readSlots(workspaceFile);
  return file ? openWithRecoveryCode(file, normalizeRecoveryCode(code)) : null;
}

export function openWithHubSecret(file: SlotFile, secret: Buffer): Buffer | null {
  const slot = hubSlotOf(file);
  return slot ? open(secret, slot.wrapped, hubAad(slot)) : null;
}

export function hubSlotOf(file: SlotFile): HubSlot | undefined {
  return file.slots.find((s): s is HubSlot => s.kind === 'hub');
}

export function hasAccountSlot(file: SlotFile, user: string): boolean {
  const id = slotId(user);
  return file.slots.some((s) => s.kind === 'account' && s.id === id);
}

/** The file with `slot` in place of any slot for the same account or purpose. */
export function withSlot(file: SlotFile, slot: Slot): SlotFile {
  const same = (s: Slot) => s.kind === slot.kind && (s.kind !== 'account' || s.id === (slot as { id: string }).id);
  return { ...file, slots: [...file.slots.filter((s) => !same(s)), slot] };
}

/** The file without the slots of these accounts (disabled, removed, password changed elsewhere). */
export function withoutAccounts(file: SlotFile, users: string[]): SlotFile {
  const ids = new Set(users.map(slotId));
  return { ...file, slots: file.slots.filter((s) => s.kind !== 'account' || !ids.has(s.id)) };
}
