import { DomainError } from '../../shared/api/result';
import { putBlob } from '../store/blob-store';
import type { Store } from '../store/store';
import { notEvidenceMessage, sniffEvidenceType } from '../../shared/domain/file-type';
import { bytesOf, intakePhoto } from './photo-intake';

/** The largest recording taken through a page's form (the request carries it whole, in base64). */
export const MAX_RECORDING_BYTES = 50 * 1024 * 1024;

/**
 * Stores files attached to an event (整改 photos, scanned acceptance forms, 执法记录仪 recordings of a
 * 送达 or a refusal — issue 19): images checked as photos are; PDF scans, MP4 video and MP3/M4A/AAC/WAV
 * sound by what their bytes are; each kept once by its SHA-256, frozen with the event that names it.
 */
export async function storeEvidenceFiles(store: Store, files: { name: string; base64: string }[]): Promise<string[]> {
  const shas: string[] = [];
  for (const f of files) {
    const bytes = bytesOf(f.base64, `“${f.name}”的`);
    const type = sniffEvidenceType(bytes);
    if (!type) throw new DomainError('invalid', notEvidenceMessage(f.name));
    if (type === 'application/pdf' || type?.startsWith('video/') || type?.startsWith('audio/')) {
      if (bytes.length > MAX_RECORDING_BYTES) throw new DomainError('invalid', `“${f.name}”超过 ${MAX_RECORDING_BYTES / 1024 / 1024} MB：更长的录像请剪取相关片段后附上`);
      shas.push(putBlob(store.db, store.blobDir, bytes, f.name));
      continue;
    }
    const photo = await intakePhoto(bytes, f.name);
    shas.push(putBlob(store.db, store.blobDir, photo.bytes, f.name));
  }
  return shas;
}
