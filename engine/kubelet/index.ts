import type { ControllerFactory } from '../controllers/context';

/** Placeholder until the kubelet lands: it subscribes to nothing and does nothing. */
export const kubelet: ControllerFactory = () => ({ name: 'kubelet' });
