import { timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../../shared/sync/loopback';
import { HubRefusal } from '../services/hub-error';
import type { HubMetrics } from '../services/metrics';
import type { HubApp } from './context';

/** Where the token a remote Prometheus presents is set (none: only this machine may scrape). */
export const METRICS_TOKEN_ENV = 'QINGSHUI_HUB_METRICS_TOKEN';

function tokenHolds(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected || !given.startsWith('Bearer ')) return false;
  const a = Buffer.from(given.slice(7));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` (Prometheus text format) and the request counting behind it. It names devices and
 * accounts, so it answers this machine (a Prometheus or nginx beside the hub) or a scraper presenting
 * the token set in QINGSHUI_HUB_METRICS_TOKEN; anyone else is refused.
 */
export function registerMetrics(app: HubApp, metrics: HubMetrics): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.request(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (req, reply) => {
    // Through a proxy on this machine (nginx), a request is from elsewhere: it names where it came from.
    const here = isLoopbackHost((req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')) && !req.headers['x-forwarded-for'] && !req.headers['x-real-ip'];
    if (!here && !tokenHolds(req.headers.authorization, process.env[METRICS_TOKEN_ENV])) {
      throw new HubRefusal(403, 'metrics', `监控指标只对本机开放；其他机器的采集须带令牌（在同步中心的环境变量 ${METRICS_TOKEN_ENV} 中设定）`);
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.text();
  });
}
