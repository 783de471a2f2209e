import { OutfallDetailPage } from './outfall-detail';
import { OutfallFormPage } from './outfall-form';
import { OutfallListPage } from './outfall-list';

/** 排污口 routes: '#/outfalls', '/new', '/ID', '/ID/edit' (this feature's chunk, fetched when first opened). */
export function OutfallRoutes({ route }: { route: string[] }) {
  const [, id, action] = route;
  if (id === 'new') return <OutfallFormPage />;
  if (id && action === 'edit') return <OutfallFormPage key={id} id={id} />;
  if (id) return <OutfallDetailPage key={id} id={id} />;
  return <OutfallListPage />;
}
