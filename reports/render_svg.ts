/**
 * The timeline chart of a scenario, as inline SVG (no script, no external resources).
 *
 * One panel per workload, sharing one time axis:
 *  - Deployment: pods per ReplicaSet (stacked, one colour per revision), the pod total, available
 *    pods, the maxUnavailable floor and the maxSurge ceiling;
 *  - StatefulSet: pods and ready pods, and one lane per ordinal coloured by the pod's state, with a
 *    strip in the colour of its revision;
 *  - ReplicaSet: pods, ready and available pods against the desired count.
 * Step boundaries are vertical lines numbered by step; a failed assertion is a red line at the
 * instant it broke.
 *
 * The time axis is piecewise: the stretch between two step boundaries gets a width growing with the
 * logarithm of its duration (ln(1 + seconds)), linear inside, so a 10-minute wait does not squash a
 * 5-second rollout next to it (the rollout gets a fifth of the width).
 */
import { formatMs } from '../engine/runtime/runtime';
import type { OrdinalState, ScenarioTimeline, Workload, WorkloadPoint } from './timeline';

export const WIDTH = 960;
const LEFT = 120;
const RIGHT = 24;
const PLOT = WIDTH - LEFT - RIGHT;
const AXIS_TOP = 34;

export const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#72b7b2',
  '#b279a2',
  '#9d755d',
  '#e45756',
  '#54a24b',
  '#bab0ac',
];
export const COLORS = {
  pods: '#1f3b57',
  available: '#2e9d5b',
  ready: '#2e9d5b',
  floor: '#d64545',
  ceiling: '#e08a00',
  desired: '#6b7a8f',
  terminating: '#9aa5b4',
  step: '#c3cad4',
  fail: '#d0312d',
  grid: '#eef1f5',
  text: '#3d4a5c',
};
export const STATE_COLORS: Record<OrdinalState, string> = {
  ready: '#2e9d5b',
  running: '#f0b429',
  pending: '#c9d3df',
  terminating: '#8a94a6',
  failed: '#d64545',
};

/** Fixed-precision numbers, so the SVG is byte-identical from run to run. */
function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Piecewise time axis over the step boundaries. */
export class TimeAxis {
  private readonly cuts: number[];
  private readonly cum: number[];
  private readonly total: number;

  constructor(times: number[], end: number) {
    const cuts = [...new Set([0, end, ...times.filter((t) => t >= 0 && t <= end)])].sort((a, b) => a - b);
    this.cuts = cuts;
    this.cum = [0];
    for (let i = 1; i < cuts.length; i++)
      this.cum.push(this.cum[i - 1] + Math.log1p((cuts[i] - cuts[i - 1]) / 1000));
    this.total = this.cum[this.cum.length - 1];
  }

  x(t: number): number {
    if (this.total === 0) return LEFT + PLOT / 2;
    const c = this.cuts;
    if (t <= c[0]) return LEFT;
    if (t >= c[c.length - 1]) return LEFT + PLOT;
    let i = 1;
    while (c[i] < t) i++;
    const f = (t - c[i - 1]) / (c[i] - c[i - 1]);
    const w = this.cum[i - 1] + (this.cum[i] - this.cum[i - 1]) * f;
    return LEFT + (PLOT * w) / this.total;
  }

  get boundaries(): readonly number[] {
    return this.cuts;
  }
}

/** A step line (value held until the next point) through points; `end` extends the last value. */
function stepPath(
  points: { t: number; v: number }[],
  axis: TimeAxis,
  y: (v: number) => number,
  end: number,
): string {
  if (!points.length) return '';
  let d = `M${n(axis.x(points[0].t))},${n(y(points[0].v))}`;
  for (let i = 1; i < points.length; i++) {
    const x = n(axis.x(points[i].t));
    d += `H${x}V${n(y(points[i].v))}`;
  }
  d += `H${n(axis.x(end))}`;
  return d;
}

interface Panel {
  height: number;
  body: (top: number) => string;
  legend: { color: string; label: string; dash?: boolean; line?: boolean }[];
  title: string;
}

function yScale(top: number, height: number, max: number): (v: number) => number {
  return (v: number) => top + height - (height * v) / Math.max(max, 1);
}

