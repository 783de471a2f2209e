import { z } from 'zod';
import { changeSchema, sequencedChangeSchema } from './change';

/**
 * A bundle (DESIGN §8): the same changes and blobs on a USB stick, as a zip of `manifest.json`
 * (every other file's name, size and SHA-256), `manifest.sig` (Ed25519 over the manifest's bytes, by
 * the device or hub key), `changes.json` and `blobs/<sha256>`. Importing twice or out of order is
 * harmless: changes are idempotent and a bundle that would leave a gap is refused before anything
 * is applied.
 */
export const BUNDLE_FORMAT = 'qingshui-bundle';

const fileSchema = z.object({ name: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string().optional() });

export const toHubManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT), version: z.literal(1), direction: z.literal('to-hub'),
  hubId: z.string(), deviceId: z.string(), node: z.string(), createdAt: z.string(),
  /** The device's highest own change number, and the last hub sequence it has applied (its acknowledgement). */
  lastNseq: z.number().int().nonnegative(), cursor: z.number().int().nonnegative(),
  /** Records changes arrived for without the device having them (moved into its towns): the hub's return bundle brings them whole. */
  missing: z.array(z.object({ entity: z.string().min(1).max(40), id: z.string().min(1).max(200) })).max(5000).default([]),
  /** The hub's epoch the device last knew (issue 21: a bundle made before a restore says so when refused). */
  epoch: z.object({ n: z.number().int().positive(), id: z.string().max(64) }).nullable().optional(),
  files: z.array(fileSchema),
});

export const toDeviceManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT), version: z.literal(1), direction: z.literal('to-device'),
  hubId: z.string(), deviceId: z.string(), node: z.string(), createdAt: z.string(),
  /** Hub changes after `from` up to `cursor`; the device's changes the hub holds up to `ackNseq`. */
  from: z.number().int().nonnegative(), cursor: z.number().int().nonnegative(), ackNseq: z.number().int().nonnegative(),
  quarantined: z.array(z.object({ cid: z.string(), reason: z.string() })),
  /** The towns its changes were filtered by (null: all), as in a pull page. */
  towns: z.array(z.string()).nullable().optional(),
  /** The hub's epoch (issue 21): a device that last knew an earlier one picks up from the restore point first. */
  epoch: z.object({
    n: z.number().int().positive(), id: z.string().max(64), restoredFrom: z.number().int().nonnegative().nullable(),
    lineage: z.array(z.object({ n: z.number().int().positive(), id: z.string().max(64), restoredFrom: z.number().int().nonnegative().nullable() })).max(1000).optional(),
  }).optional(),
  files: z.array(fileSchema),
  /** The records the device's last bundle asked for (issue 21): answered in this one, or not given to it. */
  asked: z.array(z.object({ entity: z.string().max(40), id: z.string().max(200) })).max(10_000).optional(),
});

export type ToHubManifest = z.input<typeof toHubManifestSchema>;
export type ToDeviceManifest = z.infer<typeof toDeviceManifestSchema>;
export type BundleFile = z.infer<typeof fileSchema>;

/** `histories.json` in a return bundle: every change of records (and their children) the device lacks or missed, in hub order. */
export const HISTORIES_FILE = 'histories.json';
/** `references.json` in a return bundle: of those records, the ones the device sees only as references, as they stand (issue 21). */
export const REFERENCES_FILE = 'references.json';

export const toHubChangesSchema = z.array(changeSchema);
export const toDeviceChangesSchema = z.array(sequencedChangeSchema);
