/**
 * `kubectl describe` output (staging/src/k8s.io/kubectl/pkg/describe/describe.go): the describers for
 * pods, deployments, replica sets, stateful sets, services, claims, volumes, nodes, endpoint slices,
 * storage classes, and the generic describer for other kinds, with kubectl's Events section. Text is
 * laid out by a Go text/tabwriter (minwidth 0, padding 2): a line without a tab ends every column
 * block above it, which is why sections align independently.
 */
import type {
  Container,
  ContainerStatus,
  Deployment,
  EndpointSlice,
  Event,
  KObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  StatefulSet,
  StorageClass,
} from '../engine';
import { fromTimestamp, toTimestamp } from '../engine';
import type { Ctx, Obj } from './context';
import { humanDuration } from './duration';
import { escapeTerminal } from './printers';
import { addResourceList, Quantity } from './quantity';
import {
  formatLabels,
  formatSelector,
  isDefaultStorageClass,
  nodeStatus,
  pvClass,
  pvcClass,
  selectorText,
} from './tables';
import { TabWriter } from './tabwriter';

// ---------------------------------------------------------------------------------------------------
// Writer and formatting helpers

class PrefixWriter {
  readonly tw = new TabWriter({ minWidth: 0, padding: 2 });
  private raw = '';
  /** raw: write straight to a buffer, tabs left as they are (as kubectl's rollout history does). */
  constructor(private readonly plain = false) {}
  write(level: number, text: string): void {
    const s = escapeTerminal('  '.repeat(level) + text);
    if (this.plain) this.raw += s;
    else this.tw.write(s);
  }
  writeLine(text = ''): void {
    this.write(0, text + '\n');
  }
  flush(): void {
    if (!this.plain) this.tw.sync();
  }
  done(): string {
    return this.plain ? this.raw : this.tw.flush();
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: `Mon, 01 Jan 2024 00:00:00 +0000`; Go's zero time for a missing one. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = fromTimestamp(ts ?? undefined);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(Date.parse(ts!));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function since(ts: string | undefined | null, now: number): string {
  const t = fromTimestamp(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** Go's %v of a []string: `[a b]`. */
function goList(v: string[] | undefined): string {
  return `[${(v ?? []).join(' ')}]`;
}

function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(0, initialIndent);
      w.write(0, innerIndent);
    }
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s;
        w.write(0, `${indent}  ${short}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  const ts = [...(tolerations ?? [])];
  if (ts.length === 0) {
    w.writeLine('<none>');
    return;
  }
  // sort.Slice by key (not stable); for short lists Go's insertion sort keeps equal keys in order
  stableSortBy(ts, (a, b) => (a.key ?? '') < (b.key ?? ''));
  ts.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, t.key ?? '');
    if (t.value) w.write(0, `=${t.value}`);
    if (t.effect) w.write(0, `:${t.effect}`);
    if (t.operator === 'Exists' && !t.value) w.write(0, t.key || t.effect ? ' op=Exists' : 'op=Exists');
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      w.write(0, ` for ${t.tolerationSeconds}s`);
    w.write(0, '\n');
  });
}

function stableSortBy<T>(arr: T[], less: (a: T, b: T) => boolean): void {
  for (let i = 1; i < arr.length; i++) {
    for (let j = i; j > 0 && less(arr[j], arr[j - 1]); j--) [arr[j], arr[j - 1]] = [arr[j - 1], arr[j]];
  }
}

function printController(obj: KObject): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

// ---------------------------------------------------------------------------------------------------
// Containers, templates, volumes

function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec ${goList(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const scheme = String(g.scheme ?? '').toLowerCase();
    const port = intOrString(g.port);
    const host = g.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    let url = '';
    if (scheme) url += `${scheme}:`;
    if (scheme || hostPort) url += `//${hostPort}`;
    const path = g.path ?? '';
    url += path && !path.startsWith('/') && hostPort ? `/${path}` : path;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: PrefixWriter, name: string, state: any): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function sortedKeys(o: Record<string, unknown> | undefined): string[] {
  return Object.keys(o ?? {}).sort();
}

function describeResources(w: PrefixWriter, r: any, level: number): void {
  if (!r) return;
  const limits = r.limits ?? {};
  const requests = r.requests ?? {};
  if (Object.keys(limits).length) w.write(level, 'Limits:\n');
  for (const k of sortedKeys(limits))
    w.write(level + 1, `${k}:\t${Quantity.parse(String(limits[k])).toString()}\n`);
  if (Object.keys(requests).length) w.write(level, 'Requests:\n');
  for (const k of sortedKeys(requests))
    w.write(level + 1, `${k}:\t${Quantity.parse(String(requests[k])).toString()}\n`);
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  pod?: Pod,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    const ok = statuses !== undefined && status !== undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (ok) w.write(2, `Container ID:\t${status!.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (ok) w.write(2, `Image ID:\t${status!.imageID ?? ''}\n`);
    const ports = (c.ports ?? [])
      .map((p) => `${p.containerPort}/${p.protocol ?? ''}${p.name ? ` (${p.name})` : ''}`)
      .join(', ');
    if (ports.includes(',')) w.write(2, `Ports:\t${ports}\n`);
    else w.write(2, `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? [])
      .map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}${p.name ? ` (${p.name})` : ''}`)
      .join(', ');
    if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`);
    else w.write(2, `Host Port:\t${hostPorts || '<none>'}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (ok) {
      describeStatus(w, 'State', status!.state);
      if (status!.lastState?.terminated) describeStatus(w, 'Last State', status!.lastState);
      w.write(2, `Ready:\t${status!.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status!.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const ref = e.configMapRef ?? e.secretRef;
        const optional = !!ref?.optional;
        if (!e.prefix) w.write(3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
        else w.write(3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      }
    }
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        (e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        const value = pod ? fieldPathValue(pod, vf.fieldRef.fieldPath) : '';
        w.write(3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      } else if (vf.resourceFieldRef) {
        w.write(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`);
      } else if (vf.secretKeyRef) {
        w.write(
          3,
          `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`,
        );
      } else if (vf.configMapKeyRef) {
        w.write(
          3,
          `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`,
        );
      }
    }
    const mounts = [...(c.volumeMounts ?? [])];
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    stableSortBy(mounts, (a, b) => a.mountPath < b.mountPath);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
    if (c.volumeDevices?.length) {
      w.write(2, 'Devices:\n');
      for (const d of c.volumeDevices) w.write(3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

function fieldPathValue(pod: Pod, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata as any)?.[m[1]]?.[m[2]] ?? '';
  return '';
}

function describeVolumes(w: PrefixWriter, volumes: any[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    } else if (v.emptyDir) {
      const size =
        v.emptyDir.sizeLimit && Quantity.parse(String(v.emptyDir.sizeLimit)).milli > 0
          ? String(v.emptyDir.sizeLimit)
          : '<unset>';
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${!!v.secret.optional}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${!!v.configMap.optional}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`,
      );
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${!!s.secret.optional}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${!!s.configMap.optional}\n`);
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of v.downwardAPI.items ?? []) {
        if (it.fieldRef) w.write(3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        if (it.resourceFieldRef) w.write(3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    } else if (v.nfs) {
      w.write(
        2,
        `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${!!v.nfs.readOnly}\n`,
      );
    } else if (v.csi) {
      w.write(
        2,
        `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${!!v.csi.readOnly}\n`,
      );
      printCsiAttributes(w, v.csi.volumeAttributes);
    } else if (v.ephemeral) {
      w.write(
        2,
        'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
      );
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

function printCsiAttributes(w: PrefixWriter, attrs: Record<string, string> | undefined): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attrs);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(2, '\t');
    const line = `${k}=${attrs![k]}`;
    w.write(2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
  });
}

function describeTopologySpreadConstraints(w: PrefixWriter, tscs: any[] | undefined, space: string): void {
  if (!tscs?.length) return;
  const list = [...tscs];
  stableSortBy(list, (a, b) => a.topologyKey < b.topologyKey);
  w.write(0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(0, space);
      w.write(0, '\t');
    }
    w.write(0, `${t.topologyKey}:`);
    w.write(0, `${t.whenUnsatisfiable}`);
    w.write(0, ` when max skew ${t.maxSkew} is exceeded`);
    if (t.labelSelector) w.write(0, ` for selector ${formatSelector(t.labelSelector)}`);
    w.write(0, '\n');
  });
}

function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length)
    describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/**
 * DescribePodTemplate written to a plain buffer, as `rollout history --revision=N` and `rollout undo
 * --dry-run=client` print it (tabs are not aligned).
 */
export function describePodTemplateText(template: PodTemplateSpec): string {
  const w = new PrefixWriter(true);
  describePodTemplate(w, template);
  return w.done();
}

// ---------------------------------------------------------------------------------------------------
// Events

/** Events about an object, as describe's searchEvents finds them (name, namespace, kind, uid). */
function searchEvents(ctx: Ctx, obj: KObject, opts: { kind?: boolean; uid?: string } = {}): Event[] {
  const meta = obj.metadata ?? {};
  const ns = meta.namespace;
  const events = ctx.store.list<Event>('Event', { namespace: ns });
  const uid = opts.uid ?? meta.uid;
  return events.filter((e) => {
    const io = e.involvedObject ?? {};
    if (io.name !== meta.name) return false;
    if ((io.namespace ?? '') !== (ns ?? '')) return false;
    if (opts.kind !== false && io.kind !== obj.kind) return false;
    if (uid && io.uid !== uid) return false;
    return true;
  });
}

function describeEvents(w: PrefixWriter, events: Event[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const list = [...events];
  const ts = (e: Event) => fromTimestamp(e.lastTimestamp ?? undefined) ?? -Infinity;
  stableSortBy(list, (a, b) => ts(a) < ts(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of list) {
    let first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    if (!e.eventTime) first = since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    let message = (e.message ?? '').trim();
    if (e.involvedObject?.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Describers

function podQos(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    const found = new Set<string>();
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) {
      if ((k === 'cpu' || k === 'memory') && Quantity.parse(String(v)).milli > 0) {
        const q = Quantity.parse(String(v));
        requests.set(k, requests.has(k) ? requests.get(k)!.add(q) : q);
      }
    }
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) {
      if ((k === 'cpu' || k === 'memory') && Quantity.parse(String(v)).milli > 0) {
        found.add(k);
        const q = Quantity.parse(String(v));
        limits.set(k, limits.has(k) ? limits.get(k)!.add(q) : q);
      }
    }
    if (!(found.has('cpu') && found.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, q] of requests) if (!limits.has(k) || limits.get(k)!.cmp(q) !== 0) guaranteed = false;
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}

function describePod(ctx: Ctx, pod: Pod): string {
  const w = new PrefixWriter();
  const now = ctx.now;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const meta = pod.metadata!;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(0, 'Node:\t<none>\n');
  else w.write(0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const sp = spec.securityContext?.seccompProfile;
  if (sp) {
    w.write(0, `SeccompProfile:\t${sp.type}\n`);
    if (sp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec as any).resources) {
    w.write(0, 'Resources:\n');
    describeResources(w, (spec as any).resources, 1);
  }
  if (spec.initContainers?.length)
    describeContainers(
      w,
      'Init Containers',
      spec.initContainers,
      status.initContainerStatuses ?? [],
      '',
      pod,
    );
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], '', pod);
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${podQos(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  describeEvents(w, searchEvents(ctx, pod, { kind: false }), now);
  return w.done();
}

/** Template equality ignoring the pod-template-hash label (deploymentutil.EqualIgnoreHash). */
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = JSON.parse(JSON.stringify(t ?? {}));
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return c;
  };
  return semanticEqual(strip(a), strip(b));
}

/** equality.Semantic.DeepEqual: empty and missing maps/lists are equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b))
    return (
      (typeof a === 'object' || a === undefined || a === null) &&
      (typeof b === 'object' || b === undefined || b === null)
    );
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => semanticEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}

/**
 * The Deployment's ReplicaSets as kubectl's deploymentutil finds them: matching the selector and
 * controlled by the Deployment, ordered by creation time (then name); the new one is the oldest whose
 * template equals the Deployment's ignoring the hash label.
 */
export function deploymentReplicaSets(
  ctx: Ctx,
  d: Deployment,
): { newRS?: ReplicaSet; oldRSs: ReplicaSet[]; all: ReplicaSet[] } {
  const all = ctx.store
    .list<ReplicaSet>('ReplicaSet', { namespace: d.metadata!.namespace })
    .filter((rs) =>
      (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata!.uid),
    )
    .filter((rs) => selectorMatches(d.spec?.selector, rs.metadata.labels));
  const created = (rs: ReplicaSet) => fromTimestamp(rs.metadata!.creationTimestamp) ?? 0;
  const sorted = [...all];
  stableSortBy(
    sorted,
    (a, b) => created(a) < created(b) || (created(a) === created(b) && a.metadata!.name! < b.metadata!.name!),
  );
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS), all: sorted };
}

function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels?.[e.key];
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(v))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(v)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function describeDeployment(ctx: Ctx, d: Deployment): string {
  const w = new PrefixWriter();
  const meta = d.metadata!;
  const spec = d.spec!;
  const st = d.status ?? {};
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
    );
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { newRS, oldRSs } = deploymentReplicaSets(ctx, d);
  if (newRS || oldRSs.length) {
    const fmt = (l: ReplicaSet[]) =>
      l
        .map(
          (rs) =>
            `${rs.metadata!.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
        )
        .join(', ') || '<none>';
    w.write(0, `OldReplicaSets:\t${fmt(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, searchEvents(ctx, d), ctx.now);
  return w.done();
}

function podStatusCounts(ctx: Ctx, owner: KObject, selector: any): [number, number, number, number] {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of ctx.store.list<Pod>('Pod', { namespace: owner.metadata!.namespace })) {
    if (!selectorMatches(selector, p.metadata.labels)) continue;
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata!.uid) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return [running, waiting, succeeded, failed];
}

function describeReplicaSet(ctx: Ctx, rs: ReplicaSet): string {
  const w = new PrefixWriter();
  const meta = rs.metadata!;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  const [r, wt, s, f] = podStatusCounts(ctx, rs, rs.spec?.selector);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${r} Running / ${wt} Waiting / ${s} Succeeded / ${f} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(w, searchEvents(ctx, rs), ctx.now);
  return w.done();
}

function describeStatefulSet(ctx: Ctx, sts: StatefulSet): string {
  const w = new PrefixWriter();
  const meta = sts.metadata!;
  const spec = sts.spec!;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null)
      w.write(1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  const [r, wt, s, f] = podStatusCounts(ctx, sts, spec.selector);
  w.write(0, `Pods Status:\t${r} Running / ${wt} Waiting / ${s} Succeeded / ${f} Failed\n`);
  describePodTemplate(w, spec.template);
  const vcts = spec.volumeClaimTemplates ?? [];
  if (vcts.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of vcts) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${pvcClass(pvc as PersistentVolumeClaim)}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const cap = pvc.spec?.resources?.requests?.storage;
      w.write(1, `Capacity:\t${cap !== undefined ? Quantity.parse(String(cap)).toString() : '<default>'}\n`);
      w.write(1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
    }
  }
  describeEvents(w, searchEvents(ctx, sts), ctx.now);
  return w.done();
}

function formatEndpointSlices(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    if (!s.ports?.length) {
      for (const e of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
    } else {
      for (const p of s.ports) {
        if ((p.name ?? '') !== portName) continue;
        for (const e of s.endpoints ?? []) {
          if (list.length === max) more = true;
          if (e.conditions?.ready === false) continue;
          const addr = e.addresses[0];
          if (!more) list.push(`${addr.includes(':') ? `[${addr}]` : addr}:${p.port}`);
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeService(ctx: Ctx, svc: Service): string {
  const w = new PrefixWriter();
  const meta = svc.metadata!;
  const spec = svc.spec ?? {};
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length)
    w.write(
      0,
      `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ')}\n`,
    );
  const slices = ctx.store
    .list<EndpointSlice>('EndpointSlice', { namespace: meta.namespace })
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === meta.name);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? ''}\n`);
    if (typeof p.targetPort === 'string') w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol ?? ''}\n`);
    else w.write(0, `TargetPort:\t${p.targetPort ?? 0}/${p.protocol ?? ''}\n`);
    if (p.appProtocol) w.write(0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? ''}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length)
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  describeEvents(w, searchEvents(ctx, svc), ctx.now);
  return w.done();
}

