import type { ControllerFactory } from '../controllers/context';

/** Placeholder until the default-scheduler lands: it subscribes to nothing and does nothing. */
export const scheduler: ControllerFactory = () => ({ name: 'default-scheduler' });
