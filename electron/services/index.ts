import { auditHandlers, authHandlers } from './auth/index';
import { caseHandlers } from './cases';
import { checklistHandlers } from './checklists/index';
import { complaintHandlers } from './complaints';
import { dashboardHandlers } from './dashboard';
import { demoHandlers } from './demo/index';
import { enterpriseHandlers } from './enterprises';
import { findingHandlers } from './findings/index';
import { inspectionHandlers } from './inspections/index';
import { evidenceHandlers } from './evidence/index';
import { ledgerHandlers } from './ledgers/index';
import { mapHandlers } from './map/index';
import { syncHandlers } from './sync';
import type { Handlers } from './handlers';
import { outfallHandlers } from './outfalls';
import { peopleHandlers } from './people';
import { placeHandlers } from './places';
import { planHandlers } from './plans';
import { workspaceHandlers } from './workspace';

/** Every procedure's handler; a missing or mistyped one does not compile. */
export const handlers: Handlers = {
  ...authHandlers,
  ...auditHandlers,
  ...workspaceHandlers,
  ...demoHandlers,
  ...placeHandlers,
  ...peopleHandlers,
  ...enterpriseHandlers,
  ...outfallHandlers,
  ...checklistHandlers,
  ...inspectionHandlers,
  ...evidenceHandlers,
  ...findingHandlers,
  ...complaintHandlers,
  ...caseHandlers,
  ...planHandlers,
  ...dashboardHandlers,
  ...mapHandlers,
  ...syncHandlers,
  ...ledgerHandlers,
};
