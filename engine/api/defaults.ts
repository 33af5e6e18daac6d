/**
 * API defaulting: what the API server fills in before validation (`SetDefaults_*` of
 * pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go, pkg/apis/discovery/v1/defaults.go,
 * pkg/apis/storage/v1/defaults.go and the generated `zz_generated.defaults.go` that applies them to
 * every nested struct), plus the few mutations the default admission plugins and registry strategies
 * make on create (ServiceAccount, Priority, DefaultTolerationSeconds, the Pod's initial status, the
 * Service's clusterIPs). `defaultObject` mutates in place and is idempotent: the store runs it on
 * every create and update.
 *
 * Worked numbers (deployment.md §1, statefulset.md §1): a Deployment without `replicas` gets 1, an
 * explicit 0 stays 0; `strategy` becomes RollingUpdate with maxUnavailable and maxSurge "25%"
 * (strings); revisionHistoryLimit 10; progressDeadlineSeconds 600. A StatefulSet gets OrderedReady,
 * RollingUpdate with partition 0 (only when the type itself was defaulted or rollingUpdate is given),
 * Retain/Retain claim retention, replicas 1, revisionHistoryLimit 10. Every pod template gets
 * restartPolicy Always, terminationGracePeriodSeconds 30, dnsPolicy ClusterFirst, schedulerName
 * default-scheduler and securityContext {}; `nginx` and `nginx:latest` pull Always, `nginx:1.25`
 * IfNotPresent; probes get timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3.
 * Quantities are rounded up to 1m and written in canonical form (`0.5` → `500m`).
 */
import type { KObject } from './types';
import { normalizeNulls } from './schema';
import { formatQuantity, milliValue, parseQuantity, roundUpTo } from './quantity';

