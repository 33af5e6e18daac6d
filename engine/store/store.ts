/**
 * The versioned object store: the engine's API server. It assigns uid, resourceVersion, generation
 * and creationTimestamp; keeps the status subresource apart from the main resource; rejects stale
 * writes with Conflict; deletes gracefully with deletionTimestamp and finalizers; and emits ordered
 * watch events. Every accepted write is appended to the action log.
 *
 * Objects handed out are the stored ones and must be treated as read-only: copy before changing
 * (as controllers deep-copy what their listers return). Every write stores a fresh copy.
 */
import { ApiError, alreadyExists, conflict, invalidError, notFound } from '../api/errors';
import { kindInfo, apiVersionOf, isKnownKind } from '../api/kinds';
import type { KObject, Stored, ObjectMeta } from '../api/types';
import { toTimestamp } from '../api/time';
import { deepClone, deepEqual } from '../util/clone';
import type { Runtime } from '../runtime/runtime';
import { admission } from './admission';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchType;
  kind: string;
  object: Stored;
  /** The previous version, for MODIFIED and DELETED. */
  old?: Stored;
  /** Virtual time of the change. */
  time: number;
  /** Sequence number of the change across the whole store (equals the new resourceVersion). */
  seq: number;
  actor: string;
}

export type Verb = 'create' | 'update' | 'updateStatus' | 'delete';

export interface Action {
  seq: number;
  time: number;
  verb: Verb;
  kind: string;
  namespace: string;
  name: string;
  actor: string;
  /** The object after the action (for delete: the object as it was when deletion was requested). */
  object: Stored;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WriteOptions {
  actor?: string;
  /** Skip defaulting and validation (used by the engine's own objects such as Events). */
  skipAdmission?: boolean;
  /** Dry run: validate and return the result without storing it. */
  dryRun?: boolean;
  /**
   * The input was built by the engine for this one write and the caller keeps no reference to
   * change later: the store takes it without a deep copy (only the top level and metadata are
   * copied). With admission (which defaults in place) everything the input references must be
   * fresh; with `skipAdmission` it may share read-only values with stored objects.
   */
  owned?: boolean;
}

/** Kinds whose metadata.generation the API server tracks. */
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'PersistentVolumeClaim']);

