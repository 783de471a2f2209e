import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFile } from '../../electron/core/workbench';
import { newWorkspaceKey } from '../../electron/store/cipher';
import { ENTERPRISE } from '../../electron/store/entities';
import { listEnterprises } from '../../electron/store/enterprises';
import { encryptInPlace, rawDatabase } from '../../electron/store/open';
import { openStore, type Store } from '../../electron/store/store';
import { rowToFields } from '../../electron/store/write-path';
import { p95, report, timeRuns } from './measure';

/**
 * Issue 18's cost of protection at rest: the same workspace as a plain file and encrypted (SQLCipher 4
 * scheme, AES-256), in the same run — a filtered list page and the write path — each ≤ 1.3× plain.
 */
export function benchAtRest(dataDir: string, root: string, results: boolean[]): void {
  const plainFile = join(root, 'plain.qingshui');
  const encFile = join(root, 'encrypted.qingshui');
  copyFileSync(workspaceFile(dataDir), plainFile);
  copyFileSync(workspaceFile(dataDir), encFile);
  const key = newWorkspaceKey();
  const raw = rawDatabase(encFile);
  try { encryptInPlace(raw, key); raw.pragma('journal_mode = WAL'); } finally { raw.close(); }

  const plain = openStore(plainFile, { create: false });
  const enc = openStore(encFile, { create: false, key });
  try {
    const towns = plain.db.prepare("SELECT code FROM regions WHERE level = 'town'").pluck().all() as string[];
    const page = (s: Store) => timeRuns(200, (i) => listEnterprises(s.db, { townCode: towns[i % towns.length], permitClass: i % 2 ? '简化管理' : undefined }, ['name', 'uscc', 'updatedAt'][i % 3], i % 2 ? 'desc' : 'asc', (i * 37) % 2000, 100));
    const plainPage = p95(page(plain));
    const encPage = p95(page(enc));
    results.push(report('encrypted_enterprise_page_p95', encPage, 'ms', { name: 'same page, plain file', value: plainPage }, { max: Math.max(plainPage * 1.3, plainPage + 1) }));
    // The same page from a freshly opened file (nothing in SQLite's cache yet: every page read is decrypted).
    const cold = (file: string, k: Buffer | null) => timeRuns(20, (i) => {
      const s = openStore(file, { create: false, key: k });
      try { listEnterprises(s.db, { townCode: towns[i % towns.length] }, 'name', 'asc', 0, 100); } finally { s.close(); }
    });
    const plainCold = p95(cold(plainFile, null));
    const encCold = p95(cold(encFile, key));
    // No target: the figure is the page as the app serves it (above); opening pays once per start.
    results.push(report('encrypted_open_and_first_page_p95', encCold, 'ms', { name: 'same, plain file', value: plainCold }));

    // The write path: 5,000 enterprises rewritten (a field each), one transaction per 100, as an import does.
    const rows = (plain.db.prepare('SELECT * FROM enterprises LIMIT 5000').all() as Record<string, unknown>[])
      .map((r) => { const { id, createdAt: _c, updatedAt: _u, deleted: _d, ...f } = rowToFields(ENTERPRISE, r); return [id as string, { ...f, note: `bench ${Math.random()}` }] as const; });
    const write = (s: Store) => {
      const t = performance.now();
      for (let i = 0; i < rows.length; i += 100) s.transaction(() => { for (const [id, f] of rows.slice(i, i + 100)) s.write(ENTERPRISE, id, f, 'system'); });
      return performance.now() - t;
    };
    write(plain); write(enc); // warm both
    const plainWrite = Math.min(write(plain), write(plain));
    const encWrite = Math.min(write(enc), write(enc));
    results.push(report('encrypted_write_path_5000', encWrite, 'ms', { name: 'same writes, plain file', value: plainWrite }, { max: plainWrite * 1.3 }));
  } finally {
    plain.close();
    enc.close();
  }
}
