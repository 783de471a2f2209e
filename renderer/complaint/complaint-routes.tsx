import { ComplaintFormPage } from './complaint-form';
import { ComplaintListPage } from './complaint-list';
import { ComplaintPage } from './complaint-page';

/** 信访投诉 routes: '#/complaints[?filters]', '/new', '/ID' (this feature's chunk, fetched when first opened). */
export function ComplaintRoutes({ route }: { route: string[] }) {
  const [, id] = route;
  if (id === 'new') return <ComplaintFormPage />;
  if (id) return <ComplaintPage key={id} id={id} />;
  return <ComplaintListPage key={window.location.hash} />;
}
