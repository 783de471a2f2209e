// Bench of field inspections (issue 3): open, save an answer, finalize with 30 photos, verify 10,000 records.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Workbench } from '../../electron/core/workbench';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { p95, report, timeRuns } from './measure';
import { runnerOpenInChromium } from './runner-open';

/** A template of 80 items (yes/no, readings, choices, text) and one photo item taking 30 photos. */
function bigTemplate() {
  const items = Array.from({ length: 79 }, (_, i) => {
    const id = `q${i}`;
    if (i % 8 === 1) return { id, type: 'reading', label: `读数 ${i}`, unit: 'mg/L', max: 50, failWhen: { outsideLimits: true }, finding: { description: `读数 ${i} 超标` } };
    if (i % 8 === 2) return { id, type: 'choice', label: `选择 ${i}`, options: ['规范', '不规范'], failWhen: { equals: '不规范' }, finding: { description: `选择 ${i} 不规范` } };
    if (i % 8 === 3) return { id, type: 'text', label: `说明 ${i}` };
    return { id, type: 'yesno', label: `检查项 ${i}`, required: true, failWhen: { equals: 'no' }, finding: { description: `检查项 ${i} 不符合` } };
  });
  return { code: 'bench-80', version: 1, name: '80 项检查表', targetKinds: ['enterprise'], sections: [{ id: 's', title: '全部', items: [...items, { id: 'photos', type: 'photo', label: '照片', maxCount: 30 }] }] };
}

const answerOf = (i: number) => (i % 8 === 1 ? 12.5 : i % 8 === 2 ? '规范' : i % 8 === 3 ? '现场正常' : 'yes');

