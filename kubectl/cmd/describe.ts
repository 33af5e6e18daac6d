/**
 * `kubectl describe` (cmd/describe/describe.go): objects by name, by `-l`, or all of a kind; a name
 * that matches nothing is retried as a prefix of the kind's objects; descriptions are separated by
 * a blank line.
 */
import type { Ctx, Obj } from '../context';
import { describeObject } from '../describe';
import { fail, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { parseResourceArgs } from '../resources';
import {
  ALL_NAMESPACES_FLAG,
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  labelSelector,
  listObjects,
  notFoundText,
} from './common';
import { readManifestArgs } from './files';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  { name: 'show-events', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
];

export function cmdDescribe(ctx: Ctx, f: ParsedFlags): void {
  const files = f.strings('filename');
  if (f.args.length === 0 && files.length === 0)
    fail(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  const selector = labelSelector(f.string('selector'));
  const allNamespaces = f.bool('all-namespaces');
  const objs: Obj[] = [];
  const errors: string[] = [];
  if (files.length) {
    for (const m of readManifestArgs(ctx, files, f.bool('recursive'))) {
      const o = ctx.store.get(
        m.info.kind,
        m.object.metadata?.namespace ?? ctx.namespace,
        m.object.metadata?.name ?? '',
      );
      if (o) objs.push(o);
      else errors.push(notFoundText(m.info.kind, m.object.metadata?.name ?? ''));
    }
  } else {
    const reqs = parseResourceArgs(f.args);
    for (const req of reqs) {
      if (req.names.length === 0) {
        objs.push(
          ...listObjects(ctx, req.info, { namespace: allNamespaces ? undefined : ctx.namespace, selector }),
        );
        continue;
      }
      for (const name of req.names) {
        const o = ctx.store.get(req.info.kind, ctx.namespace, name);
        if (o) {
          objs.push(o);
          continue;
        }
        // kubectl describe TYPE NAME_PREFIX
        if (f.args.length === 2 && !f.args[0].includes(',') && !f.args[1].includes('/')) {
          const matches = listObjects(ctx, req.info, { namespace: ctx.namespace }).filter((x) =>
            x.metadata.name.startsWith(name),
          );
          if (matches.length) {
            for (const m of matches) ctx.out(describeObject(ctx, m) + '\n');
            return;
          }
        }
        errors.push(notFoundText(req.info.kind, name));
      }
    }
  }
  let first = true;
  for (const o of objs) {
    const s = describeObject(ctx, o);
    if (first) {
      ctx.out(s);
      first = false;
    } else ctx.out(`\n\n${s}`);
  }
  if (objs.length === 0 && errors.length === 0) {
    ctx.errln(allNamespaces ? 'No resources found' : `No resources found in ${ctx.namespace} namespace.`);
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
}
