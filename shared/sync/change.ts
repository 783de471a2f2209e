import { z } from 'zod';

/**
 * One change as it travels (DESIGN §8): the changed fields of one record under one HLC. Its id is
 * `node:nseq` — the node that wrote it and that node's own counter — so a retry is recognised.
 * `base` holds, per field, the HLCs of the values the writer saw and replaced: a change whose base
 * does not cover a value it overwrites was concurrent with it, which is what makes a conflict.
 */
export type Change = {
  cid: string;
  node: string;
  nseq: number;
  entity: string;
  entityId: string;
  hlc: string;
  author: string;
  fields: Record<string, unknown>;
  base: Record<string, string[]>;
  /**
   * The hub account the change was made under on the laptop (issue 18), when it was made by a person
   * signed in with one: the hub judges the change by that account's role and towns, and only when the
   * account has signed in on the pushing device. Absent: judged by the device's own account.
   */
  account?: string;
};

/**
 * A change as the hub hands it out: with its place in the hub's order and the account whose
 * authenticated device pushed it (`pushedBy`, decided by the hub; `author` is what the laptop says).
 */
export type SequencedChange = Change & { hubSeq: number; pushedBy?: string | null };

const HLC_RE = /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-z]+$/;

export const changeSchema = z.object({
  cid: z.string().regex(/^[0-9a-z]+:\d+$/),
  node: z.string().regex(/^[0-9a-z]+$/).max(40),
  nseq: z.number().int().positive(),
  entity: z.string().regex(/^[a-z_]+$/).max(40),
  entityId: z.string().min(1).max(200),
  hlc: z.string().regex(HLC_RE),
  author: z.string().max(100),
  fields: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.array(z.string().regex(HLC_RE)).max(64)),
  account: z.string().min(1).max(100).optional(),
}).refine((c) => c.cid === `${c.node}:${c.nseq}`, { message: '变更编号应为“节点:序号”' });

export const sequencedChangeSchema = z.intersection(changeSchema, z.object({ hubSeq: z.number().int().positive(), pushedBy: z.string().max(100).nullable().optional() }));

/** The change id of a node's n-th change. */
export function changeId(node: string, nseq: number): string {
  return `${node}:${nseq}`;
}

/** A stable digest of what a change says (to tell a retry from a different change with the same id). */
export function changeDigest(c: Change): string {
  return JSON.stringify([c.entity, c.entityId, c.hlc, c.author, c.fields]);
}