/** 30 distinct camera-sized JPEGs (~4000×3000): one encoded photo, each copy with different trailing bytes. */
async function photos(): Promise<Buffer[]> {
  const noise = Buffer.alloc(1000 * 750 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const jpeg = await sharp(noise, { raw: { width: 1000, height: 750, channels: 3 } }).resize(4000, 3000).jpeg({ quality: 85 }).toBuffer();
  return Array.from({ length: 30 }, (_, i) => Buffer.concat([jpeg, Buffer.from(`photo-${i}`)]));
}

async function fullInspection(wb: Workbench, templateId: string, enterpriseId: string, officerIds: string[], pics: Buffer[]): Promise<string> {
  const { id } = await wb.call('inspections.start', { templateId, targetKind: 'enterprise', targetId: enterpriseId, officerIds });
  await wb.call('inspections.updateHeader', { id, patch: { endedAt: '2099-01-01T00:00', recorderId: officerIds[1], place: '厂区', present: { name: '王建国', idNumber: '360799198001010015' }, recusal: '不申请回避', source: '日常' } });
  for (let i = 0; i < 79; i++) await wb.call('inspections.answer', { id, itemId: `q${i}`, value: answerOf(i) });
  for (const [n, p] of pics.entries()) await wb.call('inspections.addPhoto', { id, itemId: 'photos', fileName: `IMG_${n}.jpg`, base64: p.toString('base64') });
  const png = (await sharp({ create: { width: 300, height: 120, channels: 4, background: '#ffffff00' } }).png().toBuffer()).toString('base64');
  for (const role of ['inspected', 'recorder', ...officerIds.map((o) => `officer:${o}`)]) await wb.call('inspections.sign', { id, role, signerName: '王建国', pngBase64: png });
  return id;
}

export async function benchInspections(wb: Workbench, dataDir: string, results: boolean[]): Promise<void> {
  const db = wb.store.db;
  const [officer1, officer2] = db.prepare("SELECT id FROM people WHERE role = '执法人员' AND certificate_no IS NOT NULL LIMIT 2").pluck().all() as string[];
  const enterpriseId = db.prepare('SELECT id FROM enterprises LIMIT 1').pluck().get() as string;
  await wb.call('workspace.signIn', { personId: officer1 });
  const { template } = await wb.call('checklists.import', { json: JSON.stringify(bigTemplate()) });
  let t = performance.now();
  const pics = await photos();
  console.log(`# 30 photos of ${(pics[0].length / 1048576).toFixed(1)} MB made in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const id = await fullInspection(wb, template.id, enterpriseId, [officer1, officer2], pics);
  console.log(`# an 80-item inspection with 30 photos filled through the core in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 1. open: the whole inspection as the runner gets it
  const opens: number[] = [];
  for (let i = 0; i < 40; i++) { const s = performance.now(); await wb.dispatch('inspections.get', { id }); opens.push(performance.now() - s); }
  const rawAnswers = db.prepare('SELECT * FROM inspection_answers WHERE inspection_id = ?');
  const rawPhotos = db.prepare('SELECT * FROM inspection_photos WHERE inspection_id = ?');
  const rawOpen = timeRuns(40, () => { rawAnswers.all(id); rawPhotos.all(id); });
  results.push(report('inspection_open_80_items_30_photos_p95', p95(opens.slice(3)), 'ms', { name: 'raw SELECT of its answer and photo rows', value: p95(rawOpen) }, { max: 300 }));
  const shown = await runnerOpenInChromium(dataDir, id, enterpriseId, 'photos');
  results.push(report('inspection_runner_shown_in_chromium', shown.runner, 'ms', { name: 'an enterprise detail page shown', value: shown.detail }, { max: 300 }));

  // 2. saving one answer (validated, through the write path, committed with synchronous=FULL)
  const saves: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await wb.dispatch('inspections.answer', { id, itemId: `q${(i * 8) % 72}`, value: i % 2 ? 'yes' : 'na' });
    saves.push(performance.now() - s);
  }
  await wb.call('inspections.answer', { id, itemId: 'q0', value: 'yes' });
  db.exec('CREATE TABLE bench_answer (id TEXT PRIMARY KEY, value TEXT)');
  const upsert = db.prepare('INSERT INTO bench_answer (id, value) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value');
  const rawSave = timeRuns(200, (i) => db.transaction(() => upsert.run(`q${i % 72}`, i % 2 ? '"yes"' : '"na"'))());
  results.push(report('inspection_save_answer_p95', p95(saves), 'ms', { name: 'raw one-row upsert transaction (same file, synchronous=FULL)', value: p95(rawSave) }, { max: 5 }));

  // 3. finalize with 30 photos, every photo re-hashed
  t = performance.now();
  await wb.call('inspections.finalize', { id });
  const finalizeMs = performance.now() - t;
  t = performance.now();
  for (const p of pics) createHash('sha256').update(p).digest('hex');
  const hashMs = performance.now() - t;
  results.push(report('inspection_finalize_30_photos', finalizeMs, 'ms', { name: `SHA-256 of the 30 photos (${(pics.reduce((s, p) => s + p.length, 0) / 1048576).toFixed(0)} MB)`, value: hashMs }, { max: 1000 }));

  // 4. verify over 10,000 finalized records
  t = performance.now();
  const have = db.prepare("SELECT count(*) FROM inspections WHERE state = 'finalized'").pluck().get() as number;
  await generateDemoPast(wb.store, { count: Math.max(0, 10_000 - have), seed: 3 });
  console.log(`# ${10_000 - have} finalized records generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const report10k = verifyWorkspace(db, wb.store.blobDir);
  const verifyMs = performance.now() - t;
  if (report10k.problems.length) console.log(`# verify found ${report10k.problems.length} problems: ${report10k.problems[0].message}`);
  const canon = db.prepare('SELECT canonical FROM inspection_records').pluck().all() as string[];
  t = performance.now();
  for (const c of canon) createHash('sha256').update(c).digest('hex');
  const rawVerify = performance.now() - t;
  results.push(report(`verify_${report10k.records}_records`, verifyMs / 1000, 's', { name: 'SHA-256 of every canonical record only', value: rawVerify / 1000 }, { max: 10 }));
}
