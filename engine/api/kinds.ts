/**
 * The kinds the engine serves, with the facts kubectl and the API server need about each:
 * group/version, plural resource name, scope and short names (as `kubectl api-resources` lists them).
 */
export interface KindInfo {
  kind: string;
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, lower case
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  /** Whether spec changes bump metadata.generation (kinds with a spec and a status subresource). */
  hasStatus: boolean;
}

const table: KindInfo[] = [
  k('Pod', '', 'pods', true, ['po'], true),
  k('Node', '', 'nodes', false, ['no'], true),
  k('Namespace', '', 'namespaces', false, ['ns'], true),
  k('Service', '', 'services', true, ['svc'], true),
  k('PersistentVolumeClaim', '', 'persistentvolumeclaims', true, ['pvc'], true),
  k('PersistentVolume', '', 'persistentvolumes', false, ['pv'], true),
  k('Event', '', 'events', true, ['ev'], false),
  k('ReplicaSet', 'apps', 'replicasets', true, ['rs'], true),
  k('Deployment', 'apps', 'deployments', true, ['deploy'], true),
  k('StatefulSet', 'apps', 'statefulsets', true, ['sts'], true),
  k('ControllerRevision', 'apps', 'controllerrevisions', true, [], false),
  k('EndpointSlice', 'discovery.k8s.io', 'endpointslices', true, [], false),
  k('StorageClass', 'storage.k8s.io', 'storageclasses', false, ['sc'], false),
];

function k(
  kind: string,
  group: string,
  resource: string,
  namespaced: boolean,
  shortNames: string[],
  hasStatus: boolean,
): KindInfo {
  return {
    kind,
    group,
    version: 'v1',
    resource,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    hasStatus,
  };
}

const byKind = new Map(table.map((i) => [i.kind, i]));
const byAlias = new Map<string, KindInfo>();
for (const i of table) {
  for (const alias of [
    i.resource,
    i.singular,
    ...i.shortNames,
    `${i.resource}.${i.group}`,
    `${i.singular}.${i.group}`,
  ])
    byAlias.set(alias.toLowerCase(), i);
}

export const allKinds: readonly KindInfo[] = table;

export function kindInfo(kind: string): KindInfo {
  const info = byKind.get(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info;
}

export function isKnownKind(kind: string): boolean {
  return byKind.has(kind);
}

/** Resolves what a user typed on the kubectl command line (`deploy`, `deployments.apps`, `Pod`…). */
export function kindFromResourceArg(arg: string): KindInfo | undefined {
  return byAlias.get(arg.toLowerCase()) ?? byKind.get(arg);
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `deployments.apps`, `pods`: the qualified resource name the API server uses in its messages. */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}
