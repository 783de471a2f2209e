import exifr from 'exifr';
import sharp from 'sharp';
import { DomainError } from '../../shared/api/result';

export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;
const FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export type PhotoIntake = {
  bytes: Buffer; mime: string; thumbnail: Buffer; width: number; height: number;
  takenAt: string | null; lat: number | null; lon: number | null;
};

/** Decodes base64 that a host sent, refusing what is not base64. */
export function bytesOf(base64: string, what: string): Buffer {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(base64)) throw new DomainError('invalid', `${what}数据损坏（不是 base64 编码）`);
  return Buffer.from(base64, 'base64');
}

/** "2026:11:20 10:11:12" (EXIF, local time) → "2026-11-20T10:11". */
function exifMinute(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = raw.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2})/);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` : null;
}

/**
 * Checks that bytes are a photo we keep (JPEG, PNG or WebP, ≤ 50 MB), reads its EXIF time and GPS,
 * and makes a 320-pixel thumbnail turned upright by the EXIF orientation.
 */
export async function intakePhoto(bytes: Buffer, fileName: string): Promise<PhotoIntake> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new DomainError('invalid', `“${fileName}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 50 MB，请压缩后再添加`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new DomainError('invalid', `“${fileName}”不是图片文件（无法识别的格式），请选择 JPEG 或 PNG 照片`);
  }
  const mime = FORMATS[meta.format ?? ''];
  if (!mime) throw new DomainError('invalid', `“${fileName}”是 ${meta.format} 格式，请转为 JPEG 或 PNG 后再添加`);
  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(bytes).rotate().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 72 }).toBuffer();
  } catch {
    throw new DomainError('invalid', `“${fileName}”已损坏，无法读取图像内容`);
  }
  let takenAt: string | null = null;
  let lat: number | null = null;
  let lon: number | null = null;
  if (mime === 'image/jpeg' || meta.exif) {
    const tags = await exifr.parse(bytes, { pick: ['DateTimeOriginal', 'CreateDate', 'ModifyDate'], reviveValues: false }).catch(() => null) as Record<string, unknown> | null;
    takenAt = exifMinute(tags?.DateTimeOriginal) ?? exifMinute(tags?.CreateDate) ?? exifMinute(tags?.ModifyDate);
    const gps = await exifr.gps(bytes).catch(() => null);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) { lat = gps.latitude; lon = gps.longitude; }
  }
  const upright = (meta.orientation ?? 1) >= 5;
  return { bytes, mime, thumbnail, width: (upright ? meta.height : meta.width) ?? 0, height: (upright ? meta.width : meta.height) ?? 0, takenAt, lat, lon };
}

/** Checks that a signature is a PNG image drawn on the pad. */
export async function intakeSignature(bytes: Buffer): Promise<Buffer> {
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta || meta.format !== 'png') throw new DomainError('invalid', '签名图像无效，请重新签名');
  if (bytes.length > 2 * 1024 * 1024) throw new DomainError('invalid', '签名图像过大');
  return bytes;
}
