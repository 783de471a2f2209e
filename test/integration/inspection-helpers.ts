import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Workbench } from '../../electron/core/workbench';

export const PHOTOS = new URL('../fixtures/photos/', import.meta.url).pathname;
export const photoBase64 = (name: string) => readFileSync(PHOTOS + name).toString('base64');

/** A small signature-like PNG, as the pad sends it. */
export async function signaturePng(text = '签'): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><path d="M20 90 C 60 10, 120 110, 160 40 S 260 80, 280 30" stroke="#000" stroke-width="4" fill="none"/><text x="200" y="110" font-size="20">${text}</text></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** The answers of an industrial inspection where everything passes but the outlet sign (未设置). */
export const INDUSTRIAL_ANSWERS: Record<string, unknown> = {
  'permit.held': 'yes', 'permit.valid': 'yes', 'monitoring.self': 'yes', 'monitoring.auto': 'no', 'facilities.running': 'yes',
  'emissions.sampled': 'yes', 'emissions.cod': 42.5, 'emissions.nh3n': 3.1, 'emissions.ph': 7.2, 'emissions.bypass': 'no',
  'ledgers.kept': 'yes', 'outlets.standard': 'yes', 'outlets.sign': '未设置', 'hazwaste.produces': 'no', 'emergency.plan': 'yes', 'leaks.any': 'no',
};

/** Starts an industrial inspection of the first enterprise with the first two inspectors; returns its id. */
export async function startIndustrial(wb: Workbench) {
  const [enterprise] = (await wb.call('enterprises.list', { limit: 1 })).rows;
  const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2);
  const { id } = await wb.call('inspections.start', { templateId: 'builtin:industrial@1', targetKind: 'enterprise', targetId: enterprise.id, officerIds: officers.map((o) => o.id) });
  return { id, enterprise, officers };
}

/** Fills a started industrial inspection so that it can be finalized. */
export async function completeIndustrial(wb: Workbench, id: string, officerIds: string[]) {
  await wb.call('inspections.updateHeader', {
    id, patch: {
      startedAt: '2026-11-20T09:30', endedAt: '2026-11-20T10:40', recorderId: officerIds[1], lon: 115.06, lat: 25.9, positionSource: 'typed',
      present: { name: '王建国', idNumber: '360799198001010015', post: '环保主管', phone: '13907971234' }, body: '现场检查时企业正常生产。', recusal: '不申请回避', source: '日常',
    },
  });
  for (const [itemId, value] of Object.entries(INDUSTRIAL_ANSWERS)) await wb.call('inspections.answer', { id, itemId, value });
  await wb.call('inspections.addPhoto', { id, itemId: 'facilities.photo', fileName: 'facility.jpg', base64: photoBase64('facility.jpg') });
  await wb.call('inspections.addPhoto', { id, itemId: 'outlets.photo', fileName: 'outlet-gps.jpg', base64: photoBase64('outlet-gps.jpg') });
  const png = await signaturePng();
  await wb.call('inspections.sign', { id, role: 'inspected', signerName: '王建国', pngBase64: png });
  for (const o of officerIds) await wb.call('inspections.sign', { id, role: `officer:${o}`, signerName: '检查人', pngBase64: png });
  await wb.call('inspections.sign', { id, role: 'recorder', signerName: '记录人', pngBase64: png });
}
