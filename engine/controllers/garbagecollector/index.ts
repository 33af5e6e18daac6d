import type { ControllerFactory } from '../context';
import { GarbageCollector } from './garbagecollector';

export { GarbageCollector } from './garbagecollector';

/** The garbage collector (pkg/controller/garbagecollector); see garbagecollector.ts. */
export const garbageCollector: ControllerFactory = (ctx) => new GarbageCollector(ctx);
