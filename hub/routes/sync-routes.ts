import { checkEpoch } from '../services/epoch';
import { z } from 'zod';
import { historiesRequestSchema, pushRequestSchema } from '../../shared/sync/protocol';
import { pullForDevice, snapshotPage } from '../services/pull';
import { pushPage } from '../services/push';
import { familyHistory, recordStates } from '../services/record-family';
import { authorOf, checkProtocol, parse, type HubApp, type HubContext } from './context';
import { auditListing, keepAuditEntries } from '../services/audit';
import { HubRefusal } from '../services/hub-error';

const text = (max: number) => z.string().max(max);
const auditEntrySchema = z.object({
  seq: z.number().int().positive(), at: text(40), account: text(60).nullable(), personId: text(80).nullable(), action: text(40),
  entity: text(40).nullable(), entityId: text(400).nullable(), detail: text(20_000), prev: z.string().regex(/^[0-9a-f]{64}$/), hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The changes themselves (DESIGN §8): push a page, pull a page, a first sync's snapshot, records' whole histories. */
export function registerSyncRoutes(app: HubApp, ctx: HubContext): void {
  const { db } = ctx;
  app.post('/v1/push', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const body = parse(pushRequestSchema, req.body);
    await checkEpoch(db, body.epoch);
    const result = await db.tx((q) => pushPage(q, who, body.changes, body.lastNseq));
    ctx.metrics.ingested(result.acks);
    const quarantined = result.acks.filter((a) => a.status === 'quarantined');
    req.log.info({ device: who.deviceId, changes: body.changes.length, quarantined: quarantined.length }, 'push');
    for (const a of quarantined) req.log.warn({ device: who.deviceId, cid: a.cid, reason: a.reason }, 'change quarantined');
    return result;
  });

  // Each laptop's audit log, kept chained per device (issue 18); an admin reads it back.
  app.post('/v1/audit', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const body = parse(z.object({ entries: z.array(auditEntrySchema).max(1000) }), req.body);
    return db.tx((q) => keepAuditEntries(q, who, body.entries));
  });
  app.get('/v1/audit', async (req) => {
    const who = await authorOf(ctx, req);
    if (who.role !== 'admin') throw new HubRefusal(403, 'forbidden', '只有管理员能查看审计日志');
    const query = parse(z.object({ device: z.string().max(100).optional(), limit: z.coerce.number().int().positive().max(5000).optional() }), req.query);
    return { entries: await auditListing(db, query.limit ?? 500, query.device) };
  });

  app.get('/v1/pull', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const query = parse(z.object({ after: z.coerce.number().int().nonnegative(), ack: z.coerce.number().int().nonnegative().optional(), limit: z.coerce.number().int().positive().optional(), epoch: z.string().max(64).optional() }), req.query);
    // Sequence numbers are the epoch's: a cursor from another one is refused, not served past what it missed.
    await checkEpoch(db, query.epoch);
    // The device's acknowledgement of the hub's changes (a return bundle starts after it).
    return pullForDevice(db, who, query.after, query.ack ?? query.after, query.limit);
  });

  app.get('/v1/snapshot', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const query = parse(z.object({ entity: z.string().optional(), id: z.string().optional(), cursor: z.coerce.number().int().optional(), limit: z.coerce.number().int().positive().max(5000).optional(), epoch: z.string().max(64).optional() }), req.query);
    await checkEpoch(db, query.epoch);
    const after = query.entity !== undefined && query.id !== undefined ? { entity: query.entity, id: query.id } : null;
    return snapshotPage(db, who, after, query.cursor ?? null, query.limit);
  });

  app.post('/v1/histories', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const body = parse(historiesRequestSchema, req.body);
    // As they stand too: a laptop that lacks one takes that (its history may name what the reader may not see).
    return { changes: await familyHistory(db, who, body.records), records: await recordStates(db, who, body.records) };
  });
}
