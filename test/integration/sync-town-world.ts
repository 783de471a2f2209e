import { seededRandom } from '../../electron/services/demo/random';
import { syncNow } from '../../electron/services/sync';
import { ENTERPRISE } from '../../electron/store/entities';
import { readSyncState } from '../../electron/store/sync-state';
import { updateUser } from '../../hub/services/users';
import { tempDir } from './helpers';
import { conflictKeys, enrolledLaptop, startHub, stateHash } from './sync-helpers';
import { hubConflictKeys, liveEnterprises, newEnterprise, seedCounty, travel, type Device, type WorldResult } from './sync-world';

const [T1, T2] = ['360799001000', '360799002000'];
const FIELDS = ['contactPhone', 'address', 'note'] as const;
const COLUMNS = 'id, name, town_code, address, contact_phone, note, deleted_at';

/**
 * One seeded run with a town officer among the laptops: enterprises move between the two towns (and
 * back), the officer's area grows and shrinks, everyone syncs with kills, lost and repeated requests
 * and bundles. Once quiet, the county's laptops agree as in `runWorld`, and the officer holds every
 * record of their towns exactly as the county does (save those their own quarantined edits touch),
 * with the same conflicts, nothing refused by their database and nothing left waiting.
 */
export async function runTownWorld(seed: number, kind: 'sqlite' | 'pg' = 'sqlite', steps = 40): Promise<WorldResult> {
  const rng = seededRandom(seed * 7919);
  const hub = await startHub(kind);
  const work = tempDir();
  const devices: Device[] = [];
  for (const [i, [user, role, towns]] of ([['admin', 'inspector', []], ['wang', 'inspector', []], ['zhou', 'town', [T1]]] as const).entries()) {
    const wb = await enrolledLaptop(hub, user, { role, towns: [...towns] });
    devices.push({ name: `d${i}`, user, dir: wb.dataDir, wb });
  }
  seedCounty(devices[0].wb, rng);
  await syncNow(devices[0].wb.ctx);
  const [county, , officer] = devices;
  let area = [T1];
  const result: WorldResult = { seed, steps, kills: 0, syncs: 0, bundles: 0, conflicts: 0, problems: [] };
  for (let step = 0; step < steps; step++) {
    const d = rng.pick(devices);
    const roll = rng.next();
    const ids = liveEnterprises(d.wb);
    const mine = d === officer ? ids.filter((id) => area.includes(d.wb.store.db.prepare('SELECT town_code FROM enterprises WHERE id = ?').pluck().get(id) as string)) : ids;
    if (roll < 0.35 && mine.length) {
      d.wb.store.write(ENTERPRISE, rng.pick(mine), { [rng.pick(FIELDS)]: `${d.name}-${step}` }, 'system');
    } else if (roll < 0.47 && d !== officer && ids.length) {
      const id = rng.pick(ids);
      const town = d.wb.store.db.prepare('SELECT town_code FROM enterprises WHERE id = ?').pluck().get(id);
      d.wb.store.write(ENTERPRISE, id, { townCode: town === T1 ? T2 : T1 }, 'system');
    } else if (roll < 0.52 && d.wb.store.db.prepare("SELECT count(*) FROM regions WHERE level = 'town'").pluck().get() === 2) {
      newEnterprise(d.wb, rng, `${d.name}-${step}`, d === officer ? T1 : undefined);
    } else if (roll < 0.57) {
      area = area.length === 1 ? [T1, T2] : [T1];
      await updateUser(hub.db, 'zhou', { towns: area });
    } else {
      await travel(hub, d, rng, work, step, result, roll < 0.63);
    }
  }
  for (let round = 0; round < 3; round++) for (const d of devices) await syncNow(d.wb.ctx);

  const check = (ok: boolean, what: string) => { if (!ok) result.problems.push(what); };
  check(stateHash(devices[0].wb) === stateHash(devices[1].wb), 'the county laptops differ');
  check(conflictKeys(devices[0].wb).join('\n') === (await hubConflictKeys(hub)).join('\n'), 'the hub shows different conflicts than the county laptops');
  const db = officer.wb.store.db;
  const held = new Set(db.prepare("SELECT DISTINCT entity_id FROM sync_rejects WHERE reason LIKE '同步中心隔离%'").pluck().all() as string[]);
  const theirs = (county.wb.store.db.prepare(`SELECT ${COLUMNS} FROM enterprises WHERE town_code IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(area)) as { id: string }[])
    .filter((r) => !held.has(r.id));
  for (const row of theirs) {
    const copy = db.prepare(`SELECT ${COLUMNS} FROM enterprises WHERE id = ?`).get(row.id);
    check(JSON.stringify(copy) === JSON.stringify(row), `officer's copy of ${row.id.slice(-6)} differs: ${JSON.stringify(copy)} vs ${JSON.stringify(row)}`);
    if (process.env.SYNC_DUMP && JSON.stringify(copy) !== JSON.stringify(row)) {
      for (const r of await hub.db.all('SELECT hub_seq, node, nseq, hlc, fields, town, prev_town FROM changes WHERE entity_id = $1 ORDER BY hub_seq', [row.id])) console.log('hub', JSON.stringify(r));
      for (const r of db.prepare('SELECT seq, node, nseq, hlc, fields, hub_seq FROM changes WHERE entity_id = ? ORDER BY seq').all(row.id)) console.log('officer', JSON.stringify(r));
      console.log('officer state', JSON.stringify({ ...readSyncState(db), privateKey: undefined, hubKey: undefined }));
    }
  }
  const ids = new Set(theirs.map((r) => r.id));
  const mineOnly = (keys: string[]) => keys.filter((k) => ids.has(k.split('/')[1])).join('\n');
  check(mineOnly(conflictKeys(officer.wb)) === mineOnly(conflictKeys(county.wb)), 'the officer shows different conflicts on their towns’ records');
  if (process.env.SYNC_DUMP && mineOnly(conflictKeys(officer.wb)) !== mineOnly(conflictKeys(county.wb))) {
    console.log('officer:\n' + mineOnly(conflictKeys(officer.wb)) + '\ncounty:\n' + mineOnly(conflictKeys(county.wb)));
    const id = [...ids].find((i) => conflictKeys(officer.wb).concat(conflictKeys(county.wb)).some((k) => k.includes(i) && !(mineOnly(conflictKeys(officer.wb)).includes(k) && mineOnly(conflictKeys(county.wb)).includes(k))));
    for (const [n, d] of [['hub', null], ['county', county], ['officer', officer]] as const) {
      const rows = d ? d.wb.store.db.prepare('SELECT seq, node, nseq, hlc, fields, base, hub_seq FROM changes WHERE entity_id = ? ORDER BY seq').all(id) : await hub.db.all('SELECT hub_seq, node, nseq, hlc, fields, base, town, prev_town FROM changes WHERE entity_id = $1 ORDER BY hub_seq', [id]);
      for (const r of rows) console.log(n, JSON.stringify(r));
    }
  }
  const refused = db.prepare("SELECT count(*) FROM sync_rejects WHERE reason NOT LIKE '同步中心隔离%'").pluck().get() as number;
  check(refused === 0, `the officer's database refused ${refused} changes`);
  const waiting = db.prepare('SELECT count(*) FROM sync_missing').pluck().get() as number;
  check(waiting === 0, `${waiting} records still wait for their history`);
  for (const d of devices) {
    const node = d.wb.store.nodeId;
    const unsent = d.wb.store.db.prepare('SELECT count(*) FROM changes WHERE node = ? AND sent = 0').pluck().get(node) as number;
    check(unsent === 0, `${d.name}: ${unsent} unsent`);
  }
  result.conflicts = conflictKeys(county.wb).length;
  for (const d of devices) d.wb.close();
  await hub.close();
  return result;
}
