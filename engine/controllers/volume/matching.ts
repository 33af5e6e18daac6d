/**
 * Matching claims to volumes, shared by the binder and the scheduler's volume binding.
 *
 * Sources: `pkg/controller/volume/persistentvolume/index.go` (`findByClaim`,
 * `allPossibleMatchingAccessModes`), `component-helpers/storage/volume/pv_helpers.go`
 * (`FindMatchingVolume`, `CheckAccessModes`, `IsVolumeBoundToClaim`, `CheckVolumeModeMismatches`),
 * `pv_controller.go` (`checkVolumeSatisfyClaim`), `component-helpers/storage/volume/helpers.go`
 * (`CheckNodeAffinity`).
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Stored } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import { storageBytes } from './quantity';
import { claimClass, volumeClass } from './storageclass';

type NodeSelectorRequirement = {
  key: string;
  operator: string;
  values?: string[];
};

/** IsVolumeBoundToClaim: claimRef names the claim, and its uid is empty (pre-bound) or the claim's. */
export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: Stored<PersistentVolumeClaim>): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== (pvc.metadata.namespace ?? ''))
    return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (pvc.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** CheckVolumeModeMismatches, with the API default Filesystem for an absent mode. */
export function volumeModeMismatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem');
}

export function requestedBytes(pvc: PersistentVolumeClaim): number {
  return storageBytes(pvc.spec?.resources?.requests as Record<string, string> | undefined);
}

export function capacityBytes(pv: PersistentVolume): number {
  return storageBytes(pv.spec?.capacity as Record<string, string> | undefined);
}

/**
 * checkVolumeSatisfyClaim, for a claim that names its volume: the reason the volume does not do, or
 * undefined. The messages are upstream's (they end up in a VolumeMismatch event).
 */
export function checkVolumeSatisfyClaim(
  pv: Stored<PersistentVolume>,
  pvc: PersistentVolumeClaim,
): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (capacityBytes(pv) < requestedBytes(pvc)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if (volumeModeMismatch(pvc, pv)) return 'incompatible volumeMode';
  if (!checkAccessModes(pvc, pv)) return 'incompatible accessMode';
  return undefined;
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
      const a = Number.parseInt(value, 10);
      const b = Number.parseInt(values[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * CheckNodeAffinity: a volume without required node affinity fits every node; otherwise one of its
 * nodeSelectorTerms (ORed) must match, every expression of a term (ANDed) holding. matchFields may
 * only name metadata.name.
 */
export function volumeFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) => {
    const exprs = (t.matchExpressions ?? []) as NodeSelectorRequirement[];
    const fields = (t.matchFields ?? []) as NodeSelectorRequirement[];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((e) => requirementMatches(e, labels[e.key])) &&
      fields.every((f) => f.key === 'metadata.name' && requirementMatches(f, node.metadata?.name))
    );
  });
}

/**
 * FindMatchingVolume over one list of volumes.
 *
 * - A volume pre-bound to the claim (claimRef names it) and big enough is returned at once (on the
 *   scheduler path only if it also fits the node; if not, nothing matches).
 * - With delayBinding and no node (the binder on a WaitForFirstConsumer claim) unbound volumes are
 *   skipped: the scheduler binds them with a node in mind.
 * - Otherwise: no claimRef, the claim's selector matches the volume's labels, same class, node
 *   affinity holds (scheduler path), access modes (scheduler path; the binder's index groups by them),
 *   capacity ≥ request. Of those, the SMALLEST wins; equal sizes go to the first by name (upstream:
 *   whichever the informer cache yields first).
 * Volumes being deleted and volumes of another volumeMode never match.
 */
export function findMatchingVolume(
  pvc: Stored<PersistentVolumeClaim>,
  volumes: readonly Stored<PersistentVolume>[],
  node: Node | undefined,
  excluded: ReadonlySet<string> | undefined,
  delayBinding: boolean,
): Stored<PersistentVolume> | undefined {
  const requested = requestedBytes(pvc);
  const requestedClass = claimClass(pvc);
  const selector = pvc.spec?.selector ? fromLabelSelector(pvc.spec.selector) : undefined;
  let smallest: Stored<PersistentVolume> | undefined;
  let smallestSize = 0;
  for (const pv of volumes) {
    if (excluded?.has(pv.metadata.name)) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const size = capacityBytes(pv);
    const fits = node ? volumeFitsNode(pv, node) : true;
    if (isVolumeBoundToClaim(pv, pvc)) {
      if (size < requested) continue;
      return fits ? pv : undefined;
    }
    if (!node && delayBinding) continue;
    if (pv.spec?.claimRef) continue;
    if (selector && !selector.matches(pv.metadata.labels)) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!fits) continue;
    if (node && !checkAccessModes(pvc, pv)) continue;
    if (size >= requested && (!smallest || size < smallestSize)) {
      smallest = pv;
      smallestSize = size;
    }
  }
  return smallest;
}

/**
 * findBestMatchForClaim (the binder's index): volumes are grouped by their exact set of access
 * modes; the groups offering every requested mode are searched fewest-modes first, so a claim for
 * RWO prefers an RWO volume to a bigger-matching RWO+ROX one. The first group with a match wins.
 */
export function findBestMatchForClaim(
  pvc: Stored<PersistentVolumeClaim>,
  volumes: readonly Stored<PersistentVolume>[],
  delayBinding: boolean,
): Stored<PersistentVolume> | undefined {
  const groups = new Map<string, Stored<PersistentVolume>[]>();
  for (const pv of volumes) {
    const key = [...new Set(pv.spec?.accessModes ?? [])].sort().join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(pv);
  }
  const requested = pvc.spec?.accessModes ?? [];
  const candidates = [...groups.keys()]
    .map((key) => ({ key, modes: key === '' ? [] : key.split(',') }))
    .filter((g) => requested.every((m) => g.modes.includes(m)))
    .sort((a, b) => a.modes.length - b.modes.length || a.key.localeCompare(b.key));
  for (const g of candidates) {
    const best = findMatchingVolume(pvc, groups.get(g.key)!, undefined, undefined, delayBinding);
    if (best) return best;
  }
  return undefined;
}