const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME = 63;
const GENERATED_SUFFIX = 5;

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KObject): string {
  return objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** The uid of obj's controller (the ownerReference with controller: true), if any. */
export function controllerUid(obj: KObject): string | undefined {
  for (const r of obj.metadata?.ownerReferences ?? []) if (r.controller) return r.uid;
  return undefined;
}

class KindTable {
  readonly objects = new Map<string, Stored>();
  /** controller uid → (key → object): objects with a controller ownerReference. */
  readonly byController = new Map<string, Map<string, Stored>>();
  /** namespace → (key → object): objects with no controller. */
  readonly orphans = new Map<string, Map<string, Stored>>();
  private sorted: string[] | null = [];

  put(key: string, obj: Stored, old: Stored | undefined): void {
    if (!old) this.sorted = null;
    if (old) this.unindex(key, old);
    this.objects.set(key, obj);
    this.index(key, obj);
  }

  remove(key: string, old: Stored): void {
    this.objects.delete(key);
    this.unindex(key, old);
    this.sorted = null;
  }

  sortedKeys(): string[] {
    if (!this.sorted) this.sorted = [...this.objects.keys()].sort();
    return this.sorted;
  }

  private index(key: string, obj: Stored): void {
    const c = controllerUid(obj);
    const map = c ? this.byController : this.orphans;
    const bucket = c ?? obj.metadata.namespace ?? '';
    let m = map.get(bucket);
    if (!m) map.set(bucket, (m = new Map()));
    m.set(key, obj);
  }

  private unindex(key: string, obj: Stored): void {
    const c = controllerUid(obj);
    const map = c ? this.byController : this.orphans;
    const bucket = c ?? obj.metadata.namespace ?? '';
    const m = map.get(bucket);
    if (m) {
      m.delete(key);
      if (m.size === 0) map.delete(bucket);
    }
  }
}

export interface ListOptions {
  namespace?: string;
  /** A predicate on labels, e.g. a compiled Selector's `matches`. */
  labels?: { matches(labels: Readonly<Record<string, string>> | undefined): boolean };
}

export type Watcher = (e: WatchEvent) => void;

/**
 * A mutating admission plugin with access to the store (DefaultStorageClass,
 * StorageObjectInUseProtection, the Service IP allocator…). Runs on create after defaulting and
 * before validation; may throw an ApiError to reject the object.
 */
export interface AdmissionPlugin {
  name: string;
  create(obj: KObject, store: Store): void;
}

export class Store {
  private readonly tables = new Map<string, KindTable>();
  private readonly watchers = new Map<string, Watcher[]>();
  private readonly anyWatchers: Watcher[] = [];
  private rv = 0;
  /** Every accepted write, in order. */
  readonly actions: Action[] = [];
  /** Record actions (on by default; benchmarks of huge clusters may turn it off). */
  recordActions = true;
  /** Mutating admission plugins, in order (registered by the cluster). */
  readonly admissionPlugins: AdmissionPlugin[] = [];

  constructor(readonly runtime: Runtime) {}

  get resourceVersion(): number {
    return this.rv;
  }

  private table(kind: string): KindTable {
    let t = this.tables.get(kind);
    if (!t) {
      if (!isKnownKind(kind))
        throw new ApiError('NotFound', `the server doesn't have a resource type "${kind}"`);
      this.tables.set(kind, (t = new KindTable()));
    }
    return t;
  }

  /** Subscribes to changes of one kind ('*' for all). Watchers run synchronously, in subscription order. */
  watch(kind: string, fn: Watcher): void {
    if (kind === '*') {
      this.anyWatchers.push(fn);
      return;
    }
    let list = this.watchers.get(kind);
    if (!list) this.watchers.set(kind, (list = []));
    list.push(fn);
  }

  get<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): Stored<T> | undefined {
    const ns = kindInfo(kind).namespaced ? (namespace ?? 'default') : undefined;
    return this.table(kind).objects.get(objectKey(ns, name)) as Stored<T> | undefined;
  }

  getByKey<T extends KObject = KObject>(kind: string, key: string): Stored<T> | undefined {
    return this.table(kind).objects.get(key) as Stored<T> | undefined;
  }

  /** Objects of a kind, sorted by namespace/name (the order etcd returns them in). */
  list<T extends KObject = KObject>(kind: string, opts: ListOptions = {}): Stored<T>[] {
    const t = this.table(kind);
    const out: Stored<T>[] = [];
    const prefix =
      opts.namespace !== undefined && kindInfo(kind).namespaced ? `${opts.namespace}/` : undefined;
    for (const key of t.sortedKeys()) {
      if (prefix && !key.startsWith(prefix)) continue;
      const obj = t.objects.get(key)!;
      if (opts.labels && !opts.labels.matches(obj.metadata.labels)) continue;
      out.push(obj as Stored<T>);
    }
    return out;
  }

  /** Objects of a kind whose controller ownerReference points at uid, in creation order. Index-backed. */
  listControlledBy<T extends KObject = KObject>(kind: string, uid: string): Stored<T>[] {
    const m = this.table(kind).byController.get(uid);
    return m ? ([...m.values()] as Stored<T>[]) : [];
  }

  /** Objects of a kind in a namespace without a controller ownerReference, in creation order. Index-backed. */
  listOrphans<T extends KObject = KObject>(kind: string, namespace: string): Stored<T>[] {
    const m = this.table(kind).orphans.get(namespace);
    return m ? ([...m.values()] as Stored<T>[]) : [];
  }

  count(kind: string): number {
    return this.table(kind).objects.size;
  }

  private nextRv(): string {
    return String(++this.rv);
  }

  private normalize(
    input: KObject,
    owned: boolean | undefined,
  ): { kind: string; obj: Stored; ns: string | undefined } {
    const kind = input.kind;
    if (!kind) throw new ApiError('BadRequest', "Object 'Kind' is missing");
    const info = kindInfo(kind);
    const obj = (owned ? { ...input, metadata: { ...input.metadata } } : deepClone(input)) as Stored;
    obj.apiVersion = obj.apiVersion ?? apiVersionOf(info);
    obj.metadata = (obj.metadata ?? {}) as Stored['metadata'];
    const ns = info.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    if (ns) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    return { kind, obj, ns };
  }

  /** Creates an object (POST). Applies generateName, defaults and validation. */
  create<T extends KObject>(input: T, opts: WriteOptions = {}): Stored<T> {
    const { kind, obj, ns } = this.normalize(input, opts.owned);
    const t = this.table(kind);
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = this.generateName(t, ns, meta.generateName);
    if (!opts.skipAdmission) {
      admission.default(obj);
      for (const plugin of this.admissionPlugins) plugin.create(obj, this);
      const errs = admission.validateCreate(obj);
      if (errs.length) throw invalidError(kind, meta.name ?? '', errs);
    } else if (!meta.name) {
      throw invalidError(kind, '', [
        { field: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' },
      ]);
    }
    const key = objectKey(ns, meta.name);
    if (t.objects.has(key)) throw alreadyExists(kind, meta.name);
    meta.uid = this.runtime.rand.uuid();
    meta.creationTimestamp = toTimestamp(this.runtime.now);
    if (GENERATION_KINDS.has(kind)) meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (opts.dryRun) return obj as Stored<T>;
    meta.resourceVersion = this.nextRv();
    t.put(key, obj, undefined);
    this.emit('create', 'ADDED', kind, obj, undefined, opts.actor);
    return obj as Stored<T>;
  }

  /** kube-apiserver's names.SimpleNameGenerator: base truncated to 58 characters plus 5 random ones. */
  private generateName(t: KindTable, ns: string | undefined, base: string): string {
    const b = base.length > MAX_NAME - GENERATED_SUFFIX ? base.slice(0, MAX_NAME - GENERATED_SUFFIX) : base;
    for (;;) {
      let s = '';
      for (let i = 0; i < GENERATED_SUFFIX; i++)
        s += GENERATE_NAME_ALPHABET[this.runtime.rand.int(GENERATE_NAME_ALPHABET.length)];
      if (!t.objects.has(objectKey(ns, b + s))) return b + s;
    }
  }

  private current(kind: string, obj: Stored, ns: string | undefined): Stored {
    const existing = this.table(kind).objects.get(objectKey(ns, obj.metadata.name));
    if (!existing) throw notFound(kind, obj.metadata.name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) throw conflict(kind, obj.metadata.name);
    if (obj.metadata.uid && obj.metadata.uid !== existing.metadata.uid) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${kind} "${obj.metadata.name}": Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${existing.metadata.uid}`,
      );
    }
    return existing;
  }

  /**
   * Updates the main resource (PUT). Status in the input is ignored for kinds with a status
   * subresource; generation bumps when spec (for Deployments, also annotations) changes. A write that
   * changes nothing is a no-op: no new resourceVersion, no watch event.
   */
  update<T extends KObject>(input: T, opts: WriteOptions = {}): Stored<T> {
    const { kind, obj, ns } = this.normalize(input, opts.owned && opts.skipAdmission);
    const info = kindInfo(kind);
    const old = this.current(kind, obj, ns);
    const meta = obj.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (info.hasStatus) {
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status;
    }
    if (!opts.skipAdmission) {
      admission.default(obj);
      const errs = admission.validateUpdate(obj, old);
      if (errs.length) throw invalidError(kind, meta.name, errs);
    }
    if (old.metadata.generation !== undefined) {
      meta.generation = old.metadata.generation;
      const specChanged = !deepEqual(obj.spec, old.spec);
      const annotationsChanged =
        kind === 'Deployment' && !deepEqual(meta.annotations ?? {}, old.metadata.annotations ?? {});
      if (specChanged || annotationsChanged) meta.generation = old.metadata.generation + 1;
    }
    return this.commit('update', kind, ns, obj, old, opts);
  }

  /** Updates the status subresource: only .status is taken from the input. */
  updateStatus<T extends KObject>(input: T, opts: WriteOptions = {}): Stored<T> {
    const kind = input.kind;
    if (!kind) throw new ApiError('BadRequest', "Object 'Kind' is missing");
    const ns = kindInfo(kind).namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    // Only .status is taken from the input, so only .status is copied.
    const obj = {
      kind,
      metadata: input.metadata ?? {},
      status: opts.owned ? input.status : deepClone(input.status),
    } as unknown as Stored;
    const old = this.current(kind, obj, ns);
    const next = { ...old, status: obj.status } as Stored;
    if (obj.status === undefined) delete next.status;
    // deploymentStatusStrategy.PrepareForUpdate resets only spec and labels: annotations written with
    // a status update are kept (the Deployment controller records revisions this way).
    if (kind === 'Deployment' && input.metadata?.annotations !== undefined) {
      next.metadata = {
        ...old.metadata,
        annotations: opts.owned ? input.metadata.annotations : deepClone(input.metadata.annotations),
      };
    }
    if (!opts.skipAdmission) {
      const errs = admission.validateStatus(next, old);
      if (errs.length) throw invalidError(kind, next.metadata.name, errs);
    }
    return this.commit('updateStatus', kind, ns, next, old, opts);
  }

  private commit<T extends KObject>(
    verb: Verb,
    kind: string,
    ns: string | undefined,
    obj: Stored,
    old: Stored,
    opts: WriteOptions,
  ): Stored<T> {
    if (deepEqual(obj, old)) return old as Stored<T>;
    if (opts.dryRun) return obj as Stored<T>;
    const key = objectKey(ns, obj.metadata.name);
    if (this.finalizedAndDue(obj)) {
      this.table(kind).remove(key, old);
      obj.metadata = { ...obj.metadata, resourceVersion: this.nextRv() };
      this.emit(verb, 'DELETED', kind, obj, old, opts.actor);
      return obj as Stored<T>;
    }
    obj.metadata = { ...obj.metadata, resourceVersion: this.nextRv() };
    this.table(kind).put(key, obj, old);
    this.emit(verb, 'MODIFIED', kind, obj, old, opts.actor);
    return obj as Stored<T>;
  }

  /** An object marked for deletion with no finalizers left and no grace period running is removed. */
  private finalizedAndDue(obj: Stored): boolean {
    const m = obj.metadata;
    return !!m.deletionTimestamp && (m.finalizers?.length ?? 0) === 0 && !m.deletionGracePeriodSeconds;
  }

  /**
   * Deletes an object (DELETE). Pods are deleted gracefully: grace = options, else the pod's
   * terminationGracePeriodSeconds (30); 0 when the pod is unscheduled or already terminal. Orphan and
   * Foreground propagation add the `orphan` / `foregroundDeletion` finalizer for the garbage collector.
   * Returns the object as it now is (marked, or removed).
   */
  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions & WriteOptions = {},
  ): Stored {
    const info = kindInfo(kind);
    const ns = info.namespaced ? (namespace ?? 'default') : undefined;
    const t = this.table(kind);
    const key = objectKey(ns, name);
    const old = t.objects.get(key);
    if (!old) throw notFound(kind, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${kind} "${name}": Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (
      opts.preconditions?.resourceVersion &&
      opts.preconditions.resourceVersion !== old.metadata.resourceVersion
    )
      throw conflict(kind, name);

    const obj: Stored = { ...old, metadata: { ...old.metadata } };
    const meta = obj.metadata;
    let finalizers = [...(meta.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (policy === 'Background')
      finalizers = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (finalizers.length) meta.finalizers = finalizers;
    else delete meta.finalizers;

    let grace = 0;
    if (kind === 'Pod') {
      const pod = old as Stored & {
        spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
        status?: { phase?: string };
      };
      grace = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      const phase = pod.status?.phase;
      if (!pod.spec?.nodeName || phase === 'Failed' || phase === 'Succeeded') grace = 0;
      if (grace < 0) grace = 0;
      // An already-terminating pod's grace period can only be shortened.
      if (old.metadata.deletionTimestamp && old.metadata.deletionGracePeriodSeconds !== undefined) {
        grace = Math.min(grace, old.metadata.deletionGracePeriodSeconds);
      }
    }
    if (!old.metadata.deletionTimestamp || kind === 'Pod') {
      if (!old.metadata.deletionTimestamp || grace < (old.metadata.deletionGracePeriodSeconds ?? 0)) {
        meta.deletionTimestamp = toTimestamp(this.runtime.now + grace * 1000);
      }
      meta.deletionGracePeriodSeconds = grace;
    }
    if (opts.dryRun) return obj;
    const verb: Verb = 'delete';
    if (finalizers.length === 0 && grace === 0) {
      t.remove(key, old);
      meta.resourceVersion = this.nextRv();
      this.emit(verb, 'DELETED', kind, obj, old, opts.actor);
      return obj;
    }
    if (deepEqual(obj, old)) return old;
    meta.resourceVersion = this.nextRv();
    t.put(key, obj, old);
    this.emit(verb, 'MODIFIED', kind, obj, old, opts.actor);
    return obj;
  }

  private emit(
    verb: Verb,
    type: WatchType,
    kind: string,
    object: Stored,
    old: Stored | undefined,
    actor = 'user',
  ): void {
    const time = this.runtime.now;
    const seq = this.rv;
    if (this.recordActions) {
      this.actions.push({
        seq,
        time,
        verb,
        kind,
        namespace: object.metadata.namespace ?? '',
        name: object.metadata.name,
        actor,
        object,
      });
    }
    const e: WatchEvent = { type, kind, object, old, time, seq, actor };
    for (const w of this.anyWatchers) w(e);
    const list = this.watchers.get(kind);
    if (list) for (const w of list) w(e);
  }
}

export type { ObjectMeta };
