/**
 * The controllers a cluster runs, in start order (the order their watch handlers run in).
 * Each entry's module owns its folder under engine/controllers/ (or engine/kubelet, engine/scheduler)
 * and exports its factory from index.ts.
 */
import type { ControllerFactory } from './context';
import { garbageCollector } from './garbagecollector';
import { scheduler } from '../scheduler';
import { kubelet } from '../kubelet';
import { replicaSetController } from './replicaset';
import { deploymentController } from './deployment';
import { statefulSetController } from './statefulset';
import { persistentVolumeController } from './volume';
import { serviceIPController } from './service';
import { endpointSliceController } from './endpointslice';

export const controllerFactories: ControllerFactory[] = [
  garbageCollector,
  scheduler,
  kubelet,
  replicaSetController,
  deploymentController,
  statefulSetController,
  persistentVolumeController,
  serviceIPController,
  endpointSliceController,
];