function gridLines(top: number, height: number, max: number): string {
  const step = max <= 6 ? 1 : max <= 12 ? 2 : max <= 30 ? 5 : max <= 60 ? 10 : Math.ceil(max / 60) * 10;
  const y = yScale(top, height, max);
  let s = '';
  for (let v = 0; v <= max; v += step) {
    s += `<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${COLORS.grid}"/>`;
    s += `<text x="${LEFT - 6}" y="${n(y(v) + 3.5)}" text-anchor="end" class="tick">${v}</text>`;
  }
  return s;
}

function series(points: WorkloadPoint[], pick: (p: WorkloadPoint) => number | undefined) {
  return points.filter((p) => pick(p) !== undefined).map((p) => ({ t: p.t, v: pick(p)! }));
}

/** Stacked areas of the groups' pod counts (the last value at each instant). */
function stackedGroups(w: Workload, axis: TimeAxis, y: (v: number) => number, end: number): string {
  const times = [...new Set(w.groups.flatMap((g) => g.points.map((p) => p.t)))].sort((a, b) => a - b);
  if (!times.length) return '';
  const valueAt = (g: Workload['groups'][number], t: number) => {
    let v = 0;
    for (const p of g.points) if (p.t <= t) v = p.pods;
    return v;
  };
  const levels = times.map((t) => {
    let acc = 0;
    return w.groups.map((g) => (acc += valueAt(g, t)));
  });
  let out = '';
  w.groups.forEach((g, gi) => {
    const color = PALETTE[gi % PALETTE.length];
    const upper = times.map((t, i) => ({ t, v: levels[i][gi] }));
    const lower = times.map((t, i) => ({ t, v: gi === 0 ? 0 : levels[i][gi - 1] }));
    let d = `M${n(axis.x(upper[0].t))},${n(y(lower[0].v))}V${n(y(upper[0].v))}`;
    for (let i = 1; i < upper.length; i++) d += `H${n(axis.x(upper[i].t))}V${n(y(upper[i].v))}`;
    d += `H${n(axis.x(end))}V${n(y(lower[lower.length - 1].v))}`;
    for (let i = lower.length - 1; i >= 1; i--) d += `H${n(axis.x(lower[i].t))}V${n(y(lower[i - 1].v))}`;
    d += 'Z';
    out += `<path d="${d}" fill="${color}" fill-opacity="0.28" stroke="none"><title>${esc(groupLabel(g))}</title></path>`;
  });
  return out;
}

function groupLabel(g: Workload['groups'][number]): string {
  return g.revision !== undefined ? `${g.name} (rev ${g.revision})` : g.name;
}

/** A step line of one value of the workload's points. */
function seriesLine(
  points: WorkloadPoint[],
  pick: (p: WorkloadPoint) => number | undefined,
  scale: { axis: TimeAxis; y: (v: number) => number; end: number },
  color: string,
  width: number,
  dash = false,
  label = '',
): string {
  return line(stepPath(series(points, pick), scale.axis, scale.y, scale.end), color, width, dash, label);
}

function line(d: string, color: string, width: number, dash = false, label = ''): string {
  if (!d) return '';
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}"${dash ? ' stroke-dasharray="6 4"' : ''} stroke-linejoin="round">${label ? `<title>${esc(label)}</title>` : ''}</path>`;
}

function deploymentPanel(w: Workload, axis: TimeAxis, end: number): Panel {
  const height = 120;
  const max = Math.max(
    1,
    ...w.points.map((p) => Math.max(p.pods + p.terminating, p.ceiling ?? 0, p.desired)),
    ...w.groups.flatMap((g) => g.points.map((p) => p.pods)),
  );
  const legend: Panel['legend'] = w.groups.map((g, i) => ({
    color: PALETTE[i % PALETTE.length],
    label: groupLabel(g),
  }));
  legend.push({ color: COLORS.pods, label: 'pods', line: true });
  legend.push({ color: COLORS.available, label: 'available', line: true });
  const rolling = w.points.some((p) => p.floor !== undefined);
  if (rolling) {
    legend.push({ color: COLORS.ceiling, label: 'replicas + maxSurge', dash: true });
    legend.push({ color: COLORS.floor, label: 'replicas − maxUnavailable', dash: true });
  } else legend.push({ color: COLORS.desired, label: 'replicas', dash: true });
  if (w.points.some((p) => p.terminating > 0))
    legend.push({ color: COLORS.terminating, label: 'incl. terminating', line: true });
  return {
    height,
    title: `deployment/${w.name}${w.strategy ? ` · ${w.strategy}` : ''}`,
    legend,
    body: (top) => {
      const y = yScale(top, height, max);
      let s = gridLines(top, height, max);
      s += stackedGroups(w, axis, y, end);
      if (w.points.some((p) => p.terminating > 0))
        s += seriesLine(
          w.points,
          (p) => p.pods + p.terminating,
          { axis, y, end },
          COLORS.terminating,
          1.2,
          false,
          'pods incl. terminating',
        );
      s += seriesLine(w.points, (p) => p.pods, { axis, y, end }, COLORS.pods, 1.8, false, 'pods');
      s += seriesLine(
        w.points,
        (p) => p.available,
        { axis, y, end },
        COLORS.available,
        2.6,
        false,
        'available pods',
      );
      // The bounds go on top: where a count runs along a bound, the dashes stay visible.
      if (rolling) {
        s += seriesLine(
          w.points,
          (p) => p.ceiling,
          { axis, y, end },
          COLORS.ceiling,
          1.6,
          true,
          'replicas + maxSurge',
        );
        s += seriesLine(
          w.points,
          (p) => p.floor,
          { axis, y, end },
          COLORS.floor,
          1.6,
          true,
          'replicas − maxUnavailable',
        );
      } else
        s += seriesLine(w.points, (p) => p.desired, { axis, y, end }, COLORS.desired, 1.5, true, 'replicas');
      return s;
    },
  };
}

