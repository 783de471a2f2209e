/*
 * A bundle carried on a USB stick is encrypted (issue 18): the signed zip is sealed with AES-256-GCM
 * under a key both ends derive from the secret the hub keeps for that device (HKDF-SHA256,
 * "qingshui-bundle-v1"), so a stick found in a car park reveals no name, phone, text or photo. The
 * envelope names only the hub and the device, which pick the key:
 *   "QSYNC-SEALED-1\n" ‖ {"hubId","deviceId"} ‖ "\n" ‖ "QSE1" ‖ IV(12) ‖ ciphertext ‖ tag(16)
 * with "hubId|deviceId" as associated data. Each host brings its own AES (shared/ imports no Node module).
 */
const MAGIC = 'QSYNC-SEALED-1\n';
const MAX_HEADER = 1024;

export type EnvelopeHeader = { hubId: string; deviceId: string };

/** What binds the sealed body to its envelope (associated data of the encryption). */
export function envelopeAad(h: EnvelopeHeader): string {
  return `${h.hubId}|${h.deviceId}`;
}

export function sealEnvelope(h: EnvelopeHeader, sealedBody: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`${MAGIC}${JSON.stringify({ hubId: h.hubId, deviceId: h.deviceId })}\n`);
  const out = new Uint8Array(head.length + sealedBody.length);
  out.set(head, 0);
  out.set(sealedBody, head.length);
  return out;
}

/** The envelope's header and sealed body; null when the bytes are a plain bundle; a string: why it is unreadable. */
export function openEnvelope(bytes: Uint8Array): { header: EnvelopeHeader; body: Uint8Array } | null | string {
  const magic = new TextEncoder().encode(MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) return null;
  const end = bytes.indexOf(10, magic.length);
  if (end < 0 || end - magic.length > MAX_HEADER) return '加密同步包的包头已损坏';
  let header: unknown;
  try { header = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length, end))); } catch { return '加密同步包的包头已损坏'; }
  const h = header as Partial<EnvelopeHeader>;
  if (typeof h.hubId !== 'string' || typeof h.deviceId !== 'string') return '加密同步包的包头已损坏';
  return { header: { hubId: h.hubId, deviceId: h.deviceId }, body: bytes.subarray(end + 1) };
}
