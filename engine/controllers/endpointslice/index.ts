/**
 * The EndpointSlice controller: keeps each selector Service's EndpointSlices in step with the pods
 * it selects (statefulset.md §11, §13.7).
 *
 * Mirrors `pkg/controller/endpointslice/endpointslice_controller.go` (`syncService`, the pod,
 * Service, slice and node handlers); the reconciling itself is in reconciler.ts, the per-pod
 * endpoint rules in endpoints.ts.
 *
 * - Services of type ExternalName, and Services without a selector, get nothing from here.
 * - Every change of a selected pod (created, IP assigned, readiness, deletion started, gone) or of
 *   the Service resyncs it at the same virtual instant; so do changes to its slices by anyone else
 *   (a slice deleted by hand comes back).
 * - When the Service goes, its slices go with it through their ownerReference (garbage collector).
 * - Not modelled: the `endpoints.kubernetes.io/last-change-trigger-time` annotation, topology hints.
 */
import type { ControllerContext, ControllerFactory } from '../context';
import type { Store, WatchEvent } from '../../store/store';
import type { EndpointSlice, Pod, Service, Stored } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import type { WorkQueue } from '../../runtime/runtime';
import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MAX_ENDPOINTS_PER_SLICE,
  reconcile,
} from './reconciler';

export * from './reconciler';
export * from './endpoints';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';

/** A Service's selector as a Selector; undefined for none (a nil or empty selector selects nothing here). */
export function serviceSelector(svc: Service) {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  return fromLabelSelector({ matchLabels: sel });
}

export class EndpointSliceController {
  readonly name = ENDPOINTSLICE_CONTROLLER;
  private readonly store: Store;
  private readonly queue: WorkQueue;
  private readonly reportedMissingNodes = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE,
  ) {
    this.store = ctx.store;
    this.queue = ctx.runtime.newQueue(ENDPOINTSLICE_CONTROLLER, (key) => this.syncService(key));
    ctx.store.watch('Service', (e) =>
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`),
    );
    ctx.store.watch('Pod', (e) => this.onPod(e));
    ctx.store.watch('EndpointSlice', (e) => this.onSlice(e));
    ctx.store.watch('Node', (e) => {
      if (e.type === 'MODIFIED') return;
      for (const svc of this.store.list<Service>('Service')) if (serviceSelector(svc)) this.enqueue(svc);
    });
  }

  private enqueue(svc: Stored<Service>): void {
    this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }

  /** The Services whose selector matches the pod's labels now or before the change. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const old = e.old as Stored<Pod> | undefined;
    for (const svc of this.store.list<Service>('Service', { namespace: pod.metadata.namespace })) {
      const sel = serviceSelector(svc);
      if (!sel) continue;
      if (sel.matches(pod.metadata.labels) || (old && sel.matches(old.metadata.labels))) this.enqueue(svc);
    }
  }

  /** Slices changed by someone else (a user, the garbage collector) bring their Service back. */
  private onSlice(e: WatchEvent): void {
    if (e.actor === ENDPOINTSLICE_CONTROLLER) return;
    const labels = e.object.metadata.labels ?? {};
    const svcName = labels[LABEL_SERVICE_NAME];
    if (!svcName || labels[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return;
    this.queue.add(`${e.object.metadata.namespace}/${svcName}`);
  }

  syncService(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const svc = this.store.get<Service>('Service', ns, key.slice(slash + 1));
    if (!svc) return; // the garbage collector removes its slices
    if (svc.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = this.store.list<Pod>('Pod', { namespace: ns, labels: selector });
    const sliceSelector = fromLabelSelector({
      matchLabels: { [LABEL_SERVICE_NAME]: svc.metadata.name, [LABEL_MANAGED_BY]: CONTROLLER_NAME },
    });
    const slices = this.store
      .list<EndpointSlice>('EndpointSlice', { namespace: ns, labels: sliceSelector })
      .filter((s) => !s.metadata.deletionTimestamp);
    const plan = reconcile(this.store, svc, pods, slices, this.maxEndpointsPerSlice);
    const write = { actor: ENDPOINTSLICE_CONTROLLER };
    for (const s of plan.create) this.store.create(s, write);
    for (const s of plan.update) this.store.update(s, write);
    for (const s of plan.delete) this.store.delete('EndpointSlice', ns, s.metadata.name, write);
    for (const podName of plan.skippedPods) {
      const id = `${svc.metadata.uid}/${podName}`;
      if (this.reportedMissingNodes.has(id)) continue;
      this.reportedMissingNodes.add(id);
      const pod = pods.find((p) => p.metadata.name === podName);
      this.ctx.recorder.event(
        svc,
        'Warning',
        'FailedToUpdateEndpointSlices',
        `Error updating Endpoint Slices for Service ${ns}/${svc.metadata.name}: skipping Pod ${podName} for Service ${ns}/${svc.metadata.name}: Node ${pod?.spec?.nodeName ?? ''} Not Found`,
        ENDPOINTSLICE_CONTROLLER,
      );
    }
  }
}

/** The controller with a different slice capacity (tests). */
export function createEndpointSliceController(
  maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE,
): ControllerFactory {
  return (ctx) => new EndpointSliceController(ctx, maxEndpointsPerSlice);
}

export const endpointSliceController: ControllerFactory = createEndpointSliceController();
