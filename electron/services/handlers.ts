import type { Output, ParsedInput, ProcedureName } from '../../shared/api/index';
import type { ServiceContext } from './context';

/** A handler takes the parsed input of its procedure and returns exactly its declared output. */
export type Handler<K extends ProcedureName> = (ctx: ServiceContext, input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in ProcedureName]: Handler<K> };
