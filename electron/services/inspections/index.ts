import { listInspections } from '../../store/inspections';
import type { Handlers } from '../handlers';
import { draftHandlers } from './draft';
import { evidenceHandlers } from './evidence';
import { finalizeHandlers } from './finalize';
import { inspectionView } from './view';

export { finalizeInspection } from './finalize';
export { proposedFindings } from './proposals';
export { targetSnapshot } from './target';
export { officerOf } from './draft';

export const inspectionHandlers = {
  'inspections.list': (ctx, { offset, limit, ...filter }) => listInspections(ctx.store.db, filter, offset, limit),
  'inspections.get': (ctx, { id }) => inspectionView(ctx, id),
  ...draftHandlers,
  ...evidenceHandlers,
  ...finalizeHandlers,
} satisfies Partial<Handlers>;
