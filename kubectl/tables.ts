/**
 * The columns `kubectl get` shows for each kind, as the API server's table printers produce them
 * (pkg/printers/internalversion/printers.go, Kubernetes 1.34). Priority-1 columns appear with `-o wide`.
 * AGE uses the cluster's virtual clock.
 */
import type {
  ControllerRevision,
  Deployment,
  EndpointSlice,
  Event,
  KObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
  StorageClass,
  Container,
  Namespace,
} from '../engine';
import { fromTimestamp, kindFromResourceArg } from '../engine';
import type { LabelSelector } from '../engine';
import { humanDuration } from './duration';
import { podColumns } from './podstatus';

export interface Column {
  name: string;
  /** 1: only with -o wide. */
  priority?: number;
}

export interface TableDef {
  columns: Column[];
  row(obj: any, now: number): string[];
}

/** translateTimestampSince: `<unknown>` for a missing time. */
export function age(ts: string | undefined | null, now: number): string {
  const t = fromTimestamp(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** labels.FormatLabels: sorted `k=v` pairs joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key (`app=web,tier in (a,b)`);
 * empty for a nil or empty selector.
 */
export function selectorText(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push([e.key, `${e.key} in (${vals})`]);
        break;
      case 'NotIn':
        reqs.push([e.key, `${e.key} notin (${vals})`]);
        break;
      case 'Exists':
        reqs.push([e.key, e.key]);
        break;
      case 'DoesNotExist':
        reqs.push([e.key, `!${e.key}`]);
        break;
    }
  }
  return reqs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((r) => r[1])
    .join(',');
}

/** metav1.FormatLabelSelector: like selectorText but `<none>` when empty. */
export function formatSelector(sel: LabelSelector | undefined | null): string {
  return selectorText(sel) || '<none>';
}

function accessModes(modes: string[] | undefined): string {
  // helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in this fixed order, each once
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

const pods: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    { name: 'Age' },
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row(pod: Pod, now) {
    const c = podColumns(pod, now);
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    let gates = '<none>';
    const rg = pod.spec?.readinessGates ?? [];
    if (rg.length > 0) {
      let t = 0;
      for (const g of rg) {
        const cond = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
        if (cond?.status === 'True') t++;
      }
      gates = `${t}/${rg.length}`;
    }
    return [
      pod.metadata!.name!,
      c.ready,
      c.status,
      c.restarts,
      age(pod.metadata?.creationTimestamp, now),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gates,
    ];
  },
};

const deployments: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(d: Deployment, now) {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata!.name!,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      age(d.metadata?.creationTimestamp, now),
      names,
      images,
      selectorText(d.spec?.selector),
    ];
  },
};

const replicasets: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(rs: ReplicaSet, now) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata!.name!,
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(rs.metadata?.creationTimestamp, now),
      names,
      images,
      formatSelector(rs.spec?.selector),
    ];
  },
};

