import type { Database } from 'better-sqlite3';

/**
 * Issue 19: an outfall's 责任主体 is an enterprise, a town government, a village committee or another body
 * (name, USCC where it has one, contact and phone); its 设置审批/备案 number and date; and its 整治 — the
 * measures, planned and actual completion, the monitoring after the works and the 销号 evidence.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE outfalls ADD COLUMN responsible_kind TEXT;
    ALTER TABLE outfalls ADD COLUMN responsible_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE outfalls ADD COLUMN responsible_uscc TEXT;
    ALTER TABLE outfalls ADD COLUMN responsible_contact TEXT NOT NULL DEFAULT '';
    ALTER TABLE outfalls ADD COLUMN responsible_phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE outfalls ADD COLUMN approval_number TEXT;
    ALTER TABLE outfalls ADD COLUMN approval_date TEXT;
    ALTER TABLE outfalls ADD COLUMN remediation_measures TEXT NOT NULL DEFAULT '';
    ALTER TABLE outfalls ADD COLUMN remediation_planned_at TEXT;
    ALTER TABLE outfalls ADD COLUMN remediation_done_at TEXT;
    ALTER TABLE outfalls ADD COLUMN post_monitoring TEXT NOT NULL DEFAULT '';
    ALTER TABLE outfalls ADD COLUMN closure_evidence TEXT NOT NULL DEFAULT '';
  `);
}
