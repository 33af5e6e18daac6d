import type { ControllerFactory } from '../context';
import { ReplicaSetController } from './controller';

export { ReplicaSetController } from './controller';

/** The ReplicaSet controller (pkg/controller/replicaset); see controller.ts. */
export const replicaSetController: ControllerFactory = (ctx) => new ReplicaSetController(ctx);
