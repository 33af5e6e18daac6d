/**
 * A minimal Kubernetes API server over a cluster's store, for checking our kubectl against a real
 * kubectl binary (differential tests; never used by scenarios). It serves discovery, get/list with
 * label and field selectors, and records write requests (create, update, patch, delete) so tests can
 * compare the patches the real kubectl sends with ours. Writes are applied through the store.
 *
 * Timestamps can be shifted so that the cluster's virtual "now" reads as the wall-clock now: the real
 * kubectl computes ages from wall time.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  allKinds,
  apiVersionOf,
  EPOCH_MS,
  fromTimestamp,
  parseSelector,
  toTimestamp,
  type Cluster,
  type KindInfo,
  type KObject,
} from '../../engine';
import { matchesFields, parseFieldSelector, unsupportedField } from '../fieldselector';
import { applyPatch } from '../cmd/targets';
import { formatFieldError, kindInfo, type FieldError } from '../../engine';
import { PatchError } from '../patch';

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  contentType: string;
  body: string;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  /** Shift timestamps so that virtual now == wall now (for describe / AGE comparisons). */
  shiftTime: boolean;
  /** Handles writes (PATCH/PUT/POST/DELETE); default: record and reply with the current object. */
  onWrite?: (
    req: RecordedRequest,
    info: KindInfo,
    ns: string | undefined,
    name: string | undefined,
  ) => unknown;
  close(): Promise<void>;
}

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function shiftTimestamps(v: unknown, deltaMs: number): unknown {
  if (typeof v === 'string') {
    if (TS_RE.test(v)) {
      const t = fromTimestamp(v);
      if (t !== undefined) return toTimestamp(t + deltaMs);
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => shiftTimestamps(x, deltaMs));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = shiftTimestamps(x, deltaMs);
    return out;
  }
  return v;
}

function status(code: number, reason: string, message: string, details?: object): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  };
}

