import type { Database } from 'better-sqlite3';

/**
 * Issue 19: an enterprise's 排污许可 as issued — 许可证编号, 发证机关, 有效期 — its 排污登记 receipt number,
 * and the 环境监管重点单位 categories it is listed under.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE enterprises ADD COLUMN permit_number TEXT;
    ALTER TABLE enterprises ADD COLUMN permit_issuer TEXT;
    ALTER TABLE enterprises ADD COLUMN permit_valid_from TEXT;
    ALTER TABLE enterprises ADD COLUMN permit_valid_to TEXT;
    ALTER TABLE enterprises ADD COLUMN registration_number TEXT;
    ALTER TABLE enterprises ADD COLUMN key_unit_categories TEXT NOT NULL DEFAULT '[]';
  `);
}
