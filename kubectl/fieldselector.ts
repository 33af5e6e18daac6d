/**
 * Field selectors (`--field-selector`), as the API server evaluates them: `key=value`, `key==value`,
 * `key!=value`, comma-separated (all must hold). Each kind supports only some fields
 * (`metadata.name` and `metadata.namespace` everywhere; pods: `spec.nodeName`, `status.phase`, …;
 * events: `involvedObject.*`, `reason`, `type`, …); others are rejected as the API server does:
 * `field label not supported: foo`.
 */
import type { KObject } from '../engine';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const SUPPORTED: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Namespace: ['status.phase'],
  PersistentVolumeClaim: [],
};

export class FieldSelectorError extends Error {}

/** fields.ParseSelector: `invalid selector: 'x'; can't understand 'x'` on bad syntax. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (text.trim() === '') return out;
  for (const part of splitTerms(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^([^=!]*)!=(.*)$/.exec(part))) out.push({ field: m[1].trim(), op: '!=', value: m[2] });
    else if ((m = /^([^=!]*)==(.*)$/.exec(part))) out.push({ field: m[1].trim(), op: '=', value: m[2] });
    else if ((m = /^([^=!]*)=(.*)$/.exec(part))) out.push({ field: m[1].trim(), op: '=', value: m[2] });
    else throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
  }
  return out;
}

function splitTerms(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function fieldValue(obj: KObject, kind: string, field: string): string {
  if (kind === 'Event' && field === 'source') {
    return String((obj as { source?: { component?: string } }).source?.component ?? '');
  }
  if (kind === 'Pod' && field === 'status.podIPs') {
    const ips = ((obj as { status?: { podIPs?: { ip: string }[] } }).status?.podIPs ?? []).map((p) => p.ip);
    return ips[0] ?? '';
  }
  let cur: unknown = obj;
  for (const p of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur === undefined || cur === null) {
    if (field === 'spec.unschedulable' || field === 'spec.hostNetwork') return 'false';
    if (field === 'status.replicas') return '0';
    return '';
  }
  return String(cur);
}

/** Rejects fields the kind does not support; returns the API server's message, or undefined. */
export function unsupportedField(kind: string, reqs: FieldRequirement[]): string | undefined {
  for (const r of reqs) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
    if (!(SUPPORTED[kind] ?? []).includes(r.field)) return `field label not supported: ${r.field}`;
  }
  return undefined;
}

export function matchesFields(obj: KObject, kind: string, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => {
    const v = fieldValue(obj, kind, r.field);
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}