function replicaSetPanel(w: Workload, axis: TimeAxis, end: number): Panel {
  const height = 96;
  const max = Math.max(1, ...w.points.map((p) => Math.max(p.pods + p.terminating, p.desired)));
  const legend: Panel['legend'] = [
    { color: COLORS.desired, label: 'replicas', dash: true },
    { color: COLORS.pods, label: 'pods', line: true },
    { color: COLORS.available, label: 'available', line: true },
  ];
  if (w.points.some((p) => p.terminating > 0))
    legend.push({ color: COLORS.terminating, label: 'incl. terminating', line: true });
  return {
    height,
    title: `replicaset/${w.name}`,
    legend,
    body: (top) => {
      const y = yScale(top, height, max);
      let s = gridLines(top, height, max);
      if (w.points.some((p) => p.terminating > 0))
        s += seriesLine(
          w.points,
          (p) => p.pods + p.terminating,
          { axis, y, end },
          COLORS.terminating,
          1.2,
          false,
          'pods incl. terminating',
        );
      s += seriesLine(w.points, (p) => p.pods, { axis, y, end }, COLORS.pods, 1.8, false, 'pods');
      s += seriesLine(
        w.points,
        (p) => p.available,
        { axis, y, end },
        COLORS.available,
        2.6,
        false,
        'available pods',
      );
      s += seriesLine(w.points, (p) => p.desired, { axis, y, end }, COLORS.desired, 1.5, true, 'replicas');
      return s;
    },
  };
}

const LANE = 18;

