/**
 * The scheduler's filter plugins and its failure message, in the default profile's order
 * (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, TaintToleration,
 * NodeAffinity (nodeSelector and required node affinity), NodeResourcesFit. The first plugin that
 * rejects a node gives that node's reasons, as in framework.RunFilterPlugins.
 *
 * FitError.Error (pkg/scheduler/framework/types.go) joins a histogram of reasons, sorted as strings:
 *   `0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`
 * The preemption part is DefaultPreemption's PostFilter message: nodes rejected with
 * UnschedulableAndUnresolvable reasons (cordon, taint, selector) are "Preemption is not helpful for
 * scheduling"; nodes short of resources have no lower-priority victims (every pod has priority 0
 * here), so "No preemption victims found for incoming pod".
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Toleration } from 'kubernetes-types/core/v1';
import type { Node, Pod } from '../api/types';
import type { Resources } from './resources';

export const ERR_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_NODE_SELECTOR = "node(s) didn't match Pod's node affinity/selector";
export const ERR_TOO_MANY_PODS = 'Too many pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
/** schedulePod with an empty node snapshot (ErrNoNodesAvailable). */
export const ERR_NO_NODES = 'no nodes available to schedule pods';

/** What the scheduler knows about a node: its object and the requests of the pods bound to it. */
export interface NodeInfo {
  name: string;
  node?: Node;
  allocatable: Resources & { pods: number };
  /** Σ requests of bound non-terminal pods. */
  requested: Resources;
  /** Σ requests with the scoring defaults for unset requests. */
  nonZeroRequested: Resources;
  pods: number;
}

export interface FilterResult {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  unresolvable: boolean;
}

const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** v1helper.TolerationsTolerateTaint for one taint. */
export function tolerates(
  tolerations: Toleration[] | undefined,
  taint: { key: string; value?: string; effect: string },
): boolean {
  for (const t of tolerations ?? []) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (t.key && t.key !== taint.key) continue;
    if (!t.key && t.operator !== 'Exists') continue;
    if (t.operator === 'Exists') return true;
    if ((t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}

/** Taints the node carries, plus the not-ready taint the node lifecycle controller adds to a NotReady node. */
function effectiveTaints(node: Node): { key: string; value?: string; effect: string }[] {
  const taints = [...(node.spec?.taints ?? [])];
  if (!isNodeReady(node) && !taints.some((t) => t.key === TAINT_NOT_READY))
    taints.push({ key: TAINT_NOT_READY, effect: 'NoSchedule' });
  return taints;
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const a = Number(value);
      const b = Number(values[0]);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, labels[r.key])) return false;
  for (const r of fields)
    if (!requirementMatches(r, r.key === 'metadata.name' ? node.metadata?.name : undefined)) return false;
  return true;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND any required term. */
export function matchesNodeSelector(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, node))) return false;
  return true;
}

/** Runs the filters on one node. Returns undefined when the pod fits. */
export function filterNode(pod: Pod, req: Resources, info: NodeInfo): FilterResult | undefined {
  const node = info.node!;
  const tolerations = pod.spec?.tolerations;
  // NodeUnschedulable
  if (node.spec?.unschedulable && !tolerates(tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }))
    return { reasons: [ERR_UNSCHEDULABLE], unresolvable: true };
  // TaintToleration: the first untolerated NoSchedule / NoExecute taint.
  for (const taint of effectiveTaints(node)) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerates(tolerations, taint))
      return {
        reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
        unresolvable: true,
      };
  }
  // NodeAffinity
  if (!matchesNodeSelector(pod, node)) return { reasons: [ERR_NODE_SELECTOR], unresolvable: true };
  // NodeResourcesFit (fitsRequest): pods first, then cpu, then memory.
  const reasons: string[] = [];
  if (info.pods + 1 > info.allocatable.pods) reasons.push(ERR_TOO_MANY_PODS);
  if (req.cpu > 0 && req.cpu > info.allocatable.cpu - info.requested.cpu) reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > info.allocatable.memory - info.requested.memory)
    reasons.push('Insufficient memory');
  return reasons.length ? { reasons, unresolvable: false } : undefined;
}

/** `N reason` entries sorted as strings, as FitError.Error's histogram. */
function histogram(counts: Map<string, number>): string {
  return [...counts.entries()]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

/** The FailedScheduling message for a pod that fits no node. */
export function fitErrorMessage(numNodes: number, results: FilterResult[]): string {
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const r of results) {
    for (const reason of r.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const p = r.unresolvable ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  if (numNodes === 0) return ERR_NO_NODES;
  let msg = `0/${numNodes} nodes are available: ${histogram(reasons)}.`;
  msg += ` preemption: 0/${numNodes} nodes are available: ${histogram(preemption)}.`;
  return msg;
}

/**
 * The message when a PreFilter plugin rejects the pod everywhere (VolumeBinding: an unbound
 * immediate claim, a missing claim): `0/3 nodes are available: pod has unbound immediate
 * PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`
 */
export function preFilterErrorMessage(numNodes: number, message: string): string {
  return `0/${numNodes} nodes are available: ${message}. preemption: 0/${numNodes} nodes are available: ${numNodes} ${PREEMPTION_NOT_HELPFUL}.`;
}

/** Natural order of node names: node-2 before node-10, then plain string order. */
export function compareNodeNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}
