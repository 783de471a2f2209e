import { z } from 'zod';
import { changeSchema, sequencedChangeSchema } from './change';

/** Bumped when a request or change changes shape; the hub refuses versions it does not know. */
export const PROTOCOL_VERSION = 1;
/** A page holds at most this many changes or this many bytes (DESIGN §8). */
export const PAGE_MAX_CHANGES = 5000;
export const PAGE_MAX_BYTES = 4 * 1024 * 1024;
/** Blobs travel in chunks of this size, each with its own hash. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export const pushRequestSchema = z.object({
  protocol: z.number().int(),
  /** The highest change number this device has written (a database restored from a backup has gone back). */
  lastNseq: z.number().int().nonnegative(),
  changes: z.array(changeSchema).max(PAGE_MAX_CHANGES),
  /** The hub epoch the device follows (issue 21): a push from another one is refused after a restore. */
  epoch: z.string().max(64).optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export type Ack = { cid: string; status: 'applied' | 'duplicate' | 'quarantined'; reason?: string };
export type PushResponse = { acks: Ack[]; hubSeq: number };

/**
 * The towns a reader's page was filtered by (a town officer's, as they stood when the page was read;
 * null: all). A laptop keeps what its data is complete for: a page read with fewer towns leaves it
 * incomplete for the others, so it takes a snapshot again when given them back.
 */
const pageTowns = z.array(z.string()).nullable().optional();
export type PullResponse = { changes: z.infer<typeof sequencedChangeSchema>[]; next: number; more: boolean; towns?: string[] | null };
export const pullResponseSchema = z.object({ changes: z.array(sequencedChangeSchema), next: z.number().int(), more: z.boolean(), towns: pageTowns });

export const snapshotRecordSchema = z.object({
  entity: z.string(), entityId: z.string(), lastSeq: z.number().int(),
  heads: z.record(z.string(), z.array(z.object({ h: z.string(), a: z.string(), v: z.unknown().optional(), r: z.array(z.string()).optional() }))),
});
export type SnapshotRecord = z.infer<typeof snapshotRecordSchema>;
export const snapshotResponseSchema = z.object({
  records: z.array(snapshotRecordSchema), cursor: z.number().int(), more: z.boolean(),
  after: z.object({ entity: z.string(), id: z.string() }).nullable(), towns: pageTowns,
});

/** Records whose whole history (theirs and their children's) a laptop asks for: they entered its towns. */
export const historiesRequestSchema = z.object({ records: z.array(z.object({ entity: z.string().min(1).max(40), id: z.string().min(1).max(200) })).max(100) });
/** Records' histories; of those the reader sees only as references, also their state now (`records`). */
export const historiesResponseSchema = z.object({ changes: z.array(sequencedChangeSchema), records: z.array(snapshotRecordSchema).default([]) });

export const enrollRequestSchema = z.object({
  user: z.string().min(1).max(100), password: z.string().min(1).max(200), deviceName: z.string().min(1).max(100),
  publicKey: z.string().min(10).max(200),
});
export const enrollResponseSchema = z.object({
  deviceId: z.string(), node: z.string(), state: z.enum(['pending', 'approved']), hubId: z.string(), hubKey: z.string(),
  role: z.string(), towns: z.array(z.string()),
});

export const blobCompleteSchema = z.object({ size: z.number().int().nonnegative(), mime: z.string().max(100), chunks: z.array(z.string().regex(/^[0-9a-f]{64}$/)) });
export type BlobStatus = { state: 'absent' | 'partial' | 'complete'; size: number; mime: string; chunks: (string | null)[] };

/** The error body every refusal carries: a code for programs and a Chinese message for people. */
export type HubError = { code: string; message: string };
