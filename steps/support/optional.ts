/**
 * Modules other engineers are still writing (kubectl/, engine/kubelet/status.ts, engine/dns). The
 * steps load them when they exist, so the step library works before and after they land; each
 * loader becomes a plain import once its module is in.
 */
import * as path from 'node:path';

function load(rel: string): Record<string, unknown> | undefined {
  try {
    return require(path.join(__dirname, rel)) as Record<string, unknown>;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(path.basename(rel))) return undefined;
    throw err;
  }
}

/** An export of an optional module, or undefined while it has not landed. */
export function optionalExport<T>(rel: string, name: string): T | undefined {
  const m = load(rel);
  return m && typeof m[name] === 'function' ? (m[name] as T) : undefined;
}
