import type { ControllerFactory } from '../context';
import { GarbageCollector } from './garbagecollector';

export { GarbageCollector } from './garbagecollector';
export { GC_PLANTED_BUGS } from './planted';
export type { GarbageCollectorPlantedBug } from './planted';

/** The garbage collector (pkg/controller/garbagecollector); see garbagecollector.ts. */
export const garbageCollector: ControllerFactory = (ctx) => new GarbageCollector(ctx);
