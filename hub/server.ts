import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PROTOCOL_VERSION, blobCompleteSchema, enrollRequestSchema, historiesRequestSchema, pushRequestSchema, CHUNK_BYTES } from '../shared/sync/protocol';
import { authorOfDevice, deviceById, enrollDevice, signedBy } from './accounts';
import { authenticateUser } from './users';
import { fillBlobRefs, mayReadBlob } from './blob-access';
import { HubBlobs } from './blobs';
import { familyHistory, fillParents } from './record-family';
import type { HubDb } from './db/hub-db';
import { HubRefusal } from './hub-error';
import { hubKeys, issueChallenge, issueToken, readToken, useChallenge, type HubKeys } from './keys';
import { parseJsonBody } from './json-body';
import { noteFailure, noteSuccess, refuseIfLocked, signinKeys } from './signin-throttle';
import { pullPage, snapshotPage } from './pull';
import { pushPage } from './push';
import { registerAdminRoutes } from './admin-routes';
import { forgetUpload, noteUploadedChunk, sweepBlobs } from './blob-sweep';

export const TOKEN_TTL_MS = 15 * 60_000;
/** A push page is at most 4 MiB of changes (PAGE_MAX_BYTES); its JSON may carry a little more. */
const JSON_BODY_LIMIT = 6 * 1024 * 1024;

