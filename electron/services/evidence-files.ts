import { DomainError } from '../../shared/api/result';
import { putBlob } from '../store/blob-store';
import type { Store } from '../store/store';
import { bytesOf, intakePhoto } from './photo-intake';

/**
 * Stores files attached to an event (整改 photos, scanned acceptance forms): images checked as
 * photos are, and PDF scans; each kept once by its SHA-256.
 */
export async function storeEvidenceFiles(store: Store, files: { name: string; base64: string }[]): Promise<string[]> {
  const shas: string[] = [];
  for (const f of files) {
    const bytes = bytesOf(f.base64, `“${f.name}”的`);
    if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
      if (bytes.length > 50 * 1024 * 1024) throw new DomainError('invalid', `“${f.name}”超过 50 MB`);
      shas.push(putBlob(store.db, store.blobDir, bytes, f.name));
      continue;
    }
    const photo = await intakePhoto(bytes, f.name);
    shas.push(putBlob(store.db, store.blobDir, photo.bytes, f.name));
  }
  return shas;
}
