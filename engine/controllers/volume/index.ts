import type { ControllerFactory } from '../context';

/** Placeholder until the persistentvolume-binder-controller lands: it subscribes to nothing and does nothing. */
export const persistentVolumeController: ControllerFactory = () => ({
  name: 'persistentvolume-binder-controller',
});
