/**
 * What a stored file is, proven from its bytes (DESIGN §11: files are bytes, not types). Only the
 * evidence types the product uses are accepted — photos (JPEG, PNG, WebP, HEIC), scans (PDF), video
 * (MP4) and sound recordings (MP3, M4A, AAC, WAV) — whatever a sender claims; anything else (HTML,
 * SVG, scripts, archives…) is refused where it enters: at attach, over sync, from a bundle.
 *
 * Hand-written rather than a general sniffing library: the accepted set is ten signatures, each
 * documented below with the structure it checks, and the point is to refuse everything else.
 */
export const EVIDENCE_TYPES = {
  'image/jpeg': 'JPEG 照片', 'image/png': 'PNG 图片', 'image/webp': 'WebP 图片', 'image/heic': 'HEIC 照片',
  'application/pdf': 'PDF 文件', 'video/mp4': 'MP4 视频', 'audio/mpeg': 'MP3 录音', 'audio/mp4': 'M4A 录音',
  'audio/aac': 'AAC 录音', 'audio/wav': 'WAV 录音',
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** ISO base media (ftyp box at offset 4): the major brand and compatible brands decide photo, video or sound. */
function isoBrand(b: Uint8Array): EvidenceType | null {
  if (b.length < 12 || ascii(b, 4, 8) !== 'ftyp') return null;
  const size = Math.min(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0, b.length, 256);
  const brands = [ascii(b, 8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) brands.push(ascii(b, i, i + 4));
  if (brands.some((x) => ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(x))) return 'image/heic';
  if (brands[0] === 'M4A ' || brands[0] === 'M4B ') return 'audio/mp4';
  if (brands.some((x) => ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'qt  ', 'MSNV', 'dash', '3gp4', '3gp5', '3gp6'].includes(x))) return 'video/mp4';
  return null;
}

/** The evidence type these bytes are, or null when they are none of them. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const b = bytes;
  if (b.length < 4) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  const iso = isoBrand(b);
  if (iso) return iso;
  if (ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  // ADTS (AAC): 12-bit sync, layer 00; MPEG audio frame (MP3): 11-bit sync, layer III.
  if (b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return 'audio/aac';
  if (b[0] === 0xff && (b[1] & 0xe6) === 0xe2) return 'audio/mpeg';
  return null;
}

/** The refusal of a file that is not evidence, naming it and what is accepted. */
export function notEvidenceMessage(name: string): string {
  return `“${name}”不是可接受的证据文件类型（按文件内容判断），只接受 JPEG/PNG/WebP/HEIC 照片、PDF、MP4 视频和 MP3/M4A/AAC/WAV 录音`;
}
