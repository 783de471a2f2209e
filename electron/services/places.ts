import { listRegions, listWaterBodies, listWatersheds } from '../store/places';
import type { Handlers } from './handlers';

export const placeHandlers = {
  'places.regions': (ctx) => listRegions(ctx.store.db),
  'places.water': (ctx) => ({ watersheds: listWatersheds(ctx.store.db), waterBodies: listWaterBodies(ctx.store.db) }),
} satisfies Partial<Handlers>;