function accessModesText(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function describePvc(ctx: Ctx, pvc: PersistentVolumeClaim): string {
  const w = new PrefixWriter();
  const meta = pvc.metadata!;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (meta.deletionTimestamp)
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
  else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Finalizers:\t${goList(meta.finalizers)}\n`);
  let capacity = '';
  let modes = '';
  if (pvc.spec?.volumeName) {
    modes = accessModesText(pvc.status?.accessModes);
    const c = pvc.status?.capacity?.storage;
    capacity = c !== undefined ? Quantity.parse(String(c)).toString() : '0';
  }
  w.write(0, `Capacity:\t${capacity}\n`);
  w.write(0, `Access Modes:\t${modes}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  if (pvc.spec?.dataSource) {
    w.write(0, 'DataSource:\n');
    if (pvc.spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${pvc.spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${pvc.spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${pvc.spec.dataSource.name}\n`);
  }
  const pods = ctx.store.list<Pod>('Pod', { namespace: meta.namespace });
  const users: Pod[] = [];
  for (const p of pods)
    for (const v of p.spec?.volumes ?? [])
      if (v.persistentVolumeClaim?.claimName === meta.name) users.push(p);
  for (const ref of meta.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !users.some((u) => u.metadata!.uid === owner.metadata.uid)) users.push(owner);
  }
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.writeLine('<none>');
  else {
    const names = users.map((p) => p.metadata!.name!);
    stableSortBy(names, (a, b) => a < b);
    names.forEach((n, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${n}\n`);
    });
  }
  if (pvc.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of pvc.status.conditions)
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  describeEvents(w, searchEvents(ctx, pvc), ctx.now);
  return w.done();
}

function describePv(ctx: Ctx, pv: PersistentVolume): string {
  const w = new PrefixWriter();
  const meta = pv.metadata!;
  const spec = pv.spec ?? {};
  w.write(0, `Name:\t${meta.name}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Finalizers:\t${goList(meta.finalizers)}\n`);
  w.write(0, `StorageClass:\t${pvClass(pv)}\n`);
  if (meta.deletionTimestamp)
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
  else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(
    0,
    `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`,
  );
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  const cap = spec.capacity?.storage;
  w.write(0, `Capacity:\t${cap !== undefined ? Quantity.parse(String(cap)).toString() : '0'}\n`);
  w.write(0, 'Node Affinity:\t');
  const na = spec.nodeAffinity;
  if (!na?.required) w.writeLine('<none>');
  else {
    w.writeLine('');
    w.write(1, 'Required Terms:\t');
    const terms = na.required.nodeSelectorTerms ?? [];
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => {
        w.write(2, `Term ${i}:\t`);
        const reqs = t.matchExpressions ?? [];
        if (reqs.length === 0) w.writeLine('<none>');
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(2, '\t');
          let s = `${r.key} ${r.operator.toLowerCase()}`;
          if (r.values?.length) s += ` [${r.values.join(', ')}]`;
          w.write(0, `${s}\n`);
        });
      });
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.hostPath) {
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`,
    );
  } else if (spec.local) {
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`,
    );
  } else if (spec.csi) {
    w.write(
      2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${!!spec.csi.readOnly}\n`,
    );
    printCsiAttributes(w, spec.csi.volumeAttributes);
  } else if (spec.nfs) {
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`,
    );
  } else {
    w.write(1, '<unknown>\n');
  }
  describeEvents(w, searchEvents(ctx, pv), ctx.now);
  return w.done();
}

