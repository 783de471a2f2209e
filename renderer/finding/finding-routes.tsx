import { FindingFormPage } from './finding-form';
import { FindingListPage } from './finding-list';
import { FindingPage } from './finding-page';

/** 问题整改 routes: '#/findings[?filters]', '/new', '/ID' (this feature's chunk, fetched when first opened). */
export function FindingRoutes({ route }: { route: string[] }) {
  const [, id] = route;
  if (id === 'new') return <FindingFormPage />;
  if (id) return <FindingPage key={id} id={id} />;
  return <FindingListPage key={window.location.hash} />;
}
