import { dashboardFigures } from '../store/dashboard';
import { tasksOfInspector } from '../store/plans';
import { today } from './clock';
import type { Handlers } from './handlers';

export const dashboardHandlers = {
  'dashboard.get': (ctx) => {
    const me = ctx.session.personId;
    const { mineFindings, ...figures } = dashboardFigures(ctx.store.db, today(), me);
    const tasks = me ? tasksOfInspector(ctx.store.db, me, today()).filter((t) => !t.inspectionId).length : 0;
    return { ...figures, mine: { tasks, findings: mineFindings } };
  },
} satisfies Partial<Handlers>;