type Obj = Record<string, any>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at obj[key], created when missing (Go value structs always exist). */
function child(obj: Obj, key: string): Obj {
  if (!isObj(obj[key])) obj[key] = {};
  return obj[key];
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function unset(v: unknown): boolean {
  return v === undefined || v === null;
}

export function defaultObject(obj: KObject): void {
  normalizeNulls(obj);
  const o = obj as Obj;
  switch (obj.kind) {
    case 'Deployment':
      defaultDeployment(o);
      break;
    case 'ReplicaSet':
      defaultReplicaSet(o);
      break;
    case 'StatefulSet':
      defaultStatefulSet(o);
      break;
    case 'Pod':
      defaultPod(o);
      break;
    case 'Service':
      defaultService(o);
      break;
    case 'PersistentVolumeClaim':
      defaultPersistentVolumeClaim(o);
      break;
    case 'PersistentVolume':
      defaultPersistentVolume(o);
      break;
    case 'Namespace':
      defaultNamespace(o);
      break;
    case 'Node':
      defaultNode(o);
      break;
    case 'EndpointSlice':
      for (const port of list(o.ports)) {
        if (unset(port.name)) port.name = '';
        if (unset(port.protocol)) port.protocol = 'TCP';
      }
      break;
    case 'StorageClass':
      if (unset(o.reclaimPolicy)) o.reclaimPolicy = 'Delete';
      if (unset(o.volumeBindingMode)) o.volumeBindingMode = 'Immediate';
      break;
  }
}

// ---------------------------------------------------------------------------------------------------
// apps/v1 (pkg/apis/apps/v1/defaults.go)
// ---------------------------------------------------------------------------------------------------

/** SetDefaults_Deployment, then the pod template. */
function defaultDeployment(d: Obj): void {
  const spec = child(d, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  const strategy = child(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (unset(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(child(spec, 'template'));
}

/** SetDefaults_ReplicaSet: replicas 1 (an explicit 0 stays 0). */
function defaultReplicaSet(rs: Obj): void {
  const spec = child(rs, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  defaultPodTemplate(child(spec, 'template'));
}

/**
 * SetDefaults_StatefulSet (1.34, StatefulSetAutoDeletePVC GA). rollingUpdate is created only when
 * the type itself was defaulted; partition is defaulted whenever rollingUpdate exists. The
 * MaxUnavailableStatefulSet gate (off by default before 1.35) would also default maxUnavailable to 1.
 */
function defaultStatefulSet(sts: Obj): void {
  const spec = child(sts, 'spec');
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (unset(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) {
    if (unset(strategy.rollingUpdate.partition)) strategy.rollingUpdate.partition = 0;
  }
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(child(spec, 'template'));
  for (const claim of list(spec.volumeClaimTemplates)) {
    // SetDefaults_PersistentVolumeClaim runs on each template: status.phase Pending shows up in it.
    defaultPersistentVolumeClaimSpec(child(claim, 'spec'));
    const status = child(claim, 'status');
    if (!status.phase) status.phase = 'Pending';
  }
}

// ---------------------------------------------------------------------------------------------------
// core/v1 (pkg/apis/core/v1/defaults.go)
// ---------------------------------------------------------------------------------------------------

function defaultPodTemplate(template: Obj): void {
  defaultPodSpec(child(template, 'spec'));
}

/**
 * SetDefaults_PodSpec and the defaults of everything nested in a PodSpec (volumes, containers,
 * ports, probes, env). Applies to pods and to pod templates alike; defaulting a template matters for
 * the pod-template-hash and template equality.
 */
export function defaultPodSpec(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (unset(spec.securityContext)) spec.securityContext = {};
  if (unset(spec.terminationGracePeriodSeconds)) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // The v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const volume of list(spec.volumes)) defaultVolume(volume);
  for (const key of ['containers', 'initContainers', 'ephemeralContainers'])
    for (const c of list(spec[key])) defaultContainer(c);
  if (isObj(spec.resources)) defaultResourceRequirements(spec.resources);
  if (isObj(spec.overhead)) defaultResourceList(spec, 'overhead');
}

/** SetDefaults_Container, the port protocol, env fieldRef apiVersion, quantities, probes, hooks. */
function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of list(c.ports)) if (!port.protocol) port.protocol = 'TCP';
  for (const env of list(c.env)) {
    if (isObj(env.valueFrom) && isObj(env.valueFrom.fieldRef)) defaultFieldRef(env.valueFrom.fieldRef);
  }
  if (isObj(c.resources)) defaultResourceRequirements(c.resources);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'])
    if (isObj(c[key])) defaultProbe(c[key]);
  if (isObj(c.lifecycle)) {
    for (const key of ['postStart', 'preStop']) {
      const handler = c.lifecycle[key];
      if (isObj(handler) && isObj(handler.httpGet)) defaultHTTPGet(handler.httpGet);
    }
  }
}

/**
 * The tag parsers.ParseImageName finds: `latest` for a reference without tag and digest, '' when
 * only a digest is given or the reference does not parse (upper case in the path).
 */
export function imageTag(image: unknown): string {
  if (typeof image !== 'string' || image === '') return '';
  let ref = image;
  let digest = '';
  const at = ref.indexOf('@');
  if (at >= 0) {
    digest = ref.slice(at + 1);
    ref = ref.slice(0, at);
  }
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  let tag = '';
  if (colon > slash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const firstSlash = ref.indexOf('/');
  const domainLike =
    firstSlash > 0 && /[.:]|^localhost$/.test(ref.slice(0, firstSlash))
      ? ref.slice(0, firstSlash)
      : undefined;
  const path = domainLike ? ref.slice(firstSlash + 1) : ref;
  if (path === '' || /[A-Z]/.test(path) || (tag !== '' && !/^[\w][\w.-]{0,127}$/.test(tag))) return '';
  if (tag) return tag;
  return digest ? '' : 'latest';
}

/** SetDefaults_Probe and the handler defaults (HTTPGetAction path and scheme, GRPCAction service). */
function defaultProbe(p: Obj): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (isObj(p.httpGet)) defaultHTTPGet(p.httpGet);
  if (isObj(p.grpc) && unset(p.grpc.service)) p.grpc.service = '';
}

function defaultHTTPGet(h: Obj): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultFieldRef(f: Obj): void {
  if (!f.apiVersion) f.apiVersion = 'v1';
}

/** SetDefaults_Volume (emptyDir when no source is set) and the per-source defaults. */
function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && isObj(v[k]));
  if (sources.length === 0) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[key]) && unset(v[key].defaultMode)) v[key].defaultMode = 420;
  }
  if (isObj(v.hostPath) && unset(v.hostPath.type)) v.hostPath.type = '';
  if (isObj(v.downwardAPI)) for (const item of list(v.downwardAPI.items)) defaultDownwardAPIFile(item);
  if (isObj(v.projected)) {
    for (const source of list(v.projected.sources)) {
      if (isObj(source.serviceAccountToken) && unset(source.serviceAccountToken.expirationSeconds))
        source.serviceAccountToken.expirationSeconds = 3600;
      if (isObj(source.downwardAPI))
        for (const item of list(source.downwardAPI.items)) defaultDownwardAPIFile(item);
    }
  }
  if (isObj(v.iscsi) && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (isObj(v.rbd)) {
    if (!v.rbd.pool) v.rbd.pool = 'rbd';
    if (!v.rbd.user) v.rbd.user = 'admin';
    if (!v.rbd.keyring) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (isObj(v.azureDisk)) {
    if (unset(v.azureDisk.cachingMode)) v.azureDisk.cachingMode = 'ReadWrite';
    if (unset(v.azureDisk.fsType)) v.azureDisk.fsType = 'ext4';
    if (unset(v.azureDisk.readOnly)) v.azureDisk.readOnly = false;
    if (unset(v.azureDisk.kind)) v.azureDisk.kind = 'Shared';
  }
  if (isObj(v.scaleIO)) {
    if (!v.scaleIO.storageMode) v.scaleIO.storageMode = 'ThinProvisioned';
    if (!v.scaleIO.fsType) v.scaleIO.fsType = 'xfs';
  }
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate))
    defaultPersistentVolumeClaimSpec(child(v.ephemeral.volumeClaimTemplate, 'spec'));
}