const statefulsets: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
  ],
  row(s: StatefulSet, now) {
    const [names, images] = containerCells(s.spec?.template?.spec?.containers);
    return [
      s.metadata!.name!,
      `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
      age(s.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
};

function serviceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  const ext = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ips = [
        ...new Set(
          (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((x) => x),
        ),
      ].sort();
      let lb = ips.join(',');
      if (!wide && lb.length > 16) lb = lb.slice(0, 13) + '...';
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

const services: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    { name: 'Age' },
    { name: 'Selector', priority: 1 },
  ],
  row(svc: Service, now) {
    const spec = svc.spec ?? {};
    const ports = (spec.ports ?? [])
      .map((p) =>
        p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`,
      )
      .join(',');
    return [
      svc.metadata!.name!,
      spec.type ?? '',
      spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>',
      serviceExternalIP(svc, false),
      ports || '<none>',
      age(svc.metadata?.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

const pvcs: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Age' },
    { name: 'VolumeMode', priority: 1 },
  ],
  row(pvc: PersistentVolumeClaim, now) {
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
    let capacity = '';
    let modes = '';
    if (pvc.spec?.volumeName) {
      modes = accessModes(pvc.status?.accessModes);
      capacity = pvc.status?.capacity?.storage ?? '0';
    }
    return [
      pvc.metadata!.name!,
      phase,
      pvc.spec?.volumeName ?? '',
      capacity,
      modes,
      pvcClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** helper.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function pvcClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? '';
}

export function pvClass(pv: PersistentVolume): string {
  const ann = pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

const pvs: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    { name: 'Age' },
    { name: 'VolumeMode', priority: 1 },
  ],
  row(pv: PersistentVolume, now) {
    const claim = pv.spec?.claimRef
      ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}`
      : '';
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
    return [
      pv.metadata!.name!,
      pv.spec?.capacity?.storage ?? '0',
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      pvClass(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv.metadata?.creationTimestamp, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

const endpointslices: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'AddressType' },
    { name: 'Ports' },
    { name: 'Endpoints' },
    { name: 'Age' },
  ],
  row(es: EndpointSlice, now) {
    const max = 3;
    const ports: string[] = [];
    let more = false;
    let count = 0;
    for (const p of es.ports ?? []) {
      if (ports.length < max)
        ports.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
      else if (ports.length === max) more = true;
      count++;
    }
    const portText = listWithMore(ports, more, count, max);
    const addrs: string[] = [];
    let moreA = false;
    let countA = 0;
    for (const e of es.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (addrs.length < max) addrs.push(a);
        else if (addrs.length === max) moreA = true;
        countA++;
      }
    }
    return [
      es.metadata!.name!,
      es.addressType ?? '',
      portText,
      listWithMore(addrs, moreA, countA, max),
      age(es.metadata?.creationTimestamp, now),
    ];
  },
};

const controllerrevisions: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
  row(cr: ControllerRevision, now) {
    const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [
      cr.metadata!.name!,
      controller,
      String(cr.revision ?? 0),
      age(cr.metadata?.creationTimestamp, now),
    ];
  },
};

function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

const events: TableDef = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1 },
  ],
  row(ev: Event, now) {
    let first = age(ev.firstTimestamp, now);
    if (!ev.firstTimestamp) first = ev.eventTime ? age(ev.eventTime, now) : '<unknown>';
    let last = ev.lastTimestamp ? age(ev.lastTimestamp, now) : first;
    let count = ev.count ?? 0;
    if (ev.series) {
      last = age(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = ev.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      io.fieldPath ?? '',
      eventSource(ev),
      (ev.message ?? '').trim(),
      first,
      String(count),
      ev.metadata!.name!,
    ];
  },
};

function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodes: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Status' },
    { name: 'Roles' },
    { name: 'Age' },
    { name: 'Version' },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  row(node: Node, now) {
    const info = node.status?.nodeInfo;
    const addr = (t: string) => (node.status?.addresses ?? []).find((a) => a.type === t)?.address ?? '<none>';
    return [
      node.metadata!.name!,
      nodeStatus(node),
      nodeRoles(node),
      age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export function isDefaultStorageClass(sc: KObject): boolean {
  const a = sc.metadata?.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

const storageclasses: TableDef = {
  columns: [
    { name: 'Name' },
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    { name: 'Age' },
  ],
  row(sc: StorageClass, now) {
    return [
      sc.metadata!.name! + (isDefaultStorageClass(sc) ? ' (default)' : ''),
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      String(sc.allowVolumeExpansion ?? false),
      age(sc.metadata?.creationTimestamp, now),
    ];
  },
};

const namespaces: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  row(ns: Namespace, now) {
    return [ns.metadata!.name!, ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)];
  },
};

const defaultTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Age' }],
  row(o: KObject, now) {
    return [o.metadata!.name!, age(o.metadata?.creationTimestamp, now)];
  },
};

const byKind: Record<string, TableDef> = {
  Pod: pods,
  Deployment: deployments,
  ReplicaSet: replicasets,
  StatefulSet: statefulsets,
  Service: services,
  PersistentVolumeClaim: pvcs,
  PersistentVolume: pvs,
  EndpointSlice: endpointslices,
  ControllerRevision: controllerrevisions,
  Event: events,
  Node: nodes,
  StorageClass: storageclasses,
  Namespace: namespaces,
};

export function tableFor(kind: string): TableDef {
  return byKind[kind] ?? defaultTable;
}

/** For tests: the header names of a kind (upper case, as kubectl prints them). */
export function headersFor(kind: string, wide: boolean): string[] {
  return tableFor(kind)
    .columns.filter((c) => wide || !c.priority)
    .map((c) => c.name.toUpperCase());
}

export { kindFromResourceArg };
