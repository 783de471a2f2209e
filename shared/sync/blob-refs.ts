/** The blobs (SHA-256) a change refers to: photos and thumbnails, recordings, signatures, an event's evidence. */
export function blobRefs(entity: string, fields: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => { if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) out.push(v); };
  if (entity === 'inspection_photo') { add(fields.sha256); add(fields.thumbSha256); }
  if (entity === 'inspection_signature' || entity === 'inspection_recording') add(fields.sha256);
  if (entity === 'record_event' && Array.isArray(fields.blobs)) fields.blobs.forEach(add);
  return out;
}
