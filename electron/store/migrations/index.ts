import type { Database } from 'better-sqlite3';
import * as m0010 from './0010-initial';
import * as m0020 from './0020-search';
import * as m0030 from './0030-short-search';
import * as m0040 from './0040-pinyin-order';
import * as m0050 from './0050-inspections';
import * as m0060 from './0060-finding-ledger-fields';
import * as m0070 from './0070-closed-loop';
import * as m0080 from './0080-map';
import * as m0090 from './0090-sync';
import * as m0100 from './0100-sync-duplicates';
import * as m0110 from './0110-sync-missing';
import * as m0120 from './0120-pushed-by';
import * as m0130 from './0130-accounts';
import * as m0140 from './0140-record-signatures';
import * as m0150 from './0150-change-account';
import * as m0160 from './0160-discharge-standard';
import * as m0170 from './0170-plan-publication';
import * as m0180 from './0180-permit-fields';
import * as m0190 from './0190-outfall-responsible';
import * as m0200 from './0200-recusal';
import * as m0210 from './0210-case-clocks';
import * as m0220 from './0220-complaint-review';
import * as m0230 from './0230-inspection-source';
import * as m0240 from './0240-inspection-recordings';
import * as m0250 from './0250-pinyin-search';

export type Migration = { version: number; name: string; up: (db: Database) => void };

/** Every migration in order; `PRAGMA user_version` holds the last one applied. Append only. */
export const migrations: Migration[] = [
  { version: 10, name: 'initial', up: m0010.up },
  { version: 20, name: 'search', up: m0020.up },
  { version: 30, name: 'short-search', up: m0030.up },
  { version: 40, name: 'pinyin-order', up: m0040.up },
  { version: 50, name: 'inspections', up: m0050.up },
  { version: 60, name: 'finding-ledger-fields', up: m0060.up },
  { version: 70, name: 'closed-loop', up: m0070.up },
  { version: 80, name: 'map', up: m0080.up },
  { version: 90, name: 'sync', up: m0090.up },
  { version: 100, name: 'sync-duplicates', up: m0100.up },
  { version: 110, name: 'sync-missing', up: m0110.up },
  { version: 120, name: 'pushed-by', up: m0120.up },
  { version: 130, name: 'accounts', up: m0130.up },
  { version: 140, name: 'record-signatures', up: m0140.up },
  { version: 150, name: 'change-account', up: m0150.up },
  { version: 160, name: 'discharge-standard', up: m0160.up },
  { version: 170, name: 'plan-publication', up: m0170.up },
  { version: 180, name: 'permit-fields', up: m0180.up },
  { version: 190, name: 'outfall-responsible', up: m0190.up },
  { version: 200, name: 'recusal', up: m0200.up },
  { version: 210, name: 'case-clocks', up: m0210.up },
  { version: 220, name: 'complaint-review', up: m0220.up },
  { version: 230, name: 'inspection-source', up: m0230.up },
  { version: 240, name: 'inspection-recordings', up: m0240.up },
  { version: 250, name: 'pinyin-search', up: m0250.up },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version;
