import type { z } from 'zod';
import { authProcedures } from './auth';
import { caseProcedures } from './cases';
import { checklistProcedures } from './checklists';
import { complaintProcedures } from './complaints';
import { dashboardProcedures } from './dashboard';
import { demoProcedures } from './demo';
import { enterpriseProcedures } from './enterprises';
import { findingProcedures } from './findings';
import { inspectionProcedures } from './inspections';
import { ledgerProcedures } from './ledgers';
import { mapProcedures } from './map';
import { outfallProcedures } from './outfalls';
import { peopleProcedures } from './people';
import { placeProcedures } from './places';
import { planProcedures } from './plans';
import { syncProcedures } from './sync';
import { workspaceProcedures } from './workspace';
import { workspacesProcedures } from './workspaces';

/**
 * Procedures only a program on this computer may call (the CLI, a host setting up a data folder),
 * never a page through IPC or the browser host: they build a county into an empty workspace, and an
 * empty workspace may be a laptop waiting for its first sync.
 */
export const HOST_ONLY_PROCEDURES: ReadonlySet<string> = new Set(['demo.generate', 'workspace.init', 'workspace.signIn', 'auth.signInOpened']);

/** Every procedure the core answers, by name: the one contract between hosts, renderer and CLI. */
export const procedures = {
  ...authProcedures,
  ...workspaceProcedures,
  ...syncProcedures,
  ...workspacesProcedures,
  ...demoProcedures,
  ...placeProcedures,
  ...peopleProcedures,
  ...enterpriseProcedures,
  ...outfallProcedures,
  ...checklistProcedures,
  ...inspectionProcedures,
  ...findingProcedures,
  ...complaintProcedures,
  ...caseProcedures,
  ...planProcedures,
  ...dashboardProcedures,
  ...mapProcedures,
  ...ledgerProcedures,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
/** What a caller sends (defaults may be left out). */
export type Input<K extends ProcedureName> = z.input<Procedures[K]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type Output<K extends ProcedureName> = z.output<Procedures[K]['output']>;

/** Whether a string names a procedure. */
export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './result';
