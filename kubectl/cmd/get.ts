/**
 * `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): tables grouped by kind with a blank
 * line between groups, names prefixed with the kind when several kinds print, `No resources found in
 * <ns> namespace.` on stderr when nothing printed, NotFound errors after the output; `-o
 * name|json|yaml|jsonpath|custom-columns` print one object for a single named get, else a List.
 */
import type { KObject } from '../../engine';
import type { Ctx, Obj } from '../context';
import { aggregateText, fail, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { isTableOutput, parseOutput, printGeneric, printTable, sortObjects, asList } from '../printers';
import { parseResourceArgs, type ResourceRequest } from '../resources';
import { TabWriter } from '../tabwriter';
import {
  ALL_NAMESPACES_FLAG,
  ALLOW_MISSING_FLAG,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAG,
  KUSTOMIZE_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  labelSelector,
  listObjects,
  notFoundText,
} from './common';
import { readManifestArgs } from './files';

export const GET_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  FIELD_SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  TEMPLATE_FLAG,
  ALLOW_MISSING_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  { name: 'show-labels', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'stringSlice' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'raw', type: 'string', default: '' },
  { name: 'subresource', type: 'string', default: '' },
];

const NO_RESOURCE_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

interface Found {
  request: ResourceRequest;
  objects: Obj[];
}

export function cmdGet(ctx: Ctx, f: ParsedFlags): void {
  const args = f.args;
  const files = f.strings('filename');
  if (files.length && args.length)
    fail('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  if (!files.length && args.length === 0) throw new KubectlError(NO_RESOURCE_TYPE);
  const output = parseOutput(f.string('output'), true);
  const selector = labelSelector(f.string('selector'));
  const fieldSelector = f.string('field-selector');
  const allNamespaces = f.bool('all-namespaces');
  const ignoreNotFound = f.bool('ignore-not-found');

  let requests: ResourceRequest[];
  if (files.length) {
    requests = readManifestArgs(ctx, files, f.bool('recursive')).map((m) => ({
      info: m.info,
      names: [m.object.metadata?.name ?? ''],
      namespace: m.object.metadata?.namespace,
    }));
  } else {
    requests = parseResourceArgs(args);
  }
  const named = requests.some((r) => r.names.length > 0);
  if (named && selector) fail('name cannot be provided when a selector is specified');
  if (named && allNamespaces && !files.length)
    fail('a resource cannot be retrieved by name across all namespaces');

  const errors: { text: string; api: boolean }[] = [];
  const found: Found[] = [];
  for (const req of requests) {
    const ns = (req as ResourceRequest & { namespace?: string }).namespace ?? ctx.namespace;
    if (req.names.length === 0) {
      const objects = listObjects(ctx, req.info, {
        namespace: allNamespaces ? undefined : ns,
        selector,
        selectorText: f.string('selector'),
        fieldSelector,
      });
      found.push({ request: req, objects });
    } else {
      const objects: Obj[] = [];
      for (const name of req.names) {
        const obj = ctx.store.get(req.info.kind, ns, name);
        if (obj) objects.push(obj);
        else if (!ignoreNotFound) errors.push({ text: notFoundText(req.info.kind, name), api: true });
      }
      found.push({ request: req, objects });
    }
  }

  const sortBy = f.string('sort-by');
  if (isTableOutput(output)) {
    const kinds = new Set(found.map((x) => x.request.info.kind));
    const showKind = f.bool('show-kind') || kinds.size > 1;
    let all = found.flatMap((x) => x.objects);
    if (sortBy) all = sortObjects(all, sortBy);
    const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
    let text = '';
    let i = 0;
    while (i < all.length) {
      let j = i;
      while (j < all.length && all[j].kind === all[i].kind) j++;
      w.resetRememberedWidths();
      printTable(w, all[i].kind, all.slice(i, j), ctx.now, {
        wide: output.format === 'wide',
        allNamespaces,
        showLabels: f.bool('show-labels'),
        labelColumns: f.strings('label-columns'),
        noHeaders: f.bool('no-headers'),
        showKind,
      });
      const chunk = w.flush();
      if (chunk) {
        if (text && !f.bool('no-headers')) text += '\n';
        text += chunk;
      }
      i = j;
    }
    ctx.out(text);
    if (text === '' && !ignoreNotFound && errors.length === 0) {
      const allNamespaced = !allNamespaces && requests.every((r) => r.info.namespaced);
      ctx.errln(allNamespaced ? `No resources found in ${ctx.namespace} namespace.` : 'No resources found');
    }
  } else {
    let all: KObject[] = found.flatMap((x) => x.objects);
    const single = requests.length === 1 && requests[0].names.length === 1 && !files.length;
    const singleFile = files.length > 0 && requests.length === 1;
    if (sortBy) all = sortObjects(all, sortBy);
    try {
      if ((single || singleFile) && all.length === 1)
        ctx.out(printGeneric(all[0], output, f.bool('no-headers')));
      else if (!((single || singleFile) && all.length === 0))
        ctx.out(printGeneric(asList(all), output, f.bool('no-headers')));
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      errors.push({ text: e.text.replace(/^error: /, ''), api: false });
    }
  }
  if (errors.length) throw new KubectlError(aggregateText(errors));
}
