import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/enforcement/kinds';
import { DocumentFormPage } from './document-form';
import { CaseFormPage } from './case-form';
import { CaseListPage } from './case-list';
import { CasePage } from './case-page';

/** 案件查处 routes: '#/cases[?filters]', '/new[?from]', '/ID', '/ID/document/KIND' (this feature's chunk, fetched when first opened). */
export function CaseRoutes({ route }: { route: string[] }) {
  const [, id, sub, kind] = route;
  if (id === 'new') return <CaseFormPage key={window.location.hash} />;
  if (id && sub === 'document' && (DOCUMENT_KINDS as readonly string[]).includes(kind)) return <DocumentFormPage key={`${id}/${kind}`} caseId={id} kind={kind as DocumentKind} />;
  if (id) return <CasePage key={id} id={id} />;
  return <CaseListPage key={window.location.hash} />;
}
