/** `kubectl apply -f` and `kubectl create -f` over kubectl/apply.ts. */
import { applyObjects, createObjects, type ApplyResult } from '../apply';
import type { Ctx } from '../context';
import { aggregateText, fail, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import {
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  RECORD_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  PRINT_FLAGS,
} from './common';
import { readManifestArgs } from './files';

export const APPLY_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  FIELD_MANAGER_FLAG,
  RECORD_FLAG,
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'force', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'prune', type: 'bool' },
  { name: 'wait', type: 'bool' },
  { name: 'timeout', type: 'duration' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'all', type: 'bool' },
  ...PRINT_FLAGS,
];

export const CREATE_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  FIELD_MANAGER_FLAG,
  RECORD_FLAG,
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'edit', type: 'bool' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'raw', type: 'string', default: '' },
  ...PRINT_FLAGS,
];

export function dryRunMode(value: string): 'client' | 'server' | undefined {
  switch (value) {
    case 'none':
    case 'false':
      return undefined;
    case 'client':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
  }
  fail(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

function report(ctx: Ctx, results: ApplyResult[], output: string): void {
  const errors: { text: string; api: boolean }[] = [];
  for (const r of results) {
    if (r.warning) ctx.errln(r.warning);
    if (r.error) {
      const plain = r.error.startsWith('error: ');
      errors.push({ text: plain ? r.error.slice(7) : r.error, api: !plain });
    } else if (r.line) {
      ctx.outln(
        output === 'name'
          ? r.line.replace(/ (created|configured|unchanged)( \((server )?dry run\))?$/, '')
          : r.line,
      );
    }
  }
  if (errors.length) throw new KubectlError(aggregateText(errors));
}

export function cmdApply(ctx: Ctx, f: ParsedFlags): void {
  const files = f.strings('filename');
  if (files.length === 0 && !f.string('kustomize')) fail('must specify one of -f and -k');
  if (f.args.length) fail(`Unexpected args: [${f.args.join(' ')}]`);
  if (f.bool('server-side')) fail('--server-side is not supported by kube-scenario; use client-side apply');
  const output = f.string('output');
  if (output && output !== 'name')
    fail(`--output ${output} is not supported by kube-scenario apply (use -o name)`);
  const dry = dryRunMode(f.string('dry-run'));
  const manifests = readManifestArgs(ctx, files, f.bool('recursive'), 'apply');
  const results: ApplyResult[] = [];
  for (const m of manifests) {
    results.push(
      ...applyObjects(ctx.cluster, [m.object], {
        source: m.source,
        namespace: ctx.namespace,
        enforceNamespace: ctx.explicitNamespace,
        actor: ctx.opts.actor ?? 'kubectl-client-side-apply',
        dryRun: dry,
      }),
    );
  }
  report(ctx, results, output);
}

export function cmdCreate(ctx: Ctx, f: ParsedFlags): void {
  const files = f.strings('filename');
  if (f.args.length) fail(`Unexpected args: [${f.args.join(' ')}]`);
  if (files.length === 0 && !f.string('kustomize')) fail('must specify one of -f and -k');
  const output = f.string('output');
  if (output && output !== 'name')
    fail(`--output ${output} is not supported by kube-scenario create (use -o name)`);
  const dry = dryRunMode(f.string('dry-run'));
  const manifests = readManifestArgs(ctx, files, f.bool('recursive'), 'create');
  const results: ApplyResult[] = [];
  for (const m of manifests) {
    results.push(
      ...createObjects(ctx.cluster, [m.object], {
        source: m.source,
        namespace: ctx.namespace,
        enforceNamespace: ctx.explicitNamespace,
        actor: ctx.opts.actor ?? 'kubectl-create',
        dryRun: dry,
        saveConfig: f.bool('save-config'),
      }),
    );
  }
  report(ctx, results, output);
}
