import sharp from 'sharp';
import type { Random } from './random';

const SCENES = ['厂区全景', '污水处理站', '排放口', '标志牌', '危废暂存间', '在线监测站房', '排口近景', '河道远景', '工地围挡', '车辆冲洗平台', '物料覆盖', '核查现场'];

function sceneSvg(rng: Random, label: string): Buffer {
  const hue = rng.int(80, 220);
  const shapes = Array.from({ length: 5 }, () => {
    const x = rng.int(40, 560); const y = rng.int(200, 380); const w = rng.int(60, 200); const h = rng.int(40, 140);
    return `<rect x="${x}" y="${y - h}" width="${w}" height="${h}" fill="hsl(${rng.int(0, 360)},15%,${rng.int(35, 70)}%)"/>`;
  }).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="330" fill="hsl(${hue},45%,78%)"/><rect y="330" width="800" height="270" fill="hsl(${hue - 60},25%,45%)"/>
    ${shapes}<path d="M0 470 C 200 430, 420 520, 800 450 L 800 600 L 0 600 Z" fill="hsl(200,35%,40%)"/>
    <text x="24" y="48" font-size="32" font-family="Noto Sans CJK SC, sans-serif" fill="#fff">${label}</text></svg>`);
}

function signatureSvg(rng: Random): Buffer {
  let d = `M ${rng.int(20, 40)} ${rng.int(60, 90)}`;
  for (let x = 50; x < 300; x += rng.int(25, 45)) d += ` Q ${x} ${rng.int(10, 110)} ${x + 12} ${rng.int(40, 90)}`;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120"><path d="${d}" stroke="#111" stroke-width="3" fill="none" stroke-linecap="round"/></svg>`);
}

export type DemoPhoto = { label: string; bytes: Buffer; thumbnail: Buffer; width: number; height: number };

/** A small pool of generated scene photos (JPEG with thumbnails) and signatures (PNG) the demo reuses. */
export async function demoImages(rng: Random): Promise<{ photos: DemoPhoto[]; signatures: Buffer[] }> {
  const photos = await Promise.all(SCENES.map(async (label) => {
    const bytes = await sharp(sceneSvg(rng, label)).jpeg({ quality: 70 }).toBuffer();
    const thumbnail = await sharp(bytes).resize(320, 320, { fit: 'inside' }).jpeg({ quality: 72 }).toBuffer();
    return { label, bytes, thumbnail, width: 800, height: 600 };
  }));
  const signatures = await Promise.all(Array.from({ length: 10 }, () => sharp(signatureSvg(rng)).png().toBuffer()));
  return { photos, signatures };
}
