/**
 * The {quoted} parameter: `\"` is a double quote and `\\` a backslash; every other backslash stays
 * as written, so kubectl's escaped JSONPath keys (`deployment\.kubernetes\.io`) arrive unchanged.
 */
export const QUOTED = /"((?:[^"\\]|\\.)*)"/;

export function unquote(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}
