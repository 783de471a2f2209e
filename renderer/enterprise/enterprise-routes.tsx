import { EnterpriseDetailPage } from './enterprise-detail';
import { EnterpriseFormPage } from './enterprise-form';
import { EnterpriseListPage } from './enterprise-list';

/** 企业 routes: '#/enterprises', '/new', '/ID', '/ID/edit' (this feature's chunk, fetched when first opened). */
export function EnterpriseRoutes({ route }: { route: string[] }) {
  const [, id, action] = route;
  if (id === 'new') return <EnterpriseFormPage />;
  if (id && action === 'edit') return <EnterpriseFormPage key={id} id={id} />;
  if (id) return <EnterpriseDetailPage key={id} id={id} />;
  return <EnterpriseListPage />;
}
