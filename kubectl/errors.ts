/**
 * How kubectl reports failures: every error ends the command with exit status 1 and its message on
 * stderr. `KubectlError.text` is the exact stderr text (without the trailing newline).
 */
import { ApiError, kubectlMessage } from '../engine';

export class KubectlError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
    this.name = 'KubectlError';
  }
}

/** `error: <msg>` as cmdutil.CheckErr prints a plain error. */
export function fail(msg: string): never {
  throw new KubectlError(`error: ${msg}`);
}

/** A flag or argument error that cobra follows with a usage hint. */
export function usageError(msg: string, commandPath: string): KubectlError {
  return new KubectlError(`error: ${msg}\nSee '${commandPath} --help' for usage.`);
}

/** Renders any thrown value as kubectl would print it. */
export function renderError(err: unknown, kind?: string, name?: string): string {
  if (err instanceof KubectlError) return err.text;
  if (err instanceof ApiError) return kubectlMessage(err, kind, name);
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}

/**
 * An aggregate of errors as cmdutil.CheckErr prints it: one error keeps its `error: ` prefix; several
 * print one per line, API errors as `Error from server (…): …`, others bare.
 */
export function aggregateText(errors: { text: string; api: boolean }[]): string {
  if (errors.length === 1) return errors[0].api ? errors[0].text : `error: ${errors[0].text}`;
  return errors.map((e) => e.text).join('\n');
}
