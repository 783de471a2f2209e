import { DomainError } from '../../../shared/api/result';
import { areaRefusal } from '../../../shared/sync/roles';
import { localArea } from '../../store/record-town';
import type { Store } from '../../store/store';

/**
 * A 镇街工作人员's writes stay in their towns (issue 18: "a town officer — their towns only"), judged on
 * the laptop by the same rule the hub applies (`areaRefusal`), from where this laptop holds the record:
 * every write a service makes for them goes through this store, and one outside their towns is refused
 * in Chinese before anything is written (the call's transaction rolls back).
 */
export function townGuardedStore(store: Store, towns: string[]): Store {
  return {
    ...store,
    write: (spec, id, fields, author, opts) => {
      const refusal = areaRefusal('town', towns, spec.entity, localArea(store.db, spec.entity, id, fields));
      if (refusal) throw new DomainError('forbidden', refusal.replace('本中心', '本机'));
      return store.write(spec, id, fields, author, opts);
    },
  };
}
