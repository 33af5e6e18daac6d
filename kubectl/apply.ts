export interface ApplyResult {
  line: string;
}
export function applyObjects(): ApplyResult[] {
  return [];
}
