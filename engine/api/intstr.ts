/**
 * IntOrString as used by maxSurge/maxUnavailable: `intstr.GetScaledValueFromIntOrPercent`.
 * A percent is `^[0-9]+%$`; roundUp chooses ceil or floor of `percent * total / 100`.
 */
export type IntOrString = number | string;

export function isPercent(v: IntOrString): v is string {
  return typeof v === 'string' && /^[0-9]+%$/.test(v);
}

export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (!isPercent(v))
    throw new Error(
      `invalid value for IntOrString: invalid value "${v}": must be an integer or a percentage`,
    );
  const pct = parseInt(v.slice(0, -1), 10);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
