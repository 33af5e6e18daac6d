import type { ControllerFactory } from '../context';

/** Placeholder until the statefulset-controller lands: it subscribes to nothing and does nothing. */
export const statefulSetController: ControllerFactory = () => ({ name: 'statefulset-controller' });
