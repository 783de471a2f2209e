import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { HubBlobs } from '../services/blobs';
import { HubRefusal } from '../services/hub-error';
import type { HubKeys } from '../services/keys';
import type { HubMetrics } from '../services/metrics';
import type { HubDb } from '../services/open-hub';
import { tokenAuthor } from '../services/sign-in';

/** What every route of one hub shares: its database, data folder, keys, blob store and log. */
export type HubContext = { db: HubDb; dir: string; keys: HubKeys; blobs: HubBlobs; log: Logger; metrics: HubMetrics };

/** The hub's Fastify instance, as its route files register on it. */
export type HubApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;

/** The request's input checked against its schema, or a 400 saying the first problems in Chinese. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HubRefusal(400, 'malformed', `请求格式不对：${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(整体)'} ${i.message}`).join('；')}`);
  return r.data;
}

/** Refuses a laptop that speaks another protocol version (it should upgrade). */
export function checkProtocol(req: FastifyRequest): void {
  const v = Number(req.headers['x-qingshui-protocol'] ?? PROTOCOL_VERSION);
  if (v !== PROTOCOL_VERSION) throw new HubRefusal(426, 'protocol', `同步协议版本 ${v} 与本中心（${PROTOCOL_VERSION}）不符，请升级清水工作台`);
}

/** The author behind the request's bearer token. */
export function authorOf(ctx: HubContext, req: FastifyRequest) {
  return tokenAuthor(ctx.db, ctx.keys, req.headers.authorization ?? '');
}
