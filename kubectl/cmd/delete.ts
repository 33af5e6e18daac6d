/**
 * `kubectl delete` (cmd/delete/delete.go): `kind "name" deleted` per object (`force deleted` with
 * --grace-period=0 --force), cascading background/foreground/orphan, --grace-period for pods, and by
 * default waiting until each object is gone — in virtual time, advancing the cluster.
 */
import type { Ctx, Obj } from '../context';
import { aggregateText, fail, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { advanceUntil } from '../wait';
import {
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  apiCall,
  labelSelector,
  listObjects,
  notFoundText,
} from './common';
import { readManifestArgs } from './files';
import { NO_RESOURCES } from './targets';
import { parseResourceArgs } from '../resources';
import { dryRunMode } from './apply';
import type { KindInfo } from '../../engine';

export const DELETE_FLAGS: FlagSpec[] = [
  { name: 'all', type: 'bool' },
  ALL_NAMESPACES_FLAG,
  SELECTOR_FLAG,
  FIELD_SELECTOR_FLAG,
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'now', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'timeout', type: 'duration' },
  { name: 'wait', type: 'bool', default: true },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'raw', type: 'string', default: '' },
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

const WEEK_MS = 168 * 3_600_000;

function kindString(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

export function cmdDelete(ctx: Ctx, f: ParsedFlags): void {
  let cascade = f.string('cascade');
  if (cascade === 'true') cascade = 'background';
  else if (cascade === 'false') {
    ctx.errln(
      'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.',
    );
    cascade = 'orphan';
  }
  const policy = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' }[cascade] as
    'Background' | 'Foreground' | 'Orphan' | undefined;
  if (!policy)
    fail(`invalid cascade value (${f.string('cascade')}). Must be "background", "foreground", or "orphan"`);
  let grace = f.int('grace-period');
  const force = f.bool('force');
  if (f.bool('now')) {
    if (grace !== -1) fail('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dry = dryRunMode(f.string('dry-run'));
  const output = f.string('output');
  if (output && output !== 'name') fail(`unexpected -o output mode: ${output}. We only support '-o name'`);

  const files = f.strings('filename');
  const selector = labelSelector(f.string('selector'));
  const all = f.bool('all');
  const allNamespaces = f.bool('all-namespaces');
  if (files.length && f.args.length)
    fail('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  if (!files.length && f.args.length === 0) throw new KubectlError(`error: ${NO_RESOURCES}`);
  if (all && selector) fail('cannot set --all and --selector at the same time');

  const errors: { text: string; api: boolean }[] = [];
  const targets: { info: KindInfo; obj: Obj }[] = [];
  if (files.length) {
    for (const m of readManifestArgs(ctx, files, f.bool('recursive'), 'delete')) {
      const name = m.object.metadata?.name ?? '';
      const obj = ctx.store.get(m.info.kind, m.object.metadata?.namespace ?? ctx.namespace, name);
      if (obj) targets.push({ info: m.info, obj });
      else if (!f.bool('ignore-not-found')) errors.push({ text: notFoundText(m.info.kind, name), api: true });
    }
  } else {
    for (const req of parseResourceArgs(f.args)) {
      if (req.names.length === 0) {
        if (!selector && !all && !f.string('field-selector'))
          fail('resource(s) were provided, but no name was specified');
        for (const obj of listObjects(ctx, req.info, {
          namespace: allNamespaces ? undefined : ctx.namespace,
          selector,
          fieldSelector: f.string('field-selector'),
        }))
          targets.push({ info: req.info, obj });
        continue;
      }
      if (selector) fail('name cannot be provided when a selector is specified');
      for (const name of req.names) {
        const obj = ctx.store.get(req.info.kind, ctx.namespace, name);
        if (obj) targets.push({ info: req.info, obj });
        else if (!f.bool('ignore-not-found'))
          errors.push({ text: notFoundText(req.info.kind, name), api: true });
      }
    }
  }
  if (grace === 0 && force)
    ctx.errln(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
  const deleted: { kind: string; ns?: string; name: string; uid: string; resource: string }[] = [];
  for (const t of targets) {
    const { info, obj } = t;
    if (!dry) {
      try {
        apiCall(() =>
          ctx.store.delete(info.kind, obj.metadata.namespace, obj.metadata.name, {
            actor: ctx.actor,
            propagationPolicy: policy,
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            preconditions: { uid: obj.metadata.uid },
          }),
        );
      } catch (e) {
        if (e instanceof KubectlError) {
          errors.push({ text: e.text, api: true });
          continue;
        }
        throw e;
      }
      deleted.push({
        kind: info.kind,
        ns: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        resource: info.resource,
      });
    }
    if (output === 'name') ctx.outln(`${kindString(info)}/${obj.metadata.name}`);
    else {
      let op = grace === 0 ? 'force deleted' : 'deleted';
      if (dry === 'client') op += ' (dry run)';
      if (dry === 'server') op += ' (server dry run)';
      ctx.outln(`${kindString(info)} "${obj.metadata.name}" ${op}`);
    }
  }
  if (targets.length === 0 && errors.length === 0) ctx.outln('No resources found');
  if (f.bool('wait') && deleted.length && !dry) {
    const timeout = f.duration('timeout') || WEEK_MS;
    const deadline = ctx.now + timeout;
    for (const d of deleted) {
      const gone = () => ctx.store.get(d.kind, d.ns, d.name)?.metadata.uid !== d.uid;
      const outcome = advanceUntil(ctx.cluster, gone, deadline);
      if (outcome !== 'done')
        errors.push({ text: `timed out waiting for the condition on ${d.resource}/${d.name}`, api: false });
    }
  }
  if (errors.length) throw new KubectlError(aggregateText(errors));
}
