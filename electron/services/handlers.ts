import type { Output, ParsedInput, ProcedureName } from '../../shared/api/index';
import type { ServiceContext } from './context';

/** A handler takes the parsed input of its procedure and returns exactly its declared output. */
/** Procedures the core answers; `workspaces.*` are answered by the host that owns the core. */
export type CoreProcedureName = Exclude<ProcedureName, `workspaces.${string}`>;

export type Handler<K extends ProcedureName> = (ctx: ServiceContext, input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in CoreProcedureName]: Handler<K> };
