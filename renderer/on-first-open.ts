import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A component fetched the first time it is shown (inside a Suspense): Vite puts its module, and
 * whatever only it imports (ECharts, Leaflet…), in a chunk of its own, so the first list is not kept
 * waiting by the others.
 */
export function onFirstOpen<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
