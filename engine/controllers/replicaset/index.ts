import type { ControllerFactory } from '../context';

/** Placeholder until the replicaset-controller lands: it subscribes to nothing and does nothing. */
export const replicaSetController: ControllerFactory = () => ({ name: 'replicaset-controller' });
