import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** Shown when a chunk cannot be fetched (the program was rebuilt while this page stayed open). */
function ChunkMissing() {
  return <div className="fatal" role="alert">无法载入此页面（程序可能已更新）。<button onClick={() => window.location.reload()}>刷新</button></div>;
}

/**
 * A component fetched the first time it is shown (inside a Suspense): Vite puts its module, and
 * whatever only it imports (ECharts, Leaflet…), in a chunk of its own, so the first list is not kept
 * waiting by the others.
 */
export function onFirstOpen<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    try {
      return { default: (await load())[name] };
    } catch {
      return { default: ChunkMissing as ComponentType<P> };
    }
  });
}
