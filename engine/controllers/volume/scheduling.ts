/**
 * What the scheduler needs to know about a pod's claims: the VolumeBinding plugin, as pure
 * functions over the store. The scheduler (engine/scheduler) calls them; this module never
 * schedules anything itself.
 *
 * Mirrors `pkg/scheduler/framework/plugins/volumebinding/volume_binding.go` (PreFilter, Filter,
 * PreBind) and `binder.go` (`GetPodVolumeClaims`, `FindPodVolumes`, `AssumePodVolumes`,
 * `BindPodVolumes`, `checkBindings`).
 *
 * The flow for one pod:
 *   1. `preFilterPodVolumes(store, pod)` → a message makes the pod unschedulable on every node
 *      (e.g. `pod has unbound immediate PersistentVolumeClaims`, `persistentvolumeclaim "data" not found`).
 *   2. `filterPodVolumes(store, pod, node)` per node → a reason makes that node unfit
 *      (e.g. `node(s) had volume node affinity conflict`).
 *   3. After choosing a node: `bindPodVolumes(store, pod, nodeName)` binds WaitForFirstConsumer
 *      claims (to a matching static volume, or by asking for provisioning with
 *      `volume.kubernetes.io/selected-node`).
 *   4. Bind the pod only once `claimsBound(store, pod)`; until then wait (re-check when a
 *      PersistentVolumeClaim changes).
 * A pod without claims passes every step at once.
 */
import type { Store } from '../../store/store';
import type {
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StorageClass,
  Stored,
} from '../../api/types';
import { controllerRefOf } from '../../api/pod';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, NO_PROVISIONER } from './constants';
import { findMatchingVolume, volumeFitsNode } from './matching';
import { podClaims } from './pods';
import { classOfClaim, isDelayBindingMode } from './storageclass';
import { volumeBoundToClaim } from './binder';

type PVC = Stored<PersistentVolumeClaim>;

/** Scheduler reasons (volumebinding plugin, `ErrReason*`). */
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

export interface PodVolumeClaims {
  /** Claims with spec.volumeName set. */
  bound: PVC[];
  /** Unbound claims of WaitForFirstConsumer classes: the scheduler binds them. */
  delayed: PVC[];
  /** Unbound claims of Immediate classes: the binder must bind them before the pod can go anywhere. */
  immediate: PVC[];
}

/**
 * GetPodVolumeClaims: the pod's claims sorted into bound / delayed / immediate, or the message of
 * the first claim that is missing or being deleted.
 */
export function podVolumeClaims(store: Store, pod: Stored<Pod>): PodVolumeClaims | string {
  const out: PodVolumeClaims = { bound: [], delayed: [], immediate: [] };
  const ns = pod.metadata.namespace;
  for (const c of podClaims(pod)) {
    const pvc = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, c.name);
    if (!pvc) {
      return c.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"`
        : `persistentvolumeclaim "${c.name}" not found`;
    }
    if (c.ephemeral && controllerRefOf(pvc)?.uid !== pod.metadata.uid)
      return `PVC ${ns}/${c.name} was not created for pod ${ns}/${pod.metadata.name} (pod is not owner)`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${c.name}" is being deleted`;
    if (pvc.spec?.volumeName) out.bound.push(pvc);
    else if (isDelayBindingMode(store, pvc)) out.delayed.push(pvc);
    else out.immediate.push(pvc);
  }
  return out;
}

/** PreFilter: why the pod fits no node because of its claims, or undefined. */
export function preFilterPodVolumes(store: Store, pod: Stored<Pod>): string | undefined {
  const claims = podVolumeClaims(store, pod);
  if (typeof claims === 'string') return claims;
  if (claims.immediate.length > 0) return ERR_UNBOUND_IMMEDIATE;
  return undefined;
}

interface NodePlan {
  /** Delayed claims matched to a static volume on this node. */
  staticBindings: { pvc: PVC; pv: Stored<PersistentVolume> }[];
  /** Delayed claims to provision on this node. */
  provision: PVC[];
}

function allowedOnNode(cls: StorageClass | undefined, node: Node): boolean {
  const terms = cls?.allowedTopologies;
  if (!terms || terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? '\u0000')),
  );
}

/** FindPodVolumes on one node: a plan for the delayed claims, or the reason the node does not fit. */
function planPodVolumes(store: Store, pod: Stored<Pod>, node: Stored<Node>): NodePlan | string {
  const claims = podVolumeClaims(store, pod);
  if (typeof claims === 'string') return claims;
  if (claims.immediate.length > 0) return ERR_UNBOUND_IMMEDIATE;
  for (const pvc of claims.bound) {
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec!.volumeName!);
    if (!pv) return ERR_REASON_PV_NOT_EXIST;
    if (!volumeFitsNode(pv, node)) return ERR_REASON_NODE_CONFLICT;
  }
  const plan: NodePlan = { staticBindings: [], provision: [] };
  const volumes = store.list<PersistentVolume>('PersistentVolume');
  const chosen = new Set<string>();
  for (const pvc of claims.delayed) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected && selected !== node.metadata.name) return ERR_REASON_BIND_CONFLICT;
    const pv = findMatchingVolume(pvc, volumes, node, chosen, true);
    if (pv) {
      chosen.add(pv.metadata.name);
      plan.staticBindings.push({ pvc, pv });
      continue;
    }
    const cls = classOfClaim(store, pvc);
    if (!cls || !cls.provisioner || cls.provisioner === NO_PROVISIONER || !allowedOnNode(cls, node))
      return ERR_REASON_BIND_CONFLICT;
    plan.provision.push(pvc);
  }
  return plan;
}

/** Filter: why this node cannot take the pod because of its claims, or undefined. */
export function filterPodVolumes(store: Store, pod: Stored<Pod>, node: Stored<Node>): string | undefined {
  const plan = planPodVolumes(store, pod, node);
  return typeof plan === 'string' ? plan : undefined;
}

/**
 * PreBind for the chosen node: bind each delayed claim's chosen static volume (the scheduler writes
 * pv.spec.claimRef; the binder completes the claim side), and mark the claims to provision with
 * `volume.kubernetes.io/selected-node`. Throws the Filter reason if the node no longer fits.
 */
export function bindPodVolumes(
  store: Store,
  pod: Stored<Pod>,
  nodeName: string,
  actor = 'default-scheduler',
): void {
  const node = store.get<Node>('Node', undefined, nodeName);
  if (!node) throw new Error(`node "${nodeName}" not found`);
  const plan = planPodVolumes(store, pod, node);
  if (typeof plan === 'string') throw new Error(plan);
  for (const { pvc, pv } of plan.staticBindings) {
    const bound = volumeBoundToClaim(pv, pvc);
    if (bound) store.update(bound, { actor });
  }
  for (const pvc of plan.provision) {
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
    store.update(
      {
        ...pvc,
        metadata: {
          ...pvc.metadata,
          annotations: { ...(pvc.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName },
        },
      },
      { actor },
    );
  }
}

/**
 * checkBindings: every claim the pod uses exists, is not being deleted, carries bind-completed and
 * names a volume whose claimRef points back at it. True for a pod without claims. The scheduler
 * binds a pod to its node only when this holds.
 */
export function claimsBound(store: Store, pod: Stored<Pod>): boolean {
  const ns = pod.metadata.namespace;
  for (const c of podClaims(pod)) {
    const pvc = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, c.name);
    if (!pvc || pvc.metadata.deletionTimestamp) return false;
    if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) return false;
    const volumeName = pvc.spec?.volumeName;
    if (!volumeName) return false;
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata.uid) return false;
  }
  return true;
}
