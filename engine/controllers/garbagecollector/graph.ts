/**
 * The dependency index of the garbage collector (the `uidToNode` graph of
 * pkg/controller/garbagecollector/graph_builder.go, reduced to what the collector reads): for every
 * owner uid, the objects whose ownerReferences name it, with the reference's blockOwnerDeletion.
 * Maintained incrementally from watch events, so no event scans the store.
 */
import type { KObject, OwnerReference } from '../../api/types';

/** An object as the collector names it: kind, namespace, name, and the uid that makes it unique. */
export interface Identity {
  kind: string;
  namespace: string | undefined;
  name: string;
  uid: string;
}

export interface Dependent {
  id: Identity;
  /** Whether this dependent's reference to the owner has blockOwnerDeletion: true. */
  blocking: boolean;
}

export function identityOf(obj: KObject): Identity {
  const m = obj.metadata ?? {};
  return { kind: obj.kind ?? '', namespace: m.namespace, name: m.name ?? '', uid: m.uid ?? '' };
}

/** `Pod|default|web-abc12|<uid>`: a work-queue key (names contain no `|`). */
export function identityKey(id: Identity): string {
  return `${id.kind}|${id.namespace ?? ''}|${id.name}|${id.uid}`;
}

export function parseIdentityKey(key: string): Identity {
  const [kind, namespace, name, uid] = key.split('|');
  return { kind, namespace: namespace || undefined, name, uid };
}

export function identityString(id: Identity): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name} (${id.uid})`;
}

export class DependencyIndex {
  /** owner uid → (dependent uid → dependent). */
  private readonly byOwner = new Map<string, Map<string, Dependent>>();

  /** Records that `id` names each of `refs` as an owner. */
  add(id: Identity, refs: readonly OwnerReference[] | undefined): void {
    for (const ref of refs ?? []) {
      let deps = this.byOwner.get(ref.uid);
      if (!deps) this.byOwner.set(ref.uid, (deps = new Map()));
      deps.set(id.uid, { id, blocking: ref.blockOwnerDeletion === true });
    }
  }

  /** Forgets that `id` names each of `refs` as an owner. */
  remove(id: Identity, refs: readonly OwnerReference[] | undefined): void {
    for (const ref of refs ?? []) {
      const deps = this.byOwner.get(ref.uid);
      if (!deps) continue;
      deps.delete(id.uid);
      if (deps.size === 0) this.byOwner.delete(ref.uid);
    }
  }

  /** The dependents of an owner, in the order they were first recorded. */
  dependentsOf(ownerUid: string): Dependent[] {
    const deps = this.byOwner.get(ownerUid);
    return deps ? [...deps.values()] : [];
  }

  hasDependents(ownerUid: string): boolean {
    return (this.byOwner.get(ownerUid)?.size ?? 0) > 0;
  }

  /** Owners with recorded dependents (tests and diagnostics). */
  get size(): number {
    return this.byOwner.size;
  }
}
