import { kindInfo, qualifiedResource } from './kinds';

/** One cause of an Invalid error, as the API server's field.Error renders it. */
export interface FieldError {
  /** e.g. `spec.strategy.rollingUpdate.maxUnavailable` */
  field: string;
  /** `Invalid value`, `Required value`, `Unsupported value`, `Forbidden`, `Duplicate value`, `Too long`… */
  type: FieldErrorType;
  /** The offending value, rendered as the API server renders it; absent for Required/Forbidden. */
  value?: unknown;
  detail?: string;
  /** For Unsupported value: the allowed values. */
  supported?: string[];
}

export type FieldErrorType =
  | 'Invalid value'
  | 'Required value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Too long'
  | 'Too many'
  | 'Not found';

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden';

const codes: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
};

/** An error as the API server returns it (a metav1.Status with a reason and a message). */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = codes[reason];
  }
}

/** Renders a Go-style value as field.Error does (%#v of strings is quoted; numbers bare). */
export function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
export function formatFieldError(e: FieldError): string {
  switch (e.type) {
    case 'Required value':
    case 'Forbidden':
    case 'Too long':
      return `${e.field}: ${e.type}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Unsupported value': {
      const supported = e.supported?.length
        ? `: supported values: ${e.supported.map((s) => `"${s}"`).join(', ')}`
        : '';
      return `${e.field}: Unsupported value: ${renderValue(e.value)}${supported}`;
    }
    default:
      return `${e.field}: ${e.type}: ${renderValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

/**
 * `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be …`; several causes are
 * joined as the API server joins an aggregate: `[cause1, cause2]`.
 */
export function invalidError(kind: string, name: string, causes: FieldError[]): ApiError {
  const info = kindInfo(kind);
  const qualifiedKind = info.group ? `${kind}.${info.group}` : kind;
  // field.ErrorList.ToAggregate drops causes whose message repeats an earlier one.
  const list = [...new Set(causes.map(formatFieldError))];
  const body = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`, causes);
}

export function notFound(kind: string, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(kindInfo(kind))} "${name}" not found`);
}

export function alreadyExists(kind: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedResource(kindInfo(kind))} "${name}" already exists`);
}

export function conflict(kind: string, name: string): ApiError {
  return new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(kindInfo(kind))} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

/**
 * kubectl's rendering of an API error: `Error from server (NotFound): …`; for Invalid with causes,
 * `The Deployment "web" is invalid: <cause>` or, with several, a bulleted list (as
 * `cmdutil.StandardErrorMessage` prints them).
 */
export function kubectlMessage(err: ApiError, kind?: string, name?: string): string {
  if (err.reason === 'Invalid' && kind && name && err.causes.length > 0) {
    if (err.causes.length === 1)
      return `The ${kind} "${name}" is invalid: ${formatFieldError(err.causes[0])}`;
    return `The ${kind} "${name}" is invalid: \n${err.causes.map((c) => `* ${formatFieldError(c)}`).join('\n')}`;
  }
  return `Error from server (${err.reason}): ${err.message}`;
}
