import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Ack } from '../../shared/sync/protocol';
import { hubFigures } from '../db/figures';
import type { HubDb } from '../db/hub-db';
import { currentEpoch } from './epoch';

/*
 * The hub's metrics in Prometheus's text format (issue 21), with prom-client: what this process served
 * (requests, latencies, changes ingested — per process; Prometheus sums the processes behind a balancer)
 * and what the database holds (read at each scrape, the same from every process): hub sequence, each
 * device's pull lag, quarantine and blob store size, the epoch.
 */

export type HubMetrics = {
  registry: Registry;
  /** Notes one answered request. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** Notes a push page's acknowledgements. */
  ingested(acks: Ack[]): void;
  /** The text Prometheus scrapes, with the database's figures read now. */
  text(): Promise<string>;
};

export function hubMetrics(db: HubDb): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qingshui_hub_' });
  const on = [registry];
  const requests = new Counter({ name: 'qingshui_hub_requests_total', help: 'Requests answered, by route and status', labelNames: ['method', 'route', 'status'], registers: on });
  const latency = new Histogram({
    name: 'qingshui_hub_request_duration_seconds', help: 'Time to answer a request, by route', labelNames: ['method', 'route'], registers: on,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  const ingested = new Counter({ name: 'qingshui_hub_changes_ingested_total', help: 'Changes pushed to this process, by outcome (applied, duplicate, quarantined)', labelNames: ['status'], registers: on });
  const seq = new Gauge({ name: 'qingshui_hub_sequence', help: 'The latest hub sequence number', registers: on });
  const epoch = new Gauge({ name: 'qingshui_hub_epoch', help: 'The hub epoch (one more after each restore from a backup)', registers: on });
  const changes = new Gauge({ name: 'qingshui_hub_changes', help: 'Changes held', registers: on });
  const quarantine = new Gauge({ name: 'qingshui_hub_quarantine_size', help: 'Changes held in quarantine', registers: on });
  const conflicted = new Gauge({ name: 'qingshui_hub_records_conflicted', help: 'Records with a field changed concurrently', registers: on });
  const blobs = new Gauge({ name: 'qingshui_hub_blobs', help: 'Files held (photos, recordings, signatures)', registers: on });
  const blobBytes = new Gauge({ name: 'qingshui_hub_blob_store_bytes', help: 'Bytes of files held', registers: on });
  const devices = new Gauge({ name: 'qingshui_hub_devices', help: 'Enrolled devices by state', labelNames: ['state'], registers: on });
  const lag = new Gauge({ name: 'qingshui_hub_pull_lag', help: 'Hub changes an approved device has not acknowledged', labelNames: ['device', 'user'], registers: on });
  return {
    registry,
    request: (method, route, status, seconds) => {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    ingested: (acks) => { for (const a of acks) ingested.inc({ status: a.status }); },
    text: async () => {
      const [f, e] = await Promise.all([hubFigures(db), currentEpoch(db)]);
      seq.set(f.hubSeq); epoch.set(e.n); changes.set(f.changes); quarantine.set(f.quarantined); conflicted.set(f.conflicted);
      blobs.set(f.blobs); blobBytes.set(f.blobBytes);
      devices.reset();
      for (const state of ['pending', 'approved', 'revoked']) devices.set({ state }, f.devices.filter((d) => d.state === state).length);
      lag.reset();
      for (const d of f.devices.filter((x) => x.state === 'approved')) lag.set({ device: d.id, user: d.user }, Math.max(0, f.hubSeq - d.cursor));
      return registry.metrics();
    },
  };
}