function resourceList(groupVersion: string, infos: KindInfo[]): object {
  const resources: object[] = [];
  for (const i of infos) {
    resources.push({
      name: i.resource,
      singularName: i.singular,
      namespaced: i.namespaced,
      kind: i.kind,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: i.shortNames.length ? i.shortNames : undefined,
      categories: ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'StatefulSet'].includes(i.kind)
        ? ['all']
        : undefined,
    });
    if (i.hasStatus)
      resources.push({
        name: `${i.resource}/status`,
        singularName: '',
        namespaced: i.namespaced,
        kind: i.kind,
        verbs: ['get', 'patch', 'update'],
      });
    if (['Deployment', 'ReplicaSet', 'StatefulSet'].includes(i.kind))
      resources.push({
        name: `${i.resource}/scale`,
        singularName: '',
        namespaced: true,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export async function startFakeApiServer(cluster: Cluster): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const api: FakeApiServer = {
    url: '',
    requests,
    shiftTime: false,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const groups = new Map<string, KindInfo[]>();
  for (const i of allKinds) {
    const gv = apiVersionOf(i);
    if (!groups.has(gv)) groups.set(gv, []);
    groups.get(gv)!.push(i);
  }
  const delta = () => (api.shiftTime ? Date.now() - (EPOCH_MS + cluster.runtime.now) : 0);
  const out = (res: http.ServerResponse, code: number, body: unknown) => {
    const shifted = shiftTimestamps(body, delta());
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(shifted));
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        handle(req, res, body);
      } catch (e) {
        if (e instanceof ApiError) out(res, e.code, status(e.code, e.reason, e.message));
        else out(res, 500, status(500, 'InternalError', String(e)));
      }
    });
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/version')
      return out(res, 200, { major: '1', minor: '34', gitVersion: 'v1.34.0', platform: 'linux/amd64' });
    if (path === '/api')
      return out(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      });
    if (path === '/apis') {
      const gs = [...groups.keys()].filter((g) => g.includes('/'));
      return out(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: gs.map((gv) => {
          const [name, version] = gv.split('/');
          return {
            name,
            versions: [{ groupVersion: gv, version }],
            preferredVersion: { groupVersion: gv, version },
          };
        }),
      });
    }
    if (path === '/api/v1') return out(res, 200, resourceList('v1', groups.get('v1') ?? []));
    let m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) {
      const gv = `${m[1]}/${m[2]}`;
      if (!groups.has(gv))
        return out(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return out(res, 200, resourceList(gv, groups.get(gv)!));
    }
    if (path.startsWith('/openapi')) return out(res, 404, status(404, 'NotFound', 'not found'));
    // resource paths
    m =
      /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(
        path,
      );
    if (!m) return out(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const group = m[1] ?? '';
    const ns = m[2];
    const resource = m[3];
    const name = m[4];
    const sub = m[5];
    const info = allKinds.find((i) => i.group === group && i.resource === resource);
    if (!info)
      return out(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const rec: RecordedRequest = {
      method,
      path,
      query: url.search,
      contentType: String(req.headers['content-type'] ?? ''),
      body,
    };
    requests.push(rec);
    if (method !== 'GET') {
      if (api.onWrite) return out(res, method === 'POST' ? 201 : 200, api.onWrite(rec, info, ns, name));
      try {
        const result = applyWrite(cluster, rec, info, ns, name, sub);
        return out(res, method === 'POST' ? 201 : 200, result);
      } catch (e) {
        if (e instanceof ApiError) return out(res, e.code, apiStatus(e, info));
        if (e instanceof PatchError)
          return out(
            res,
            e.reason === 'Invalid' ? 422 : 400,
            status(e.reason === 'Invalid' ? 422 : 400, e.reason, e.message),
          );
        throw e;
      }
    }
    if (name) {
      const obj = cluster.store.get(info.kind, ns, name);
      if (!obj) {
        const qr = info.group ? `${info.resource}.${info.group}` : info.resource;
        return out(
          res,
          404,
          status(404, 'NotFound', `${qr} "${name}" not found`, {
            name,
            group: info.group || undefined,
            kind: info.resource,
          }),
        );
      }
      if (sub === 'scale') {
        const o = obj as KObject & { spec?: { replicas?: number }; status?: { replicas?: number } };
        return out(res, 200, {
          kind: 'Scale',
          apiVersion: 'autoscaling/v1',
          metadata: {
            name,
            namespace: ns,
            uid: obj.metadata?.uid,
            resourceVersion: obj.metadata?.resourceVersion,
            creationTimestamp: obj.metadata?.creationTimestamp,
          },
          spec: { replicas: o.spec?.replicas ?? 0 },
          status: { replicas: o.status?.replicas ?? 0 },
        });
      }
      return out(res, 200, obj);
    }
    // list
    const labels = url.searchParams.get('labelSelector');
    const fields = url.searchParams.get('fieldSelector');
    const freqs = fields ? parseFieldSelector(fields) : [];
    const bad = unsupportedField(info.kind, freqs);
    if (bad) return out(res, 400, status(400, 'BadRequest', bad));
    let items = cluster.store.list(info.kind, {
      namespace: ns,
      labels: labels ? parseSelector(labels) : undefined,
    });
    items = items.filter((o) => matchesFields(o, info.kind, freqs));
    return out(res, 200, {
      kind: `${info.kind}List`,
      apiVersion: apiVersionOf(info),
      metadata: { resourceVersion: String(cluster.store.resourceVersion) },
      items,
    });
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

function apiStatus(e: ApiError, info: KindInfo): object {
  const details: Record<string, unknown> = {};
  const m = /"([^"]+)"/.exec(e.message);
  if (m) details.name = m[1];
  if (info.group) details.group = info.group;
  details.kind = e.reason === 'Invalid' ? kindInfo(info.kind).kind : info.resource;
  if (e.causes.length)
    details.causes = e.causes.map((c: FieldError) => ({
      reason: 'FieldValueInvalid',
      message: formatFieldError(c).slice(c.field.length + 2),
      field: c.field,
    }));
  return status(e.code, e.reason, e.message, details);
}

/** Applies a write request to the store as the API server would. */
function applyWrite(
  cluster: Cluster,
  rec: RecordedRequest,
  info: KindInfo,
  ns: string | undefined,
  name: string | undefined,
  sub: string | undefined,
): unknown {
  const store = cluster.store;
  const body = rec.body ? JSON.parse(rec.body) : {};
  if (rec.method === 'POST')
    return store.create(
      { ...body, metadata: { ...(body.metadata ?? {}), namespace: ns } },
      { actor: 'real-kubectl' },
    );
  if (!name) throw new ApiError('BadRequest', 'name required');
  const live = store.get(info.kind, ns, name);
  if (!live)
    throw new ApiError(
      'NotFound',
      `${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found`,
    );
  if (rec.method === 'DELETE') {
    return store.delete(info.kind, ns, name, {
      actor: 'real-kubectl',
      gracePeriodSeconds: body.gracePeriodSeconds,
      propagationPolicy: body.propagationPolicy,
      preconditions: body.preconditions,
    });
  }
  if (sub === 'scale') {
    const replicas = body.spec?.replicas;
    const o = JSON.parse(JSON.stringify(live));
    if (replicas !== undefined) o.spec.replicas = replicas;
    const u = store.update(o, { actor: 'real-kubectl' }) as KObject & {
      spec?: { replicas?: number };
      status?: { replicas?: number };
    };
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name, namespace: ns, resourceVersion: u.metadata?.resourceVersion },
      spec: { replicas: u.spec?.replicas },
      status: { replicas: u.status?.replicas ?? 0 },
    };
  }
  let next: KObject;
  if (rec.method === 'PUT') next = body;
  else {
    const type = rec.contentType.includes('strategic')
      ? 'strategic'
      : rec.contentType.includes('json-patch')
        ? 'json'
        : 'merge';
    next = applyPatch(live, type, body);
  }
  if (sub === 'status')
    return store.updateStatus(
      { ...live, status: (next as { status?: unknown }).status },
      { actor: 'real-kubectl' },
    );
  next.metadata = {
    ...(next.metadata ?? {}),
    resourceVersion: live.metadata.resourceVersion,
    uid: live.metadata.uid,
  };
  return store.update(next, { actor: 'real-kubectl' });
}
