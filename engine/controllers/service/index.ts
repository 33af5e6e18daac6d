/**
 * Service address allocation, as a controller.
 *
 * In Kubernetes the API server allocates a Service's ClusterIP (and node ports) inside the create
 * request, so the object is never seen without one. Until the admission chain calls
 * `allocateServiceAddresses` (ipallocator.ts), this controller does the same allocation right after
 * the create, at the same virtual instant, writing as `kube-apiserver`. Once admission allocates,
 * the controller finds nothing to do.
 *
 * A user-chosen ClusterIP that is out of range or already held by an older Service cannot be
 * rejected after the fact; the controller reports it as the API server's repair loop does
 * (`pkg/registry/core/service/ipallocator/controller/repair.go`): Warning `ClusterIPOutOfRange` or
 * `ClusterIPAlreadyAllocated` on the Service.
 */
import type { ControllerFactory } from '../context';
import type { Service, Stored } from '../../api/types';
import { deepEqual, deepClone } from '../../util/clone';
import {
  allocatedClusterIPs,
  assignServiceAddresses,
  DEFAULT_RANGE,
  offsetOf,
  serviceIPs,
} from './ipallocator';

export * from './ipallocator';

export const SERVICE_ALLOCATOR = 'service-ip-allocator';
/** The actor of the allocation writes: the API server's Service storage. */
export const API_SERVER = 'kube-apiserver';
export const REPAIR_COMPONENT = 'ipallocator-repair-controller';

export const serviceIPController: ControllerFactory = (ctx) => {
  const { store, recorder } = ctx;
  const reported = new Set<string>();
  const queue = ctx.runtime.newQueue(SERVICE_ALLOCATOR, (key) => {
    const slash = key.indexOf('/');
    const svc = store.get<Service>('Service', key.slice(0, slash), key.slice(slash + 1));
    if (!svc) return;
    const next = deepClone(svc) as Stored<Service>;
    const errs = assignServiceAddresses(store, next, ctx.runtime.rand);
    const updated = deepEqual(next.spec, svc.spec) ? svc : store.update(next, { actor: API_SERVER });
    if (errs.length === 0) return;
    // Report user-chosen addresses the API server would have refused, as its repair loop does
    // (once per Service and address).
    const holders = allocatedClusterIPs(store);
    for (const ip of serviceIPs(updated)) {
      let reason: string | undefined;
      let message = '';
      if (offsetOf(DEFAULT_RANGE, ip) === undefined) {
        reason = 'ClusterIPOutOfRange';
        message = `Cluster IP [IPv4]:${ip} is not within the configured Service CIDR [${DEFAULT_RANGE.cidr}]; please recreate service`;
      } else if (holders.get(ip)?.metadata.uid !== updated.metadata.uid) {
        reason = 'ClusterIPAlreadyAllocated';
        message = `Cluster IP [IPv4]:${ip} was assigned to multiple services; please recreate service`;
      }
      const id = `${updated.metadata.uid}/${ip}/${reason}`;
      if (!reason || reported.has(id)) continue;
      reported.add(id);
      recorder.event(updated, 'Warning', reason, message, REPAIR_COMPONENT);
    }
  });
  store.watch('Service', (e) => {
    if (e.type === 'DELETED') return;
    queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
  });
  return { name: SERVICE_ALLOCATOR };
};
