import type { ControllerFactory } from '../context';

/** Placeholder until the deployment-controller lands: it subscribes to nothing and does nothing. */
export const deploymentController: ControllerFactory = () => ({ name: 'deployment-controller' });
