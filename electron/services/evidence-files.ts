import { readFileSync, rmSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import type { HandedFile } from '../../shared/api/common';
import { putBlob, putBlobFile } from '../store/blob-store';
import { openPlainReader } from '../store/blob-segments';
import type { Store } from '../store/store';
import { notEvidenceMessage, sniffEvidenceType } from '../../shared/domain/file-type';
import { bytesOf, intakePhoto, MAX_PHOTO_BYTES } from './photo-intake';
import { stagedUpload } from './uploads';

/** The largest recording taken through a page's form as base64; larger ones are streamed to the host first (`HandedFile.upload`). */
export const MAX_RECORDING_BYTES = 50 * 1024 * 1024;

export type StoredFile = { sha256: string; size: number; mime: string };

const isRecordingOrScan = (type: string) => type === 'application/pdf' || type.startsWith('video/') || type.startsWith('audio/');

/**
 * Stores one file handed in with a form (issue 19): images checked and re-encoded as photos are; PDF
 * scans, MP4 video and MP3/M4A/AAC/WAV sound kept as their bytes are — a streamed upload copied from
 * disk without being read whole, and removed from the uploads folder whatever happens. Each is kept
 * once by its SHA-256 and frozen with the record that names it.
 */
export async function storeHandedFile(store: Store, f: HandedFile, refuse?: (type: string) => string | null): Promise<StoredFile> {
  if (f.upload) {
    const path = stagedUpload(store.file, f.upload);
    if (!path) throw new DomainError('invalid', `“${f.name}”的上传已失效或不存在，请重新选择文件`);
    try {
      const reader = openPlainReader(path);
      let head: Buffer;
      try { head = reader.read(0, 64); } finally { reader.close(); }
      const type = sniffEvidenceType(head);
      if (!type) throw new DomainError('invalid', notEvidenceMessage(f.name));
      const why = refuse?.(type);
      if (why) throw new DomainError('invalid', why);
      if (isRecordingOrScan(type)) return putBlobFile(store.db, store.blobDir, path, f.name);
      if (reader.size > MAX_PHOTO_BYTES) throw new DomainError('invalid', `“${f.name}”超过 50 MB，请压缩后再添加`);
      return await storePhoto(store, readFileSync(path), f.name);
    } finally {
      rmSync(path, { force: true });
    }
  }
  const bytes = bytesOf(f.base64 ?? '', `“${f.name}”的`);
  const type = sniffEvidenceType(bytes);
  if (!type) throw new DomainError('invalid', notEvidenceMessage(f.name));
  // Refused for what it is before anything is kept (no file is stored that no record names).
  const why = refuse?.(type);
  if (why) throw new DomainError('invalid', why);
  if (isRecordingOrScan(type)) {
    if (bytes.length > MAX_RECORDING_BYTES) throw new DomainError('invalid', `“${f.name}”超过 ${MAX_RECORDING_BYTES / 1024 / 1024} MB：更大的录音录像请以文件上传`);
    return { sha256: putBlob(store.db, store.blobDir, bytes, f.name), size: bytes.length, mime: type };
  }
  return storePhoto(store, bytes, f.name);
}

async function storePhoto(store: Store, bytes: Buffer, name: string): Promise<StoredFile> {
  const photo = await intakePhoto(bytes, name);
  return { sha256: putBlob(store.db, store.blobDir, photo.bytes, name), size: photo.bytes.length, mime: photo.mime };
}

/** Stores the files attached to an event (整改 photos, scanned acceptance forms, recordings of a 送达 or a refusal); their SHA-256s. */
export async function storeEvidenceFiles(store: Store, files: HandedFile[]): Promise<string[]> {
  const shas: string[] = [];
  for (const f of files) shas.push((await storeHandedFile(store, f)).sha256);
  return shas;
}
