/**
 * `kubectl rollout status|history|undo|pause|resume|restart` for Deployments and StatefulSets
 * (staging/src/k8s.io/kubectl/pkg/cmd/rollout, pkg/polymorphichelpers).
 *
 * `rollout status` waits in virtual time: it advances the cluster one unit of work at a time and
 * prints the status viewer's line whenever the object changes (a line equal to the previous one is
 * not repeated), until the rollout is done, the viewer reports an error (progress deadline exceeded),
 * `--timeout` passes, or nothing is left that could change it.
 */
import type {
  ControllerRevision,
  Deployment,
  KObject,
  PodTemplateSpec,
  ReplicaSet,
  StatefulSet,
} from '../../engine';
import { toTimestamp } from '../../engine';
import { rolloutStatusMessage } from '../../engine/controllers/deployment';
import { getPatch, statefulSetRolloutStatus } from '../../engine/controllers/statefulset';
import type { Ctx, Obj } from '../context';
import { kindRef } from '../context';
import { deploymentReplicaSets, describePodTemplateText, semanticEqual } from '../describe';
import { aggregateText, fail, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { clone, strategicMergePatch, type Json } from '../patch';
import { advanceUntil, drainNow, onStoreEvent } from '../wait';
import {
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  DRY_RUN_FLAG,
} from './common';
import { ApiKubectlError, patchLive, resolveTargets, writePatched, type Target } from './targets';
import { dryRunMode } from './apply';
import { TabWriter } from '../tabwriter';

const COMMON: FlagSpec[] = [FILENAME_FLAG, RECURSIVE_FLAG, KUSTOMIZE_FLAG, SELECTOR_FLAG];

export const STATUS_FLAGS: FlagSpec[] = [
  ...COMMON,
  { name: 'watch', short: 'w', type: 'bool', default: true },
  { name: 'revision', type: 'int', default: 0 },
  { name: 'timeout', type: 'duration' },
];
export const HISTORY_FLAGS: FlagSpec[] = [
  ...COMMON,
  OUTPUT_FLAG,
  { name: 'revision', type: 'int', default: 0 },
];
export const UNDO_FLAGS: FlagSpec[] = [
  ...COMMON,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  { name: 'to-revision', type: 'int', default: 0 },
];
export const PAUSE_FLAGS: FlagSpec[] = [
  ...COMMON,
  OUTPUT_FLAG,
  { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
];

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** The virtual-time cap for a rollout that would otherwise wait forever. */
const FOREVER_MS = 3_600_000;

function targetsOf(ctx: Ctx, f: ParsedFlags): Target[] {
  if (f.args.length === 0 && !f.has('filename')) fail('required resource not specified');
  return resolveTargets(ctx, f, f.args);
}

function groupResource(t: { info: { resource: string; group: string } }): string {
  return t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource;
}

function groupKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

// ---------------------------------------------------------------------------------------------------
// status

interface Status {
  message: string;
  done: boolean;
  error?: string;
}

function statusOf(obj: KObject, revision: number): Status {
  if (obj.kind === 'Deployment') return rolloutStatusMessage(obj as Deployment, revision);
  if (obj.kind === 'StatefulSet') return statefulSetRolloutStatus(obj as StatefulSet);
  throw new Error('unreachable');
}

export function cmdRolloutStatus(ctx: Ctx, f: ParsedFlags): void {
  const targets = targetsOf(ctx, f);
  const revision = f.int('revision');
  if (revision < 0) fail(`revision must be a positive integer: ${revision}`);
  if (targets.length !== 1)
    fail(
      `rollout status is only supported on individual resources and resource collections, but ${targets.length} resources were found`,
    );
  const t = targets[0];
  if (t.error) throw new KubectlError(t.error);
  if (t.info.kind !== 'Deployment' && t.info.kind !== 'StatefulSet')
    fail(`no status viewer has been implemented for ${groupKind(t.info.kind, t.info.group)}`);
  const uid = t.obj!.metadata.uid;
  drainNow(ctx.cluster);
  const watch = f.bool('watch');
  const timeout = f.duration('timeout');
  const deadline = ctx.now + (timeout > 0 ? timeout : FOREVER_MS);
  let last: string | undefined;
  let dirty = true;
  let deleted = false;
  const current = () => ctx.store.get(t.info.kind, t.obj!.metadata.namespace, t.name);
  const unsubscribe = onStoreEvent(ctx.cluster, (e) => {
    if (
      e.kind !== t.info.kind ||
      e.object.metadata.name !== t.name ||
      e.object.metadata.namespace !== t.obj!.metadata.namespace
    )
      return;
    if (e.type === 'DELETED') deleted = true;
    else dirty = true;
  });
  let result: Status | undefined;
  try {
    const check = (): boolean => {
      if (deleted) return true;
      if (!dirty) return false;
      dirty = false;
      const obj = current();
      if (!obj || obj.metadata.uid !== uid) {
        deleted = true;
        return true;
      }
      const st = statusOf(obj, revision);
      if (st.error) {
        result = st;
        return true;
      }
      if (st.message !== last) ctx.out(st.message);
      last = st.message;
      if (st.done || !watch) {
        result = st;
        return true;
      }
      return false;
    };
    const outcome = advanceUntil(ctx.cluster, check, deadline);
    if (deleted && !result) fail('object has been deleted');
    if (result?.error) fail(result.error);
    if (outcome !== 'done') fail('timed out waiting for the condition');
  } finally {
    unsubscribe();
  }
}

// ---------------------------------------------------------------------------------------------------
// history

interface HistoryEntry {
  revision: number;
  changeCause: string;
  template: PodTemplateSpec;
}

/**
 * deploymentutil.Revision as kubectl uses it: a ReplicaSet without the revision annotation (one the
 * Deployment adopted) is revision 0; an unparsable one is skipped (undefined).
 */
function replicaSetRevision(rs: ReplicaSet): number | undefined {
  const raw = rs.metadata?.annotations?.[REVISION];
  if (raw === undefined) return 0;
  return /^[-+]?\d+$/.test(raw) ? Number(raw) : undefined;
}

function deploymentHistory(ctx: Ctx, d: Deployment): HistoryEntry[] {
  const { all } = deploymentReplicaSets(ctx, d);
  const byRevision = new Map<number, HistoryEntry>();
  for (const rs of all) {
    const v = replicaSetRevision(rs);
    if (v === undefined) continue;
    const template = clone(rs.spec?.template ?? {}) as PodTemplateSpec;
    const changeCause = rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '';
    template.metadata = { ...(template.metadata ?? {}) };
    template.metadata.annotations = { ...(template.metadata.annotations ?? {}) };
    if (changeCause) template.metadata.annotations[CHANGE_CAUSE] = changeCause;
    byRevision.set(v, { revision: v, changeCause, template });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

function statefulSetRevisions(ctx: Ctx, sts: StatefulSet): ControllerRevision[] {
  return ctx.store
    .list<ControllerRevision>('ControllerRevision', { namespace: sts.metadata!.namespace })
    .filter((cr) =>
      (cr.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === sts.metadata!.uid),
    )
    .filter((cr) => {
      const sel = sts.spec?.selector?.matchLabels ?? {};
      return Object.entries(sel).every(([k, v]) => cr.metadata.labels?.[k] === v);
    });
}

function statefulSetHistory(ctx: Ctx, sts: StatefulSet): HistoryEntry[] {
  const byRevision = new Map<number, HistoryEntry>();
  for (const cr of statefulSetRevisions(ctx, sts)) {
    const patched = strategicMergePatch(
      clone(sts) as unknown as Record<string, Json>,
      (cr.data ?? {}) as Record<string, Json>,
      'StatefulSet',
    ) as unknown as StatefulSet;
    byRevision.set(cr.revision, {
      revision: cr.revision,
      changeCause: cr.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
      template: patched.spec?.template ?? {},
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

export function cmdRolloutHistory(ctx: Ctx, f: ParsedFlags): void {
  const targets = targetsOf(ctx, f);
  const revision = f.int('revision');
  if (revision < 0) fail(`revision must be a positive integer: ${revision}`);
  const errors: { text: string; api: boolean }[] = [];
  for (const t of targets) {
    if (t.error) {
      errors.push({ text: t.error, api: true });
      continue;
    }
    let history: HistoryEntry[];
    if (t.info.kind === 'Deployment') history = deploymentHistory(ctx, t.obj as Deployment);
    else if (t.info.kind === 'StatefulSet') history = statefulSetHistory(ctx, t.obj as StatefulSet);
    else {
      errors.push({
        text: `no history viewer has been implemented for ${JSON.stringify(groupKind(t.info.kind, t.info.group))}`,
        api: false,
      });
      continue;
    }
    let text: string;
    if (history.length === 0) text = 'No rollout history found.';
    else if (revision > 0) {
      const h = history.find((x) => x.revision === revision);
      if (!h) {
        errors.push({ text: 'unable to find the specified revision', api: false });
        continue;
      }
      text = describePodTemplateText(h.template);
    } else {
      const w = new TabWriter({ minWidth: 0, padding: 2 });
      w.write('REVISION\tCHANGE-CAUSE\n');
      for (const h of history) w.write(`${h.revision}\t${h.changeCause || '<none>'}\n`);
      text = w.flush();
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    ctx.out(`${kindRef(t.info)}/${t.name} ${withRevision}\n${text}\n`);
  }
  if (errors.length) throw new KubectlError(aggregateText(errors));
}

// ---------------------------------------------------------------------------------------------------
// undo

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = clone(t ?? {}) as PodTemplateSpec;
    if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
    return c;
  };
  return semanticEqual(strip(a), strip(b));
}

function undoDeployment(ctx: Ctx, d: Obj & Deployment, toRevision: number, dry: string | undefined): string {
  if (toRevision < 0) fail(`unable to find specified revision ${toRevision} in history`);
  const { all } = deploymentReplicaSets(ctx, d);
  let rs: ReplicaSet | undefined;
  let latest: ReplicaSet | undefined;
  let latestRev = -1;
  let previous: ReplicaSet | undefined;
  let previousRev = -1;
  for (const r of all) {
    const v = replicaSetRevision(r);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latestRev < v) {
        previousRev = latestRev;
        previous = latest;
        latestRev = v;
        latest = r;
      } else if (previousRev < v) {
        previousRev = v;
        previous = r;
      }
    } else if (toRevision === v) {
      rs = r;
      break;
    }
  }
  if (toRevision > 0 && !rs) fail(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    if (!previous) fail(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
    rs = previous;
  }
  if (dry === 'client') return describePodTemplateText(rs!.spec?.template ?? {});
  if (d.spec?.paused)
    fail(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  if (equalIgnoreHash(rs!.spec?.template, d.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = clone(rs!.spec?.template ?? {}) as PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs!.metadata?.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  if (dry === 'server') return 'rolled back';
  try {
    patchLive(ctx, d, 'json', [
      { op: 'replace', path: '/spec/template', value: template as unknown as Json },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ]);
  } catch (e) {
    if (e instanceof ApiKubectlError) fail(`failed restoring revision ${toRevision}: ${e.api.message}`);
    throw e;
  }
  return 'rolled back';
}

function undoStatefulSet(
  ctx: Ctx,
  sts: Obj & StatefulSet,
  toRevision: number,
  dry: string | undefined,
): string {
  if (toRevision < 0) fail(`unable to find specified revision ${toRevision} in history`);
  const history = statefulSetRevisions(ctx, sts).sort(
    (a, b) => a.revision - b.revision || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  if (toRevision === 0 && history.length <= 1) fail('no last revision to roll back to');
  const to = toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (!to) fail(`unable to find specified revision ${toRevision} in history`);
  const patched = strategicMergePatch(
    clone(sts) as unknown as Record<string, Json>,
    (to.data ?? {}) as Record<string, Json>,
    'StatefulSet',
  ) as unknown as StatefulSet;
  if (dry === 'client') return `will roll back to ${describePodTemplateText(patched.spec?.template ?? {})}`;
  if (semanticEqual(clone(getPatch(sts)), clone(to.data ?? {})))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  if (dry === 'server') return 'rolled back';
  try {
    writePatched(ctx, sts, patched as KObject);
  } catch (e) {
    if (e instanceof ApiKubectlError) fail(`failed restoring revision ${toRevision}: ${e.api.message}`);
    throw e;
  }
  return 'rolled back';
}

export function cmdRolloutUndo(ctx: Ctx, f: ParsedFlags): void {
  const targets = targetsOf(ctx, f);
  const dry = dryRunMode(f.string('dry-run'));
  const errors: { text: string; api: boolean }[] = [];
  for (const t of targets) {
    if (t.error) {
      errors.push({ text: t.error, api: true });
      continue;
    }
    let result: string;
    try {
      if (t.info.kind === 'Deployment')
        result = undoDeployment(ctx, t.obj as Obj & Deployment, f.int('to-revision'), dry);
      else if (t.info.kind === 'StatefulSet')
        result = undoStatefulSet(ctx, t.obj as Obj & StatefulSet, f.int('to-revision'), dry);
      else
        fail(
          `no rollbacker has been implemented for ${JSON.stringify(groupKind(t.info.kind, t.info.group))}`,
        );
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      errors.push({ text: e.text.replace(/^error: /, ''), api: false });
      continue;
    }
    if (dry === 'client') ctx.out(`${kindRef(t.info)}/${t.name} ${result} (dry run)\n`);
    else ctx.outln(`${kindRef(t.info)}/${t.name} ${result}${dry === 'server' ? ' (server dry run)' : ''}`);
  }
  if (errors.length) throw new KubectlError(aggregateText(errors));
}

// ---------------------------------------------------------------------------------------------------
// pause / resume / restart

type Mutation = { patch?: Json; error?: string } | 'unchanged';

function runMutation(
  ctx: Ctx,
  f: ParsedFlags,
  mutate: (t: Target) => Mutation,
  done: string,
  unchangedError: (t: Target) => string,
): void {
  const targets = targetsOf(ctx, f);
  const errors: { text: string; api: boolean }[] = [];
  for (const t of targets) {
    if (t.error) {
      errors.push({ text: t.error, api: true });
      continue;
    }
    const m = mutate(t);
    if (m === 'unchanged') {
      errors.push({ text: unchangedError(t), api: false });
      continue;
    }
    if (m.error) {
      errors.push({ text: `error: ${groupResource(t)} ${JSON.stringify(t.name)} ${m.error}`, api: false });
      continue;
    }
    try {
      patchLive(ctx, t.obj!, 'strategic', m.patch!);
    } catch (e) {
      if (!(e instanceof ApiKubectlError)) throw e;
      errors.push({ text: `failed to patch: ${e.api.message}`, api: false });
      continue;
    }
    ctx.outln(`${kindRef(t.info)}/${t.name} ${done}`);
  }
  if (errors.length) {
    // kubectl adds "error: " only where the message lacks it
    if (errors.length === 1) {
      const e = errors[0];
      throw new KubectlError(e.api || e.text.startsWith('error: ') ? e.text : `error: ${e.text}`);
    }
    throw new KubectlError(errors.map((e) => e.text).join('\n'));
  }
}

export function cmdRolloutPause(ctx: Ctx, f: ParsedFlags): void {
  runMutation(
    ctx,
    f,
    (t) => {
      if (t.info.kind !== 'Deployment') return { error: 'pausing is not supported' };
      return (t.obj as Deployment).spec?.paused ? 'unchanged' : { patch: { spec: { paused: true } } };
    },
    'paused',
    (t) => `${groupResource(t)} ${JSON.stringify(t.name)} is already paused`,
  );
}

export function cmdRolloutResume(ctx: Ctx, f: ParsedFlags): void {
  runMutation(
    ctx,
    f,
    (t) => {
      if (t.info.kind !== 'Deployment') return { error: 'resuming is not supported' };
      return (t.obj as Deployment).spec?.paused ? { patch: { spec: { paused: null } } } : 'unchanged';
    },
    'resumed',
    (t) => `${groupResource(t)} ${JSON.stringify(t.name)} is not paused`,
  );
}

export function cmdRolloutRestart(ctx: Ctx, f: ParsedFlags): void {
  const now = toTimestamp(ctx.now);
  runMutation(
    ctx,
    f,
    (t) => {
      const obj = t.obj as Deployment | StatefulSet;
      if (t.info.kind === 'Deployment' && (obj as Deployment).spec?.paused)
        return { error: "can't restart paused deployment (run rollout resume first)" };
      if (t.info.kind !== 'Deployment' && t.info.kind !== 'StatefulSet')
        return { error: `restarting is not supported` };
      if (obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === now) return 'unchanged';
      return { patch: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } } };
    },
    'restarted',
    (t) =>
      `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
  );
}

export const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
