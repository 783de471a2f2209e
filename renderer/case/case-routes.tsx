import { CaseFormPage } from './case-form';
import { CaseListPage } from './case-list';
import { CasePage } from './case-page';

/** 案件查处 routes: '#/cases[?filters]', '/new[?from]', '/ID' (this feature's chunk, fetched when first opened). */
export function CaseRoutes({ route }: { route: string[] }) {
  const [, id] = route;
  if (id === 'new') return <CaseFormPage key={window.location.hash} />;
  if (id) return <CasePage key={id} id={id} />;
  return <CaseListPage key={window.location.hash} />;
}
