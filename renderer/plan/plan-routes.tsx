import { PlanPage } from './plan-page';
import { PlanFormPage, PlansPage } from './plans';

/** 双随机 routes: '#/plans', '/new', '/ID' (this feature's chunk, fetched when first opened). */
export function PlanRoutes({ route }: { route: string[] }) {
  const [, id] = route;
  if (id === 'new') return <PlanFormPage />;
  if (id) return <PlanPage key={id} id={id} />;
  return <PlansPage />;
}