function statefulSetPanel(w: Workload, axis: TimeAxis, end: number): Panel {
  const counts = 72;
  const lanes = w.ordinals ?? [];
  const height = counts + 10 + lanes.length * LANE;
  const max = Math.max(1, ...w.points.map((p) => Math.max(p.pods + p.terminating, p.desired)));
  const revisions = w.groups.map((g) => g.name);
  const legend: Panel['legend'] = [
    { color: COLORS.desired, label: 'replicas', dash: true },
    { color: COLORS.pods, label: 'pods', line: true },
    { color: COLORS.ready, label: 'ready', line: true },
    { color: STATE_COLORS.ready, label: 'Ready' },
    { color: STATE_COLORS.running, label: 'Running, not ready' },
    { color: STATE_COLORS.pending, label: 'Pending' },
    { color: STATE_COLORS.terminating, label: 'Terminating' },
  ];
  if (lanes.some((l) => l.spans.some((s) => s.state === 'failed')))
    legend.push({ color: STATE_COLORS.failed, label: 'Failed' });
  w.groups.forEach((g, i) =>
    legend.push({ color: PALETTE[i % PALETTE.length], label: `revision ${groupLabel(g)}`, line: true }),
  );
  return {
    height,
    title: `statefulset/${w.name}${w.strategy ? ` · ${w.strategy}` : ''}`,
    legend,
    body: (top) => {
      const y = yScale(top, counts, max);
      let s = gridLines(top, counts, max);
      s += seriesLine(w.points, (p) => p.pods, { axis, y, end }, COLORS.pods, 1.8, false, 'pods');
      s += seriesLine(w.points, (p) => p.ready, { axis, y, end }, COLORS.ready, 2.6, false, 'ready pods');
      s += seriesLine(w.points, (p) => p.desired, { axis, y, end }, COLORS.desired, 1.5, true, 'replicas');
      lanes.forEach((lane, li) => {
        const ly = top + counts + 10 + li * LANE;
        s += `<text x="${LEFT - 6}" y="${n(ly + 12)}" text-anchor="end" class="lane">${esc(`${w.name}-${lane.ordinal}`)}</text>`;
        s += `<rect x="${LEFT}" y="${n(ly + 2)}" width="${PLOT}" height="${LANE - 4}" fill="#f7f9fb"/>`;
        for (const span of lane.spans) {
          const x1 = axis.x(span.from);
          const x2 = Math.max(axis.x(span.to), x1 + 1);
          const rev = span.revision !== undefined ? revisions.indexOf(span.revision) : -1;
          const label = `${w.name}-${lane.ordinal}: ${span.state}${span.revision ? ` (${span.revision})` : ''}, ${formatMs(span.from)}–${formatMs(span.to)}`;
          s += `<g><title>${esc(label)}</title><rect x="${n(x1)}" y="${n(ly + 2)}" width="${n(x2 - x1)}" height="${LANE - 4}" fill="${STATE_COLORS[span.state]}" rx="2"/>`;
          if (rev >= 0)
            s += `<rect x="${n(x1)}" y="${n(ly + 2)}" width="${n(x2 - x1)}" height="3" fill="${PALETTE[rev % PALETTE.length]}"/>`;
          s += '</g>';
        }
      });
      return s;
    },
  };
}

/** The legend, wrapped into rows that fit the plot's width; `top` is the first row's baseline. */
function legend(items: Panel['legend'], top: number): { svg: string; rows: number } {
  let x = LEFT;
  let row = 0;
  let s = '';
  for (const it of items) {
    const w = 28 + it.label.length * 6.2;
    if (x + w > WIDTH - RIGHT && x > LEFT) {
      row++;
      x = LEFT;
    }
    const y = top + row * 16;
    if (it.line || it.dash)
      s += `<line x1="${n(x)}" x2="${n(x + 16)}" y1="${n(y - 4)}" y2="${n(y - 4)}" stroke="${it.color}" stroke-width="${it.dash ? 1.5 : 2.5}"${it.dash ? ' stroke-dasharray="5 3"' : ''}/>`;
    else
      s += `<rect x="${n(x)}" y="${n(y - 9)}" width="16" height="10" rx="2" fill="${it.color}"${PALETTE.includes(it.color) ? ' fill-opacity="0.45"' : ''}/>`;
    s += `<text x="${n(x + 20)}" y="${n(y)}" class="legend">${esc(it.label)}</text>`;
    x += w;
  }
  return { svg: s, rows: row + 1 };
}

/** Groups steps that share a start instant: [time, step numbers]. */
function stepMarks(t: ScenarioTimeline): { time: number; steps: { index: number; text: string }[] }[] {
  const by = new Map<number, { index: number; text: string }[]>();
  for (const s of t.steps) {
    const list = by.get(s.start) ?? [];
    list.push({ index: s.index, text: s.text });
    by.set(s.start, list);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([time, steps]) => ({ time, steps }));
}

function range(nums: number[]): string {
  const sorted = [...nums].sort((a, b) => a - b);
  return sorted.length > 1 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : String(sorted[0]);
}

/** Whether a timeline has anything to chart. */
export function hasChart(t: ScenarioTimeline | undefined): t is ScenarioTimeline {
  return !!t && t.workloads.length > 0;
}