function podTotals(pod: Pod, field: 'requests' | 'limits'): Map<string, Quantity> {
  const sum = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? [])
    addResourceList(sum, c.resources?.[field] as Record<string, string>);
  for (const c of pod.spec?.initContainers ?? []) {
    const one = new Map<string, Quantity>();
    addResourceList(one, c.resources?.[field] as Record<string, string>);
    if ((c as { restartPolicy?: string }).restartPolicy === 'Always') {
      for (const [k, q] of one) sum.set(k, sum.has(k) ? sum.get(k)!.add(q) : q);
    } else {
      for (const [k, q] of one) if (!sum.has(k) || sum.get(k)!.cmp(q) < 0) sum.set(k, q);
    }
  }
  addResourceList(sum, pod.spec?.overhead as Record<string, string>);
  return sum;
}

function describeNode(ctx: Ctx, node: Node): string {
  const w = new PrefixWriter();
  const meta = node.metadata!;
  const status = node.status ?? {};
  w.write(0, `Name:\t${meta.name}\n`);
  const roles: string[] = [];
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
      roles.push(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.push(v);
  }
  w.write(0, `Roles:\t${roles.length ? [...new Set(roles)].sort().join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, 'Taints:\t');
  const taints = [...(node.spec?.taints ?? [])];
  if (taints.length === 0) w.writeLine('<none>');
  else {
    const key = (t: (typeof taints)[number]) => `${t.effect},${t.key}`;
    stableSortBy(taints, (a, b) => key(a) < key(b));
    taints.forEach((t, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
    });
  }
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  // kube-scenario has no Lease objects; show what a healthy kubelet's lease looks like.
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${meta.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${rfc1123z(toTimestamp(ctx.now))}\n`);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions)
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const k of sortedKeys(list)) w.write(0, `  ${k}:\t${Quantity.parse(String(list[k])).toString()}\n`);
  };
  if (Object.keys(status.capacity ?? {}).length) {
    w.write(0, 'Capacity:\n');
    printList(status.capacity as Record<string, string>);
  }
  if (Object.keys(status.allocatable ?? {}).length) {
    w.write(0, 'Allocatable:\n');
    printList(status.allocatable as Record<string, string>);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  if (info?.kubeProxyVersion) w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = ctx.store
    .list<Pod>('Pod')
    .filter(
      (p) =>
        p.spec?.nodeName === meta.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
  const allocatable = (
    Object.keys(status.allocatable ?? {}).length ? status.allocatable : status.capacity
  ) as Record<string, string>;
  const alloc = (k: string) => Quantity.parse(String(allocatable?.[k] ?? '0'));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const pct = (num: number, den: number) =>
    den === 0 ? (num === 0 ? 'NaN' : '+Inf') : String(Math.trunc((num / den) * 100));
  const totalsReq = new Map<string, Quantity>();
  const totalsLim = new Map<string, Quantity>();
  for (const p of pods) {
    const req = podTotals(p, 'requests');
    const lim = podTotals(p, 'limits');
    for (const [k, q] of req) totalsReq.set(k, totalsReq.has(k) ? totalsReq.get(k)!.add(q) : q);
    for (const [k, q] of lim) totalsLim.set(k, totalsLim.has(k) ? totalsLim.get(k)!.add(q) : q);
    const q = (m: Map<string, Quantity>, k: string) => m.get(k) ?? Quantity.zero();
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${q(req, 'cpu')} (${pct(q(req, 'cpu').milliValue(), alloc('cpu').milliValue())}%)\t${q(lim, 'cpu')} (${pct(q(lim, 'cpu').milliValue(), alloc('cpu').milliValue())}%)\t${q(req, 'memory')} (${pct(q(req, 'memory').value(), alloc('memory').value())}%)\t${q(lim, 'memory')} (${pct(q(lim, 'memory').value(), alloc('memory').value())}%)\t${since(p.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const t = (m: Map<string, Quantity>, k: string) => m.get(k) ?? Quantity.zero();
  const frac = (num: number, den: number) => (den === 0 ? '0' : String(Math.trunc((num / den) * 100)));
  w.write(
    1,
    `cpu\t${t(totalsReq, 'cpu')} (${frac(t(totalsReq, 'cpu').milliValue(), alloc('cpu').milliValue())}%)\t${t(totalsLim, 'cpu')} (${frac(t(totalsLim, 'cpu').milliValue(), alloc('cpu').milliValue())}%)\n`,
  );
  w.write(
    1,
    `memory\t${t(totalsReq, 'memory')} (${frac(t(totalsReq, 'memory').value(), alloc('memory').value())}%)\t${t(totalsLim, 'memory')} (${frac(t(totalsLim, 'memory').value(), alloc('memory').value())}%)\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${t(totalsReq, 'ephemeral-storage')} (${frac(t(totalsReq, 'ephemeral-storage').value(), alloc('ephemeral-storage').value())}%)\t${t(totalsLim, 'ephemeral-storage')} (${frac(t(totalsLim, 'ephemeral-storage').value(), alloc('ephemeral-storage').value())}%)\n`,
  );
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const huge = Object.keys(allocatable ?? {})
    .filter((k) => k.startsWith('hugepages-'))
    .sort();
  const ext = Object.keys(allocatable ?? {})
    .filter(
      (k) =>
        !k.startsWith('hugepages-') &&
        !standard.has(k) &&
        !k.startsWith('requests.') &&
        !k.startsWith('limits.'),
    )
    .sort();
  for (const k of huge)
    w.write(
      1,
      `${k}\t${t(totalsReq, k)} (${frac(t(totalsReq, k).value(), alloc(k).value())}%)\t${t(totalsLim, k)} (${frac(t(totalsLim, k).value(), alloc(k).value())}%)\n`,
    );
  for (const k of ext) w.write(1, `${k}\t${t(totalsReq, k)}\t${t(totalsLim, k)}\n`);
  const events = [...searchEvents(ctx, node), ...searchEvents(ctx, node, { uid: meta.name })];
  describeEvents(w, events, ctx.now);
  return w.done();
}

function describeEndpointSlice(ctx: Ctx, es: EndpointSlice): string {
  const w = new PrefixWriter();
  const meta = es.metadata!;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `AddressType:\t${es.addressType}\n`);
  if (!es.ports?.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of es.ports)
      w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  if (!es.endpoints?.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of es.endpoints) {
      w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(
        3,
        `Ready:\t${e.conditions?.ready === undefined || e.conditions?.ready === null ? '<unset>' : String(e.conditions.ready)}\n`,
      );
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, searchEvents(ctx, es), ctx.now);
  return w.done();
}

function describeStorageClass(ctx: Ctx, sc: StorageClass): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata!.name}\n`);
  const a = sc.metadata?.annotations ?? {};
  const isDefault =
    a['storageclass.kubernetes.io/is-default-class'] !== undefined ||
    a['storageclass.beta.kubernetes.io/is-default-class'] !== undefined
      ? isDefaultStorageClass(sc)
        ? 'Yes'
        : 'No'
      : 'No';
  w.write(0, `IsDefaultClass:\t${isDefault}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(
    0,
    `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`,
  );
  if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  describeEvents(w, searchEvents(ctx, sc), ctx.now);
  return w.done();
}

// --- the generic describer (printUnstructuredContent) -------------------------------------------------

/** github.com/fatih/camelcase Split. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last && runs.length) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  const acronyms = ['API', 'URL', 'UID', 'GUID'];
  const parts = camelSplit(field);
  const merged: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i < parts.length - 1) {
      const next = parts[i + 1];
      const allUpper = [...part].every((c) => !/\p{L}/u.test(c) || /\p{Lu}/u.test(c));
      if (part.length >= 2 && allUpper && next.length > 0 && /\p{Lu}/u.test(next[0])) {
        merged.push(part + next);
        i++;
        continue;
      }
    }
    merged.push(part);
  }
  return merged
    .filter((p) => p !== '_')
    .map((p) => {
      if (acronyms.includes(p.toUpperCase())) return p.toUpperCase();
      if (p.toLowerCase() === p) return p.charAt(0).toUpperCase() + p.slice(1);
      return p;
    })
    .join(' ');
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function printUnstructured(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
  skip: string[],
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${prefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child))
          printUnstructured(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

function describeGeneric(ctx: Ctx, obj: Obj): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructured(w, 0, obj as unknown as Record<string, unknown>, '', [
    '.metadata.managedFields',
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  describeEvents(w, searchEvents(ctx, obj), ctx.now);
  return w.done();
}

/** The description of one object, as `kubectl describe` prints it. */
export function describeObject(ctx: Ctx, obj: Obj): string {
  switch (obj.kind) {
    case 'Pod':
      return describePod(ctx, obj as Pod);
    case 'Deployment':
      return describeDeployment(ctx, obj as Deployment);
    case 'ReplicaSet':
      return describeReplicaSet(ctx, obj as ReplicaSet);
    case 'StatefulSet':
      return describeStatefulSet(ctx, obj as StatefulSet);
    case 'Service':
      return describeService(ctx, obj as Service);
    case 'PersistentVolumeClaim':
      return describePvc(ctx, obj as PersistentVolumeClaim);
    case 'PersistentVolume':
      return describePv(ctx, obj as PersistentVolume);
    case 'Node':
      return describeNode(ctx, obj as Node);
    case 'EndpointSlice':
      return describeEndpointSlice(ctx, obj as EndpointSlice);
    case 'StorageClass':
      return describeStorageClass(ctx, obj as StorageClass);
  }
  return describeGeneric(ctx, obj);
}

export { nodeStatus };
