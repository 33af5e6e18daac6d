/**
 * Verbs that change objects through a patch: scale, set image, patch, label, annotate, cordon and
 * uncordon (staging/src/k8s.io/kubectl/pkg/cmd/{scale,set,patch,label,annotate,drain}). Messages,
 * errors and exit statuses follow kubectl 1.28+.
 */
import type { Container, Deployment, KObject } from '../../engine';
import type { Ctx } from '../context';
import { aggregateText, fail, KubectlError } from '../errors';
import { requireFlags, type FlagSpec, type ParsedFlags } from '../flags';
import { clone, type Json } from '../patch';
import { parseYamlDocuments } from '../yaml';
import {
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  PRINT_FLAGS,
  dryRunSuffix,
} from './common';
import { patchLive, refOf, resolveTargets, writePatched, type PatchType } from './targets';
import { dryRunMode } from './apply';

type Err = { text: string; api: boolean };

function collect(errors: Err[], text: string): void {
  const plain = text.startsWith('error: ');
  errors.push({ text: plain ? text.slice(7) : text, api: !plain });
}

function finish(errors: Err[]): void {
  if (errors.length) throw new KubectlError(aggregateText(errors));
}

// ---------------------------------------------------------------------------------------------------
// scale

export const SCALE_FLAGS: FlagSpec[] = [
  { name: 'replicas', type: 'int', default: -1 },
  { name: 'current-replicas', type: 'int', default: -1 },
  { name: 'resource-version', type: 'string', default: '' },
  { name: 'all', type: 'bool' },
  { name: 'timeout', type: 'duration' },
  SELECTOR_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  ...PRINT_FLAGS,
];

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export function cmdScale(ctx: Ctx, f: ParsedFlags): void {
  requireFlags(f, ['replicas']);
  const replicas = f.int('replicas');
  if (replicas < 0)
    fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRunMode(f.string('dry-run'));
  const targets = resolveTargets(ctx, f, f.args, { allowAll: true });
  if (targets.length === 0) fail('no objects passed to scale');
  const current = f.int('current-replicas');
  const rv = f.string('resource-version');
  for (const t of targets) {
    if (t.error) throw new KubectlError(t.error);
    const obj = t.obj!;
    if (!SCALABLE.has(t.info.kind))
      throw new KubectlError(
        'Error from server (NotFound): the server could not find the requested resource',
      );
    const spec = (obj as KObject & { spec?: { replicas?: number } }).spec ?? {};
    const have = spec.replicas ?? 1;
    if (current !== -1 && have !== current) fail(`Expected replicas to be ${current}, was ${have}`);
    if (rv && rv !== obj.metadata.resourceVersion)
      fail(`Expected resource version to be ${rv}, was ${obj.metadata.resourceVersion}`);
    if (!dry) patchLive(ctx, obj, 'merge', { spec: { replicas } });
    ctx.outln(`${refOf(t)} scaled${dryRunSuffix(dry)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// set image

export const SET_IMAGE_FLAGS: FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  SELECTOR_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  FIELD_MANAGER_FLAG,
  ...PRINT_FLAGS,
];

function podSpecOf(obj: KObject): { containers?: Container[]; initContainers?: Container[] } | undefined {
  const o = obj as KObject & { spec?: any };
  if (obj.kind === 'Pod') return o.spec;
  return o.spec?.template?.spec;
}

export function cmdSetImage(ctx: Ctx, f: ParsedFlags): void {
  const split = f.args.findIndex((a) => a.includes('='));
  const resources = split < 0 ? f.args : f.args.slice(0, split);
  const pairs = split < 0 ? [] : f.args.slice(split);
  const images = new Map<string, string>();
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i < 0) fail(`all resources must be specified before image changes: ${p}`);
    images.set(p.slice(0, i), p.slice(i + 1));
  }
  // kubectl resolves the resources (Complete) before it validates the image arguments
  const targets = resolveTargets(ctx, f, resources, { allowAll: true });
  const errs: string[] = [];
  if (images.size < 1) errs.push('at least one image update is required');
  else if (images.size > 1 && images.has('*'))
    errs.push(
      'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    );
  if (errs.length) throw new KubectlError(errs.map((e) => `error: ${e}`).join('\n'));
  const dry = dryRunMode(f.string('dry-run'));
  const errors: Err[] = [];
  for (const t of targets) {
    if (t.error) {
      collect(errors, t.error);
      continue;
    }
    const live = t.obj!;
    const modified = clone(live) as KObject;
    const spec = podSpecOf(modified);
    if (!spec) {
      collect(errors, `error: ${refOf(t)} selector is not supported`);
      continue;
    }
    for (const [name, image] of images) {
      let found = false;
      for (const list of [spec.initContainers ?? [], spec.containers ?? []])
        for (const c of list)
          if (c.name === name || name === '*') {
            c.image = image;
            found = true;
          }
      if (!found) collect(errors, `error: unable to find container named ${JSON.stringify(name)}`);
    }
    const changed = JSON.stringify(podSpecOf(modified)) !== JSON.stringify(podSpecOf(live));
    if (!changed) continue;
    if (!dry) writePatched(ctx, live, modified);
    ctx.outln(`${refOf(t)} image updated${dryRunSuffix(dry)}`);
  }
  finish(errors);
}

// ---------------------------------------------------------------------------------------------------
// patch

export const PATCH_FLAGS: FlagSpec[] = [
  { name: 'patch', short: 'p', type: 'string', default: '' },
  { name: 'patch-file', type: 'string', default: '' },
  { name: 'type', type: 'string', default: 'strategic' },
  { name: 'local', type: 'bool' },
  { name: 'subresource', type: 'string', default: '' },
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  FIELD_MANAGER_FLAG,
  ...PRINT_FLAGS,
];

export function cmdPatch(ctx: Ctx, f: ParsedFlags): void {
  const type = f.string('type');
  let text = f.string('patch');
  if (text === '' && f.string('patch-file') === '')
    fail('must specify --patch or --patch-file containing the contents of the patch');
  if (!['json', 'merge', 'strategic'].includes(type))
    fail(`--type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
  if (f.string('patch-file')) {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    try {
      text = (ctx.opts.readFile ?? ((p: string) => fs.readFileSync(p, 'utf8')))(
        path.resolve(ctx.opts.cwd ?? process.cwd(), f.string('patch-file')),
      );
    } catch {
      fail(`unable to read patch file: open ${f.string('patch-file')}: no such file or directory`);
    }
  }
  let patch: Json;
  try {
    patch = JSON.parse(text) as Json;
  } catch {
    let docs: unknown[] | undefined;
    try {
      docs = parseYamlDocuments(text);
    } catch {
      docs = undefined;
    }
    if (docs === undefined || /^\s*[{[]/.test(text)) {
      // kubectl sends the text as is; the API server's JSON decoder rejects it
      const m = /^\s*[{[]\s*(.)/.exec(text);
      throw new KubectlError(
        `Error from server (BadRequest): invalid character '${m?.[1] ?? text.trim()[0] ?? ''}' looking for beginning of object key string`,
      );
    }
    patch = (docs[0] ?? null) as Json;
  }
  const subresource = f.string('subresource');
  const dry = dryRunMode(f.string('dry-run'));
  const targets = resolveTargets(ctx, f, f.args);
  const errors: Err[] = [];
  for (const t of targets) {
    if (t.error) {
      collect(errors, t.error);
      continue;
    }
    let result: { changed: boolean };
    if (subresource === 'status') {
      result = patchStatus(ctx, t.obj!, type as PatchType, patch);
    } else if (subresource && subresource !== 'scale') {
      fail(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
    } else if (dry) {
      result = { changed: true };
    } else {
      const p = subresource === 'scale' ? scalePatch(type as PatchType, patch) : patch;
      result = patchLive(ctx, t.obj!, subresource === 'scale' ? 'merge' : (type as PatchType), p);
    }
    ctx.outln(`${refOf(t)} patched${result.changed ? '' : ' (no change)'}`);
  }
  finish(errors);
}

function scalePatch(type: PatchType, patch: Json): Json {
  if (type === 'json') fail('json patches are not supported on the scale subresource by kube-scenario');
  const replicas = (patch as { spec?: { replicas?: number } })?.spec?.replicas;
  return replicas === undefined ? {} : { spec: { replicas } };
}

function patchStatus(
  ctx: Ctx,
  live: KObject & { metadata: any },
  type: PatchType,
  patch: Json,
): { changed: boolean } {
  const { applyPatch } = require('./targets') as typeof import('./targets');
  const patched = applyPatch(live, type, patch);
  const obj = ctx.store.updateStatus(
    { ...live, status: (patched as { status?: unknown }).status },
    { actor: ctx.actor },
  );
  return { changed: obj.metadata.resourceVersion !== live.metadata.resourceVersion };
}

// ---------------------------------------------------------------------------------------------------
// label / annotate

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
}

interface Pairs {
  set: Map<string, string>;
  remove: string[];
}

function parsePairs(pairs: string[], kind: 'label' | 'annotation'): Pairs {
  const set = new Map<string, string>();
  const remove: string[] = [];
  if (kind === 'label') {
    // label.go parseLabels: keys are left to the API server; values are checked here
    for (const p of pairs) {
      if (p.includes('=')) {
        const parts = p.split('=');
        if (parts.length !== 2) fail(`invalid label spec: ${p}`);
        const ve = labelValueErrors(parts[1]);
        if (ve.length) fail(`invalid label value: ${JSON.stringify(p)}: ${ve.join(';')}`);
        set.set(parts[0], parts[1]);
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else fail(`unknown label spec: ${p}`);
    }
  } else {
    const invalid: string[] = [];
    for (const p of pairs) {
      if (p.includes('=')) {
        const i = p.indexOf('=');
        set.set(p.slice(0, i), p.slice(i + 1));
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else invalid.push(p);
    }
    if (invalid.length) fail(`invalid annotation format: ${invalid.join(', ')}`);
  }
  for (const r of remove)
    if (set.has(r))
      fail(
        `can not both modify and remove ${kind === 'label' ? 'a label' : 'an annotation'} in the same command`,
      );
  return { set, remove };
}

export const LABEL_FLAGS: FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'all', type: 'bool' },
  ALL_NAMESPACES_FLAG,
  { name: 'resource-version', type: 'string', default: '' },
  SELECTOR_FLAG,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  FIELD_MANAGER_FLAG,
  ...PRINT_FLAGS,
];

function splitResourcesAndPairs(args: string[], what: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  let first = true;
  for (const a of args) {
    // cmdutil.GetResourcesAndPairs: `=x` and `-` are resource arguments
    const isPair = (a.includes('=') && a[0] !== '=') || (a.endsWith('-') && a !== '-');
    if (isPair) {
      first = false;
      pairs.push(a);
    } else {
      if (!first) fail(`all resources must be specified before ${what} changes: ${a}`);
      resources.push(a);
    }
  }
  return [resources, pairs];
}

function labelOrAnnotate(ctx: Ctx, f: ParsedFlags, kind: 'label' | 'annotation'): void {
  const [resources, pairArgs] = splitResourcesAndPairs(f.args, kind);
  if (f.bool('all') && f.string('selector')) fail('cannot set --all and --selector at the same time');
  if (resources.length < 1 && !f.has('filename'))
    fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const { set, remove } = parsePairs(pairArgs, kind);
  if (set.size < 1 && remove.length < 1 && !f.bool('list')) fail(`at least one ${kind} update is required`);
  const overwrite = f.bool('overwrite');
  const dry = dryRunMode(f.string('dry-run'));
  const targets = resolveTargets(ctx, f, resources, { allowAll: true });
  const errors: Err[] = [];
  const field = kind === 'label' ? 'labels' : 'annotations';
  for (const t of targets) {
    if (t.error) {
      collect(errors, t.error);
      continue;
    }
    const live = t.obj!;
    const current: Record<string, string> = { ...((live.metadata as any)[field] ?? {}) };
    if (f.bool('list')) {
      for (const k of Object.keys(current).sort()) ctx.outln(`${k}=${current[k]}`);
      continue;
    }
    if (!overwrite) {
      const clashes = [...set].filter(([k, v]) => k in current && current[k] !== v);
      if (clashes.length) {
        if (kind === 'label') {
          collect(
            errors,
            `error: '${clashes[0][0]}' already has a value (${current[clashes[0][0]]}), and --overwrite is false`,
          );
        } else {
          collect(
            errors,
            `error: --overwrite is false but found the following declared annotation(s): ${clashes
              .map(([k]) => `'${k}' already has a value (${current[k]})`)
              .join('; ')}`,
          );
        }
        continue;
      }
    }
    const next = { ...current };
    for (const r of remove) {
      if (kind === 'label' && !(r in next)) ctx.outln(`label ${JSON.stringify(r)} not found.`);
      delete next[r];
    }
    for (const [k, v] of set) next[k] = v;
    const modified = clone(live) as KObject;
    const meta = modified.metadata as any;
    if (Object.keys(next).length) meta[field] = next;
    else delete meta[field];
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    if (changed && !dry) writePatched(ctx, live, modified);
    let msg: string;
    if (kind === 'label') {
      msg = 'not labeled';
      if (changed)
        msg = !overwrite && Object.keys(next).length < Object.keys(current).length ? 'unlabeled' : 'labeled';
    } else msg = 'annotated';
    ctx.outln(`${refOf(t)} ${msg}${dryRunSuffix(dry)}`);
  }
  finish(errors);
}

export function cmdLabel(ctx: Ctx, f: ParsedFlags): void {
  labelOrAnnotate(ctx, f, 'label');
}

export function cmdAnnotate(ctx: Ctx, f: ParsedFlags): void {
  labelOrAnnotate(ctx, f, 'annotation');
}

// ---------------------------------------------------------------------------------------------------
// cordon / uncordon

export const CORDON_FLAGS: FlagSpec[] = [SELECTOR_FLAG, DRY_RUN_FLAG];

function cordon(ctx: Ctx, f: ParsedFlags, desired: boolean, path: string): void {
  const verb = desired ? 'cordon' : 'uncordon';
  if (f.args.length === 0 && !f.has('selector'))
    throw new KubectlError(`error: USAGE: ${verb} NODE [flags]\nSee '${path} -h' for help and examples`);
  const dry = dryRunMode(f.string('dry-run'));
  const targets = resolveTargets(ctx, f, f.args.length ? ['node', ...f.args] : ['node'], {});
  const errors: Err[] = [];
  for (const t of targets) {
    if (t.error) {
      collect(errors, t.error);
      continue;
    }
    const live = t.obj!;
    const cur = !!(live as KObject & { spec?: { unschedulable?: boolean } }).spec?.unschedulable;
    if (cur === desired) {
      ctx.outln(`node/${t.name} already ${verb}ed`);
      continue;
    }
    if (!dry) patchLive(ctx, live, 'strategic', { spec: { unschedulable: desired ? true : null } });
    ctx.outln(`node/${t.name} ${verb}ed${dryRunSuffix(dry)}`);
  }
  finish(errors);
}

export function cmdCordon(ctx: Ctx, f: ParsedFlags, path: string): void {
  cordon(ctx, f, true, path);
}

export function cmdUncordon(ctx: Ctx, f: ParsedFlags, path: string): void {
  cordon(ctx, f, false, path);
}

export type { Deployment };
