import { InspectionListPage } from './inspection-list';
import { InspectionPage } from './inspection-page';
import { InspectionStartPage } from './inspection-start';

/** 现场检查 routes: '#/inspections', '/new', '/ID' (the print page '/ID/print' is shown without the shell, see app.tsx). */
export function InspectionRoutes({ route }: { route: string[] }) {
  const [, id] = route;
  if (id === 'new') return <InspectionStartPage />;
  if (id) return <InspectionPage key={id} id={id} />;
  return <InspectionListPage />;
}
