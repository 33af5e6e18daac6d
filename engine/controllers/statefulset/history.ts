/**
 * ControllerRevision history for StatefulSets: hashing, naming, equality, ordering (pure), and the
 * store operations the controller performs on revisions (list, create with collision handling,
 * renumber, delete, adopt).
 *
 * Mirrors k8s: pkg/controller/history/controller_history.go. Behaviour reference:
 * ../shared/spec/statefulset.md §7.
 *
 * The hash keeps the upstream shape — FNV-32 (FNV-1) of the patch bytes followed by the decimal
 * collision count, the uint32 printed in decimal and "safe encoded" (each digit mapped into
 * `bcdfghjklmnpqrstvwxz2456789`), so names look like `web-7d4f8b6c9` — but the patch bytes are our
 * canonical JSON of the template, not the Go codec's, so the strings differ from a real cluster's
 * (docs/divergences.md). Equal templates always give equal names.
 */
import type { ControllerRevision, StatefulSet, Stored } from '../../api/types';
import type { Store } from '../../store/store';
import type { Selector } from '../../api/selectors';
import { ApiError } from '../../api/errors';
import { controllerRefOf } from '../../api/pod';
import { canonicalJson, deepEqual } from '../../util/clone';
import { ControllerRevisionHashLabel, controllerKind, newControllerRef } from './utils';

/** k8s.io/apimachinery/pkg/util/rand alphanums (no vowels, no 0/1/3 that could spell words). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1 32-bit (Go's hash/fnv New32): multiply by the prime, then xor the byte. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** rand.SafeEncodeString: each character mapped to SAFE_ALPHANUMS[code % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHANUMS[ch.codePointAt(0)! % SAFE_ALPHANUMS.length];
  return out;
}

const encoder = new TextEncoder();

/**
 * HashControllerRevision: FNV-32 of the revision's data (canonical JSON) and, when given, the
 * collision count in decimal; the uint32 in decimal, safe-encoded (up to 10 characters).
 */
export function hashControllerRevision(revision: Pick<ControllerRevision, 'data'>, probe?: number): string {
  let h = fnv32(encoder.encode(revision.data === undefined ? '' : canonicalJson(revision.data)));
  if (probe !== undefined) h = fnv32(encoder.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/**
 * NewControllerRevision (+ the StatefulSet's newRevision): labels = template labels plus
 * `controller.kubernetes.io/hash`; annotations = the set's; controllerRef → set; name
 * `<set>-<hash>` with the hash over data and collisionCount.
 */
export function newControllerRevision(
  parent: StatefulSet,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount: number,
): ControllerRevision {
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      namespace: parent.metadata?.namespace ?? 'default',
      labels: { ...(templateLabels ?? {}) },
      ownerReferences: [newControllerRef(parent, controllerKind)],
    },
    data: data as ControllerRevision['data'],
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata!.name = controllerRevisionName(parent.metadata?.name ?? '', hash);
  cr.metadata!.labels![ControllerRevisionHashLabel] = hash;
  const annotations = parent.metadata?.annotations;
  if (annotations && Object.keys(annotations).length) cr.metadata!.annotations = { ...annotations };
  return cr;
}

/** EqualRevision: same data (the hash label is safe-encoded, so upstream's numeric shortcut never applies). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  return deepEqual(a.data, b.data);
}

/** FindEqualRevisions: the revisions whose data equals needle's, in the given order. */
export function findEqualRevisions<T extends ControllerRevision>(
  revisions: readonly T[],
  needle: ControllerRevision,
): T[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** SortControllerRevisions: by .revision, then creationTimestamp, then name. Returns a new array. */
export function sortControllerRevisions<T extends ControllerRevision>(revisions: readonly T[]): T[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** realHistory: revision operations against the store, as `actor`. */
export class History {
  constructor(
    private readonly store: Store,
    private readonly actor: string,
  ) {}

  /** ListControllerRevisions: revisions in the parent's namespace matching selector, orphaned or owned by parent. */
  listControllerRevisions(parent: Stored<StatefulSet>, selector: Selector): Stored<ControllerRevision>[] {
    return this.store
      .list<ControllerRevision>('ControllerRevision', {
        namespace: parent.metadata.namespace,
        labels: selector,
      })
      .filter((r) => {
        const ref = controllerRefOf(r);
        return !ref || ref.uid === parent.metadata.uid;
      });
  }

  /**
   * CreateControllerRevision: creates revision under `<parent>-<hash(data, collisionCount)>`. On
   * AlreadyExists it returns the existing revision if its data is equal; otherwise it bumps
   * collisionCount and tries the next name. `reuseEqual: false` treats an equal existing revision as
   * a collision too (only the planted bug `rollback-new-revision` does that).
   */
  createControllerRevision(
    parent: StatefulSet,
    revision: ControllerRevision,
    collisionCount: { value: number },
    reuseEqual = true,
  ): Stored<ControllerRevision> {
    for (;;) {
      const hash = hashControllerRevision(revision, collisionCount.value);
      const clone: ControllerRevision = {
        ...revision,
        metadata: { ...revision.metadata, name: controllerRevisionName(parent.metadata?.name ?? '', hash) },
      };
      try {
        return this.store.create(clone, { actor: this.actor });
      } catch (err) {
        if (!(err instanceof ApiError) || err.reason !== 'AlreadyExists') throw err;
        const exists = this.store.get<ControllerRevision>(
          'ControllerRevision',
          parent.metadata?.namespace,
          clone.metadata!.name!,
        );
        if (!exists) throw err;
        if (reuseEqual && deepEqual(exists.data, clone.data)) return exists;
        collisionCount.value++;
      }
    }
  }

  /** UpdateControllerRevision: sets .revision (a rollback renumbers the reused revision). */
  updateControllerRevision(
    revision: Stored<ControllerRevision>,
    newRevision: number,
  ): Stored<ControllerRevision> {
    if (revision.revision === newRevision) return revision;
    return this.store.update({ ...revision, revision: newRevision }, { actor: this.actor });
  }

  deleteControllerRevision(revision: Stored<ControllerRevision>): void {
    this.store.delete('ControllerRevision', revision.metadata.namespace, revision.metadata.name, {
      actor: this.actor,
    });
  }

  /** AdoptControllerRevision: adds a controllerRef to parent; an owned revision is an error. */
  adoptControllerRevision(
    parent: Stored<StatefulSet>,
    revision: Stored<ControllerRevision>,
  ): Stored<ControllerRevision> {
    const owner = controllerRefOf(revision);
    if (owner) throw new Error(`attempt to adopt revision owned by ${owner.kind}/${owner.name}`);
    return this.store.update(
      {
        ...revision,
        metadata: {
          ...revision.metadata,
          ownerReferences: [
            ...(revision.metadata.ownerReferences ?? []),
            newControllerRef(parent, controllerKind),
          ],
        },
      },
      { actor: this.actor },
    );
  }
}
