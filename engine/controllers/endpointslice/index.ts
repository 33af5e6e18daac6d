import type { ControllerFactory } from '../context';

/** Placeholder until the endpointslice-controller lands: it subscribes to nothing and does nothing. */
export const endpointSliceController: ControllerFactory = () => ({ name: 'endpointslice-controller' });
