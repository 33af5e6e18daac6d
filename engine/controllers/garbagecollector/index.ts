import type { ControllerFactory } from '../context';

/** Placeholder until the garbage-collector lands: it subscribes to nothing and does nothing. */
export const garbageCollector: ControllerFactory = () => ({ name: 'garbage-collector' });
