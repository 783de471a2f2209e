import { blobCompleteSchema } from '../../shared/sync/protocol';
import { mayReadBlob } from '../services/blob-access';
import { forgetUpload, noteUploadedChunk } from '../services/blob-sweep';
import { HubRefusal } from '../services/hub-error';
import { authorOf, parse, type HubApp, type HubContext } from './context';

/** Files (photos, signatures, recordings) by SHA-256: their state, chunks up, completion, chunks down. */
export function registerBlobRoutes(app: HubApp, ctx: HubContext): void {
  const { db } = ctx;
  app.get('/v1/blobs/:hash', async (req) => { await authorOf(ctx, req); return ctx.blobs.status((req.params as { hash: string }).hash); });
  app.put('/v1/blobs/:hash/chunks/:index', async (req) => {
    const who = await authorOf(ctx, req);
    const { hash, index } = req.params as { hash: string; index: string };
    if (!Buffer.isBuffer(req.body)) throw new HubRefusal(400, 'malformed', '分块应以 application/octet-stream 上传');
    const bytes = req.body;
    await ctx.blobs.putChunk(hash, Number(index), bytes, String(req.headers['x-chunk-sha256'] ?? ''),
      () => db.tx((q) => noteUploadedChunk(q, who.deviceId!, hash, Number(index), bytes.length)));
    return { ok: true };
  });
  app.post('/v1/blobs/:hash/complete', async (req) => {
    const who = await authorOf(ctx, req);
    const hash = (req.params as { hash: string }).hash;
    const body = parse(blobCompleteSchema, req.body);
    try {
      await ctx.blobs.complete(hash, body.size, body.chunks);
      await forgetUpload(db, hash);
    } catch (e) {
      if (e instanceof HubRefusal) req.log.warn({ device: who.deviceId, blob: hash, reason: e.message }, 'blob refused');
      // Its chunks were discarded with it: they no longer count against the device's quota.
      if (e instanceof HubRefusal && (e.code === 'blob_hash' || e.code === 'file_type')) await forgetUpload(db, hash);
      throw e;
    }
    return { ok: true };
  });
  app.get('/v1/blobs/:hash/chunks/:index', async (req, reply) => {
    const who = await authorOf(ctx, req);
    const { hash, index } = req.params as { hash: string; index: string };
    if (!(await mayReadBlob(db, who, hash))) throw new HubRefusal(403, 'blob_forbidden', `文件 ${hash.slice(0, 12)}… 不属于本账号负责镇街内的记录，不能下载`);
    return reply.type('application/octet-stream').send(await ctx.blobs.chunk(hash, Number(index)));
  });
}