export type HubContext = { db: HubDb; dir: string; keys: HubKeys; blobs: HubBlobs; log: Logger };

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HubRefusal(400, 'malformed', `请求格式不对：${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(整体)'} ${i.message}`).join('；')}`);
  return r.data;
}

async function authorOf(ctx: HubContext, req: FastifyRequest) {
  const header = req.headers.authorization ?? '';
  const deviceId = header.startsWith('Bearer ') ? readToken(ctx.keys.secret, header.slice(7)) : null;
  if (!deviceId) throw new HubRefusal(401, 'token', '令牌无效或已过期，请重新取得令牌');
  const who = await authorOfDevice(ctx.db, deviceId);
  await ctx.db.run('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [deviceId, new Date().toISOString()]);
  return who;
}

function checkProtocol(req: FastifyRequest): void {
  const v = Number(req.headers['x-qingshui-protocol'] ?? PROTOCOL_VERSION);
  if (v !== PROTOCOL_VERSION) throw new HubRefusal(426, 'protocol', `同步协议版本 ${v} 与本中心（${PROTOCOL_VERSION}）不符，请升级清水工作台`);
}

/** The hub's HTTP API (DESIGN §8). Every refusal is a JSON `{code, message}` and a log line. */
export async function buildHub(db: HubDb, dir: string, log: Logger, tls: { cert: string; key: string } | null = null) {
  const keys = await hubKeys(dir, db);
  await fillBlobRefs(db);
  await fillParents(db);
  const ctx: HubContext = { db, dir, keys, blobs: new HubBlobs(dir, db), log };
  const app = Fastify({ loggerInstance: log, bodyLimit: CHUNK_BYTES + 1024 * 1024, forceCloseConnections: true, ...(tls ? { https: { cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' as const } } : {}) });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => {
    try { done(null, parseJsonBody(body as string)); } catch (e) { done(e as Error, undefined); }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: CHUNK_BYTES + 1024 }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply: FastifyReply) => {
    if (err instanceof HubRefusal) {
      req.log.warn({ code: err.code, reason: err.message }, 'refused');
      return reply.status(err.status).send({ code: err.code, message: err.message });
    }
    if (err.statusCode && err.statusCode < 500) {
      req.log.warn({ err }, 'bad request');
      return reply.status(err.statusCode).send({ code: 'malformed', message: `请求格式不对：${err.message}` });
    }
    req.log.error({ err }, 'failed');
    return reply.status(500).send({ code: 'internal', message: '同步中心内部错误，已记录日志' });
  });

  app.get('/health', async () => ({ ok: true, hubId: keys.hubId, protocol: PROTOCOL_VERSION, database: db.kind, hubSeq: (await db.one<{ s: number | null }>('SELECT max(hub_seq) AS s FROM changes'))?.s ?? 0 }));

  app.post('/v1/enroll', async (req) => {
    checkProtocol(req);
    const body = parse(enrollRequestSchema, req.body);
    const throttle = signinKeys(body.user, req.ip);
    await refuseIfLocked(db, throttle);
    let user;
    try {
      user = await authenticateUser(db, body.user, body.password);
    } catch (e) {
      if (e instanceof HubRefusal && e.code === 'bad_credentials') { await db.tx((q) => noteFailure(q, throttle, req.log)); req.log.warn({ user: body.user, ip: req.ip }, 'sign-in failed'); }
      throw e;
    }
    await db.tx((q) => noteSuccess(q, throttle));
    const device = await db.tx((q) => enrollDevice(q, user, body.deviceName, body.publicKey));
    req.log.info({ device: device.id, user: user.name, state: device.state }, 'device enrolled');
    return { deviceId: device.id, node: device.node, state: device.state, hubId: keys.hubId, hubKey: keys.publicKey, role: user.role, towns: user.towns };
  });

  // A device asks after its own enrolment only, proving itself by signing a fresh challenge.
  app.post('/v1/devices/:id/state', async (req) => {
    const body = parse(z.object({ challenge: z.string().max(200), signature: z.string().max(200) }), req.body);
    const d = await deviceById(db, (req.params as { id: string }).id);
    if (!d || !signedBy(d, body.challenge, body.signature)) throw new HubRefusal(401, 'signature', '设备签名不对：只有该设备本身可以查询其登记状态');
    if (!(await db.tx((q) => useChallenge(q, keys.secret, body.challenge)))) throw new HubRefusal(401, 'challenge', '登录挑战已过期或已用过，请重试');
    return { state: d.state };
  });

  app.get('/v1/challenge', async () => ({ challenge: issueChallenge(keys.secret) }));

  app.post('/v1/token', async (req) => {
    checkProtocol(req);
    const body = parse(z.object({ deviceId: z.string(), challenge: z.string(), signature: z.string() }), req.body);
    const device = await deviceById(db, body.deviceId);
    if (!device) throw new HubRefusal(401, 'unknown_device', '本中心不认识该设备，请重新登记');
    if (!signedBy(device, body.challenge, body.signature)) throw new HubRefusal(401, 'signature', '设备签名不对（密钥不符）');
    if (!(await db.tx((q) => useChallenge(q, keys.secret, body.challenge)))) throw new HubRefusal(401, 'challenge', '登录挑战已过期或已用过，请重试');
    const who = await authorOfDevice(db, device.id);
    return { token: issueToken(keys.secret, device.id, TOKEN_TTL_MS), expiresInMs: TOKEN_TTL_MS, role: who.role, towns: who.towns, node: who.node };
  });

  app.post('/v1/push', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const body = parse(pushRequestSchema, req.body);
    const result = await db.tx((q) => pushPage(q, who, body.changes, body.lastNseq));
    const quarantined = result.acks.filter((a) => a.status === 'quarantined');
    req.log.info({ device: who.deviceId, changes: body.changes.length, quarantined: quarantined.length }, 'push');
    for (const a of quarantined) req.log.warn({ device: who.deviceId, cid: a.cid, reason: a.reason }, 'change quarantined');
    return result;
  });

  app.get('/v1/pull', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const query = parse(z.object({ after: z.coerce.number().int().nonnegative(), ack: z.coerce.number().int().nonnegative().optional(), limit: z.coerce.number().int().positive().optional() }), req.query);
    const page = await pullPage(db, who, query.after, query.limit);
    // The device's acknowledgement of the hub's changes (a return bundle starts after it).
    const ack = query.ack ?? query.after;
    await db.run('UPDATE devices SET cursor = $2 WHERE id = $1 AND cursor < $2', [who.deviceId, ack]);
    return page;
  });

  app.get('/v1/snapshot', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const query = parse(z.object({ entity: z.string().optional(), id: z.string().optional(), cursor: z.coerce.number().int().optional(), limit: z.coerce.number().int().positive().max(5000).optional() }), req.query);
    const after = query.entity !== undefined && query.id !== undefined ? { entity: query.entity, id: query.id } : null;
    return snapshotPage(db, who, after, query.cursor ?? null, query.limit);
  });

  app.post('/v1/histories', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    const body = parse(historiesRequestSchema, req.body);
    return { changes: await familyHistory(db, who, body.records) };
  });

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
    return reply.type('application/octet-stream').send(ctx.blobs.chunk(hash, Number(index)));
  });

  // Unfinished uploads and files no record names go after a day: at start, then hourly.
  const sweep = () => { void sweepBlobs(db, dir).then((r) => { if (r.partial || r.unreferenced) log.info(r, 'blobs swept'); }).catch((e: Error) => log.warn({ err: e }, 'blob sweep failed')); };
  sweep();
  const sweeper = setInterval(sweep, 60 * 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  registerAdminRoutes(app, ctx, (req) => authorOf(ctx, req), parse);
  return app;
}