function defaultDownwardAPIFile(item: Obj): void {
  if (isObj(item.fieldRef)) defaultFieldRef(item.fieldRef);
}

function defaultResourceRequirements(r: Obj): void {
  defaultResourceList(r, 'limits');
  defaultResourceList(r, 'requests');
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to 1m; the decoder then writes it back in
 * canonical form (`0.5` → `500m`, `1000m` → `1`). Malformed quantities are left for validation.
 */
function defaultResourceList(owner: Obj, key: string): void {
  const rl = owner[key];
  if (!isObj(rl)) return;
  for (const name of Object.keys(rl)) {
    const q = parseQuantity(rl[name]);
    if (typeof q !== 'string') rl[name] = formatQuantity(roundUpTo(q, -3));
  }
}

/** Pods only: SetDefaults_Pod, the admission plugins that mutate new pods, the initial status. */
function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec');
  for (const key of ['containers', 'initContainers']) {
    for (const c of list(spec[key])) {
      // Requests default to limits (before rounding, as in SetDefaults_Pod).
      if (isObj(c.resources) && isObj(c.resources.limits)) {
        const requests = child(c.resources, 'requests');
        for (const [name, value] of Object.entries(c.resources.limits))
          if (!(name in requests)) requests[name] = value;
      }
      if (spec.hostNetwork === true)
        for (const port of list(c.ports)) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
  if (unset(spec.enableServiceLinks)) spec.enableServiceLinks = true;
  defaultPodSpec(spec);
  // ServiceAccount admission: every pod runs as a service account ("default" unless named). The
  // token volume it also injects (kube-api-access-<random>) is not modelled (docs/divergences.md).
  if (!spec.serviceAccountName) {
    spec.serviceAccountName = 'default';
    spec.serviceAccount = 'default';
  }
  // Priority admission: without a priorityClassName (and no global default class) priority is 0.
  if (!spec.priorityClassName && unset(spec.priority)) spec.priority = 0;
  if (unset(spec.preemptionPolicy) && !spec.priorityClassName) spec.preemptionPolicy = 'PreemptLowerPriority';
  defaultTolerationSeconds(spec);
  // PrepareForCreate: a new pod is Pending with its QoS class computed.
  const status = child(pod, 'status');
  if (!status.phase) status.phase = 'Pending';
  if (!status.qosClass) status.qosClass = podQOSClass(spec);
}

/**
 * DefaultTolerationSeconds admission: pods tolerate `node.kubernetes.io/not-ready` and
 * `node.kubernetes.io/unreachable` NoExecute taints for 300 s unless they already tolerate them.
 */
function defaultTolerationSeconds(spec: Obj): void {
  const tolerations = list(spec.tolerations);
  const tolerates = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added: Obj[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length)
    spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}

/**
 * qos.ComputePodQOS: only cpu and memory count. BestEffort without any request or limit;
 * Guaranteed when every container limits both and requests equal limits; Burstable otherwise.
 */
export function podQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const add = (m: Map<string, bigint>, name: string, value: unknown): boolean => {
    if (name !== 'cpu' && name !== 'memory') return false;
    const q = parseQuantity(value);
    if (typeof q === 'string' || q.mantissa <= 0n) return false;
    m.set(name, (m.get(name) ?? 0n) + milliValue(q));
    return true;
  };
  const sources: Obj[] = isObj(spec.resources)
    ? [spec.resources]
    : [...list(spec.containers), ...list(spec.initContainers)].map((c) =>
        isObj(c.resources) ? c.resources : {},
      );
  for (const r of sources) {
    for (const [name, value] of Object.entries(isObj(r.requests) ? r.requests : {}))
      add(requests, name, value);
    const found = new Set<string>();
    for (const [name, value] of Object.entries(isObj(r.limits) ? r.limits : {}))
      if (add(limits, name, value)) found.add(name);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, value] of requests) if (limits.get(name) !== value) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/**
 * SetDefaults_Service plus the registry's create-time normalization: a clusterIP given alone is
 * copied into clusterIPs, and a single-stack cluster's IP family fields are filled in. Allocating a
 * ClusterIP or NodePorts is not defaulting and is left to whoever models the allocators.
 */
function defaultService(svc: Obj): void {
  const spec = child(svc, 'spec');
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (unset(timeout)) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of list(spec.ports)) {
    if (!port.protocol) port.protocol = 'TCP';
    if (unset(port.targetPort) || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  const externallyAccessible =
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (unset(spec.internalTrafficPolicy) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
    spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && unset(spec.allocateLoadBalancerNodePorts))
    spec.allocateLoadBalancerNodePorts = true;
  if (spec.clusterIP && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0))
    spec.clusterIPs = [spec.clusterIP];
  const headlessWithoutSelector =
    spec.clusterIP === 'None' && (!isObj(spec.selector) || Object.keys(spec.selector).length === 0);
  if (spec.type !== 'ExternalName' && !headlessWithoutSelector) {
    if (unset(spec.ipFamilyPolicy)) spec.ipFamilyPolicy = 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
}

/** SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem; quantities rounded. */
function defaultPersistentVolumeClaimSpec(spec: Obj): void {
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (isObj(spec.resources)) defaultResourceRequirements(spec.resources);
}

/** SetDefaults_PersistentVolumeClaim: a claim starts Pending. */
function defaultPersistentVolumeClaim(pvc: Obj): void {
  defaultPersistentVolumeClaimSpec(child(pvc, 'spec'));
  const status = child(pvc, 'status');
  if (!status.phase) status.phase = 'Pending';
}

/**
 * SetDefaults_PersistentVolume: reclaim policy Retain (the right default for statically created
 * volumes; dynamic provisioning copies the class's policy), volumeMode Filesystem, phase Pending.
 */
function defaultPersistentVolume(pv: Obj): void {
  const spec = child(pv, 'spec');
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  defaultResourceList(spec, 'capacity');
  const status = child(pv, 'status');
  if (!status.phase) status.phase = 'Pending';
}

/** SetDefaults_Namespace (the kubernetes.io/metadata.name label) and SetDefaults_NamespaceStatus. */
function defaultNamespace(ns: Obj): void {
  const name = ns.metadata?.name;
  if (typeof name === 'string' && name) {
    const meta = child(ns, 'metadata');
    child(meta, 'labels')['kubernetes.io/metadata.name'] = name;
  }
  const status = child(ns, 'status');
  if (!status.phase) status.phase = 'Active';
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function defaultNode(node: Obj): void {
  if (!isObj(node.status)) return;
  defaultResourceList(node.status, 'capacity');
  defaultResourceList(node.status, 'allocatable');
  if (unset(node.status.allocatable) && isObj(node.status.capacity))
    node.status.allocatable = { ...node.status.capacity };
}

/** The canonical form of a quantity (`0.5` → `500m`), rounded up to 1m as ResourceList values are. */
export function canonicalResourceQuantity(v: unknown): string | undefined {
  const q = parseQuantity(v);
  return typeof q === 'string' ? undefined : formatQuantity(roundUpTo(q, -3));
}