/** The chart of one scenario's timeline (empty string when it has no workloads). */
export function timelineSvg(t: ScenarioTimeline, label: string): string {
  if (!hasChart(t)) return '';
  const marks = stepMarks(t);
  const axis = new TimeAxis(
    [...t.steps.flatMap((s) => [s.start, s.end]), ...(t.failure ? [t.failure.time] : [])],
    t.end,
  );
  const panels = t.workloads.map((w) =>
    w.kind === 'Deployment'
      ? deploymentPanel(w, axis, t.end)
      : w.kind === 'StatefulSet'
        ? statefulSetPanel(w, axis, t.end)
        : replicaSetPanel(w, axis, t.end),
  );
  let y = AXIS_TOP + 8;
  let body = '';
  for (const p of panels) {
    body += `<text x="${LEFT}" y="${n(y + 12)}" class="panel">${esc(p.title)}</text>`;
    const l = legend(p.legend, y + 30);
    body += l.svg;
    const top = y + 40 + (l.rows - 1) * 16;
    body += p.body(top);
    y = top + p.height + 22;
  }
  const bottom = y - 8;
  const height = bottom + 26;

  let axisSvg = '';
  let lastLabel = -Infinity;
  for (const b of axis.boundaries) {
    const x = axis.x(b);
    if (x - lastLabel >= 46) {
      const anchor = x <= LEFT + 1 ? 'start' : x >= LEFT + PLOT - 1 ? 'end' : 'middle';
      axisSvg += `<text x="${n(x)}" y="${n(bottom + 16)}" text-anchor="${anchor}" class="tick">${esc(b === 0 ? '0' : formatMs(b))}</text>`;
      lastLabel = x;
    }
  }
  axisSvg += `<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${n(bottom)}" y2="${n(bottom)}" stroke="#9aa5b4"/>`;
  axisSvg += `<text x="${LEFT - 14}" y="${n(bottom + 16)}" text-anchor="end" class="tick">virtual time</text>`;

  let stepsSvg = '';
  let lastMark = -Infinity;
  for (const m of marks) {
    const x = axis.x(m.time);
    const text = m.steps.map((s) => `${s.index + 1}. ${s.text}`).join('\n');
    stepsSvg += `<g class="step"><title>${esc(`${formatMs(m.time)}\n${text}`)}</title>`;
    stepsSvg += `<line x1="${n(x)}" x2="${n(x)}" y1="${AXIS_TOP - 6}" y2="${n(bottom)}" stroke="${COLORS.step}" stroke-dasharray="2 3"/>`;
    if (x - lastMark >= 22) {
      stepsSvg += `<text x="${n(x)}" y="${AXIS_TOP - 10}" text-anchor="middle" class="stepno">${range(m.steps.map((s) => s.index + 1))}</text>`;
      lastMark = x;
    }
    stepsSvg += '</g>';
  }
  stepsSvg += `<text x="${LEFT - 14}" y="${AXIS_TOP - 10}" text-anchor="end" class="tick">step</text>`;

  let failSvg = '';
  if (t.failure) {
    const x = axis.x(t.failure.time);
    const what = `step ${t.failure.step + 1} failed at ${formatMs(t.failure.time)}${t.failure.change ? ` (after ${t.failure.change})` : ''}`;
    failSvg += `<g class="failure"><title>${esc(`${what}\n${t.failure.message}`)}</title>`;
    failSvg += `<line x1="${n(x)}" x2="${n(x)}" y1="${AXIS_TOP - 4}" y2="${n(bottom)}" stroke="${COLORS.fail}" stroke-width="2"/>`;
    failSvg += `<path d="M${n(x - 6)},${AXIS_TOP - 4}L${n(x + 6)},${AXIS_TOP - 4}L${n(x)},${AXIS_TOP + 6}Z" fill="${COLORS.fail}"/>`;
    // The label says which step and when; the change that broke it is in the tooltip when it does not fit.
    const short = `step ${t.failure.step + 1} failed at ${formatMs(t.failure.time)}`;
    const anchor = x > LEFT + PLOT / 2 ? 'end' : 'start';
    const room = (anchor === 'end' ? x - LEFT : LEFT + PLOT - x) - 12;
    const label = what.length * 6.3 <= room ? what : short;
    failSvg += `<text x="${n(anchor === 'end' ? x - 8 : x + 8)}" y="${AXIS_TOP + 8}" text-anchor="${anchor}" class="failtext">${esc(label)}</text>`;
    failSvg += '</g>';
  }

  return (
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-label="${esc(`Timeline of ${label}`)}">` +
    `<style>.tick{font:11px system-ui,sans-serif;fill:${COLORS.text}}.legend{font:11px system-ui,sans-serif;fill:${COLORS.text}}.panel{font:600 12.5px system-ui,sans-serif;fill:#1b2636}.lane{font:11px ui-monospace,monospace;fill:${COLORS.text}}.stepno{font:600 10.5px system-ui,sans-serif;fill:#6b7a8f}.failtext{font:600 11px system-ui,sans-serif;fill:${COLORS.fail}}</style>` +
    stepsSvg +
    body +
    axisSvg +
    failSvg +
    '</svg>'
  );
}
