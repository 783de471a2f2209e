import Fastify, { type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { PROTOCOL_VERSION, CHUNK_BYTES } from '../../shared/sync/protocol';
import { fillBlobRefs } from '../services/blob-access';
import { sweepBlobs } from '../services/blob-sweep';
import { HubBlobs } from '../services/blobs';
import { blobStoreOf } from '../services/blob-choice';
import { HubRefusal } from '../services/hub-error';
import { hubKeys } from '../services/keys';
import type { HubDb } from '../services/open-hub';
import { hubSeq } from '../services/pull';
import { fillParents, fillRecordRefs } from '../services/record-family';
import { fillCountyNumbers } from '../services/county-numbers';
import { registerNumberRoutes } from './number-routes';
import { registerAdminRoutes } from './admin-routes';
import { registerMetrics } from './metrics-route';
import { hubMetrics } from '../services/metrics';
import { registerBlobRoutes } from './blob-routes';
import type { HubContext } from './context';
import { registerEnrolmentRoutes } from './enrolment-routes';
import { parseJsonBody } from './json-body';
import { registerSyncRoutes } from './sync-routes';

/** A push page is at most 4 MiB of changes (PAGE_MAX_BYTES); its JSON may carry a little more. */
const JSON_BODY_LIMIT = 6 * 1024 * 1024;

/** The hub's HTTP API (DESIGN §8). Every refusal is a JSON `{code, message}` and a log line. */
export async function buildHub(db: HubDb, dir: string, log: Logger, tls: { cert: string; key: string } | null = null, opts: { blobStore?: string } = {}) {
  const keys = await hubKeys(dir, db);
  await fillBlobRefs(db);
  await fillParents(db);
  await fillRecordRefs(db);
  await fillCountyNumbers(db);
  const store = await blobStoreOf(dir, db, opts.blobStore);
  const ctx: HubContext = { db, dir, keys, blobs: new HubBlobs(store, db), log, metrics: hubMetrics(db) };
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

  registerMetrics(app, ctx.metrics);
  app.get('/health', async () => ({ ok: true, hubId: keys.hubId, protocol: PROTOCOL_VERSION, database: db.kind, hubSeq: await hubSeq(db) }));
  registerEnrolmentRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerNumberRoutes(app, ctx);
  registerBlobRoutes(app, ctx);

  // Unfinished uploads and files no record names go after a day: at start, then hourly.
  const sweep = () => { void sweepBlobs(db, store).then((r) => { if (r.partial || r.unreferenced) log.info(r, 'blobs swept'); }).catch((e: Error) => log.warn({ err: e }, 'blob sweep failed')); };
  sweep();
  const sweeper = setInterval(sweep, 60 * 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  registerAdminRoutes(app, ctx);
  return app;
}
