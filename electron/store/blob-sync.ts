import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** Blobs here that the hub has not confirmed holding (kept until it has, DESIGN §8). */
export function unconfirmedBlobs(db: Database): { sha256: string; size: number; mime: string }[] {
  return prepared(db, 'SELECT b.sha256, b.size, b.mime FROM blobs b LEFT JOIN blob_sync s ON s.sha256 = b.sha256 WHERE s.sha256 IS NULL AND b.size >= 0 ORDER BY b.created_at').all() as { sha256: string; size: number; mime: string }[];
}

/** Notes that the hub holds this blob (it need not be sent again). */
export function confirmBlob(db: Database, sha256: string): void {
  prepared(db, 'INSERT OR IGNORE INTO blob_sync (sha256, confirmed_at) VALUES (?, ?)').run(sha256, new Date().toISOString());
}

/** Blobs records here refer to but whose bytes have not arrived ("media pending"). */
export function missingBlobs(db: Database): string[] {
  return prepared(db, 'SELECT sha256 FROM blobs WHERE size < 0 ORDER BY created_at').pluck().all() as string[];
}

/** How many blobs wait for the hub's confirmation, and how many referred-to blobs have not arrived (the 同步 page's figures). */
export function blobCounts(db: Database): { unconfirmed: number; missing: number } {
  return prepared(db, `SELECT
      (SELECT count(*) FROM blobs b WHERE b.size >= 0 AND NOT EXISTS (SELECT 1 FROM blob_sync s WHERE s.sha256 = b.sha256)) AS unconfirmed,
      (SELECT count(*) FROM blobs WHERE size < 0) AS missing`).get() as { unconfirmed: number; missing: number };
}

/** Forgets which blobs the hub confirmed (a hub restored from a backup may lack later ones): each is asked again. */
export function forgetBlobConfirmations(db: Database): void {
  prepared(db, 'DELETE FROM blob_sync').run();
}
