/**
 * Resolving kubectl's resource arguments (resource.Builder's ResourceTypeOrNameArgs):
 * `KIND NAME…`, `KIND1,KIND2 NAME`, `KIND/NAME…`, `all`, short names and `resource.group` forms.
 */
import { allKinds, kindFromResourceArg, type KindInfo } from '../engine';
import { fail } from './errors';

export interface ResourceRequest {
  info: KindInfo;
  /** Names in argument order; empty means "all of this kind" (a list). */
  names: string[];
}

const ALL_CATEGORY = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'StatefulSet'];

export function resolveKind(arg: string): KindInfo {
  let info = kindFromResourceArg(arg);
  if (!info) {
    // resource.version.group (deployments.v1.apps) and Kind.version.group forms
    const parts = arg.split('.');
    if (parts.length >= 3) {
      const candidate = kindFromResourceArg(`${parts[0]}.${parts.slice(2).join('.')}`);
      if (candidate && candidate.version === parts[1]) info = candidate;
    }
  }
  if (!info) fail(`the server doesn't have a resource type "${arg}"`);
  return info;
}

function resolveTypes(arg: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of arg.split(',')) {
    if (t === '') continue;
    if (t.toLowerCase() === 'all') {
      for (const k of ALL_CATEGORY) out.push(allKinds.find((i) => i.kind === k)!);
    } else out.push(resolveKind(t));
  }
  return out;
}

export const COMBINED_ARGS_ERROR =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/** Parses the positional arguments of get/describe/delete/label/… into typed requests. */
export function parseResourceArgs(args: string[]): ResourceRequest[] {
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== args.length) fail(COMBINED_ARGS_ERROR);
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (type === '' || name === '')
        fail(`arguments in resource/name form must have a single resource and name`);
      const info = resolveKind(type);
      out.push({ info, names: [name] });
    }
    return out;
  }
  if (args.length === 0) return [];
  const types = resolveTypes(args[0]);
  const names = args.slice(1);
  return types.map((info) => ({ info, names: [...names] }));
}
