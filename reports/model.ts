/**
 * The report model: a pure function of cucumber's message stream, the behaviour catalogue and the
 * fuzz campaign results. Renderers (HTML, JUnit, JSON) read only this model.
 *
 * Deterministic: nothing of cucumber's random ids, wall-clock timestamps, durations or machine
 * description gets into the model, unless `wallClock` is asked for (then in its own section).
 * Features sort by path, scenarios by line, so a parallel run gives the same report as a serial one.
 */
import type { Catalogue, ConformanceEntry } from './catalogue';
import { behaviourIds, BEHAVIOUR_TAG_PREFIX } from './catalogue';
import type { FuzzCampaign, FuzzFile } from './fuzz';
import type {
  Envelope,
  GherkinChild,
  GherkinDocument,
  GherkinStep,
  Pickle,
  StatusName,
  TestCase,
  TestStepResult,
  Timestamp,
} from './messages';
import type { StepPattern } from './suggest';
import { suggestSteps } from './suggest';
import type { ScenarioTimeline } from './timeline';
import { TIMELINE_MEDIA_TYPE } from './timeline';

export const REPORT_SCHEMA = 'kube-scenario/report@1';

export type StepStatus = 'passed' | 'failed' | 'undefined' | 'pending' | 'ambiguous' | 'skipped' | 'not-run';
/** `unfinished`: the run stopped (interrupted) before the scenario finished. */
export type ScenarioStatus = Exclude<StepStatus, 'not-run'> | 'unfinished';
export type BehaviourStatus = 'passing' | 'failing' | 'incomplete' | 'uncovered';
export type ConformanceStatus = BehaviourStatus | 'not-claimed';

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: string; version: string };
  run: RunSummary;
  areas: AreaCoverage[];
  behaviours: BehaviourCoverage[];
  conformance: ConformanceCoverage[];
  features: FeatureReport[];
  /** Ids of scenarios that link to no behaviour. */
  untagged: string[];
  /** Things the reader should fix: unknown behaviour tags, unparsable features, failed run hooks. */
  problems: string[];
  fuzz: FuzzCampaign[];
  /** Wall-clock facts; present only when asked for (they make reports differ from run to run). */
  wallClock?: WallClock;
}

export interface StatusCounts {
  total: number;
  passed: number;
  failed: number;
  undefined: number;
  pending: number;
  ambiguous: number;
  skipped: number;
  unfinished: number;
}

export interface RunSummary {
  /** The stream ended with testRunFinished (false: the run was interrupted). */
  complete: boolean;
  success: boolean;
  /** Seeds of the scenarios' clusters. */
  seeds: (string | number)[];
  scenarios: StatusCounts;
  steps: StatusCounts;
  behaviours: { total: number; passing: number; failing: number; incomplete: number; uncovered: number };
  conformance: { total: number; claimed: number; passing: number; failing: number };
}

export interface AreaCoverage {
  id: string;
  title: string;
  total: number;
  passing: number;
  failing: number;
  incomplete: number;
  uncovered: number;
  behaviours: string[];
}

export interface BehaviourCoverage {
  id: string;
  area: string;
  title: string;
  description: string;
  sources: { spec: string[]; conformance: string[]; upstream: string[] };
  status: BehaviourStatus;
  /** Scenario ids that link to it. */
  scenarios: string[];
  /** Names of fuzz campaigns that check it. */
  fuzz: string[];
}

export interface ConformanceCoverage extends ConformanceEntry {
  behaviours: string[];
  status: ConformanceStatus;
}

export interface FeatureReport {
  uri: string;
  name: string;
  description: string;
  tags: string[];
  scenarios: ScenarioReport[];
}

export interface StepReport {
  keyword: string;
  text: string;
  line: number;
  status: StepStatus;
  message?: string;
  docString?: { content: string; mediaType?: string };
  dataTable?: string[][];
  /** For an undefined step: the nearest known phrasings. */
  suggestions?: string[];
}

export interface ScenarioReport {
  /** `uri:line` (the Examples row's line for an outline). */
  id: string;
  name: string;
  uri: string;
  line: number;
  tags: string[];
  behaviours: string[];
  status: ScenarioStatus;
  /** Attempts made (more than 1 with cucumber's retry). */
  attempts: number;
  steps: StepReport[];
  /** Failures of hooks (Before/After), which belong to no step. */
  hookErrors: string[];
  /** The first failure message, for summaries and JUnit. */
  error?: string;
  timeline?: ScenarioTimeline;
  /** Text attachments (logs, warnings, the failure's trace excerpt). */
  attachments: { mediaType: string; text: string }[];
}

export interface WallClock {
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  environment?: { implementation?: string; runtime?: string; os?: string; cpu?: string };
  scenarios: { id: string; durationMs: number }[];
}

export interface BuildOptions {
  /** The tool's version (package.json). */
  version: string;
  fuzz?: FuzzFile;
  /** Keep wall-clock facts, in their own section. */
  wallClock?: boolean;
}

const STATUS: Record<StatusName, StepStatus> = {
  PASSED: 'passed',
  FAILED: 'failed',
  UNDEFINED: 'undefined',
  PENDING: 'pending',
  AMBIGUOUS: 'ambiguous',
  SKIPPED: 'skipped',
  UNKNOWN: 'not-run',
};

/** Worst first: the scenario takes the first status any of its steps has. */
const SEVERITY: StepStatus[] = ['failed', 'ambiguous', 'undefined', 'pending', 'skipped', 'passed'];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ms(t: Timestamp | undefined): number | undefined {
  return t ? t.seconds * 1000 + Math.round(t.nanos / 1e6) : undefined;
}

function iso(t: Timestamp | undefined): string | undefined {
  const m = ms(t);
  return m === undefined ? undefined : new Date(m).toISOString();
}

interface AstStep {
  step: GherkinStep;
}

interface AstIndex {
  steps: Map<string, AstStep>;
  /** Scenario or Examples-row id → line. */
  lines: Map<string, number>;
}

function indexDocument(doc: GherkinDocument): AstIndex {
  const steps = new Map<string, AstStep>();
  const lines = new Map<string, number>();
  const walk = (children: readonly GherkinChild[]) => {
    for (const c of children) {
      for (const s of c.background?.steps ?? []) steps.set(s.id, { step: s });
      if (c.scenario) {
        lines.set(c.scenario.id, c.scenario.location.line);
        for (const s of c.scenario.steps) steps.set(s.id, { step: s });
        for (const ex of c.scenario.examples ?? [])
          for (const row of ex.tableBody ?? []) lines.set(row.id, row.location.line);
      }
      if (c.rule) walk(c.rule.children ?? []);
    }
  };
  walk(doc.feature?.children ?? []);
  return { steps, lines };
}

function emptyCounts(): StatusCounts {
  return {
    total: 0,
    passed: 0,
    failed: 0,
    undefined: 0,
    pending: 0,
    ambiguous: 0,
    skipped: 0,
    unfinished: 0,
  };
}

function firstLines(message: string, max = 12000): string {
  const clean = message.replace(ANSI, '').replace(/\s+$/, '');
  return clean.length > max ? `${clean.slice(0, max)}\n…` : clean;
}

function decode(a: NonNullable<Envelope['attachment']>): string {
  return a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body;
}

/** Builds the report from the envelopes of one run (in stream order). */
export function buildReport(
  envelopes: readonly Envelope[],
  catalogue: Catalogue,
  opts: BuildOptions,
): Report {
  const docs = new Map<string, { doc: GherkinDocument; index: AstIndex }>();
  const pickles: Pickle[] = [];
  const caseOfPickle = new Map<string, TestCase>();
  const hooks = new Map<string, { name?: string; uri?: string; line?: number }>();
  const patterns: StepPattern[] = [];
  const started = new Map<string, { testCaseId: string; attempt: number; timestamp: Timestamp }>();
  const lastAttempt = new Map<string, string>();
  const attemptsOf = new Map<string, number>();
  const stepResults = new Map<string, Map<string, TestStepResult>>();
  const finished = new Map<string, { willBeRetried: boolean; timestamp: Timestamp }>();
  const attachments = new Map<string, NonNullable<Envelope['attachment']>[]>();
  const problems: string[] = [];
  let runStarted: Timestamp | undefined;
  let runFinished: Envelope['testRunFinished'];
  let meta: Envelope['meta'];

  for (const e of envelopes) {
    if (e.meta) meta = e.meta;
    else if (e.gherkinDocument?.uri) {
      docs.set(e.gherkinDocument.uri, { doc: e.gherkinDocument, index: indexDocument(e.gherkinDocument) });
    } else if (e.pickle) pickles.push(e.pickle);
    else if (e.stepDefinition) patterns.push(e.stepDefinition.pattern);
    else if (e.hook)
      hooks.set(e.hook.id, {
        name: e.hook.name,
        uri: e.hook.sourceReference.uri,
        line: e.hook.sourceReference.location?.line,
      });
    else if (e.testCase) caseOfPickle.set(e.testCase.pickleId, e.testCase);
    else if (e.testCaseStarted) {
      const s = e.testCaseStarted;
      started.set(s.id, { testCaseId: s.testCaseId, attempt: s.attempt, timestamp: s.timestamp });
      const prev = lastAttempt.get(s.testCaseId);
      if (!prev || started.get(prev)!.attempt <= s.attempt) lastAttempt.set(s.testCaseId, s.id);
      attemptsOf.set(s.testCaseId, (attemptsOf.get(s.testCaseId) ?? 0) + 1);
    } else if (e.testStepFinished) {
      const f = e.testStepFinished;
      let m = stepResults.get(f.testCaseStartedId);
      if (!m) stepResults.set(f.testCaseStartedId, (m = new Map()));
      m.set(f.testStepId, f.testStepResult);
    } else if (e.testCaseFinished) {
      finished.set(e.testCaseFinished.testCaseStartedId, e.testCaseFinished);
    } else if (e.attachment?.testCaseStartedId) {
      const list = attachments.get(e.attachment.testCaseStartedId) ?? [];
      list.push(e.attachment);
      attachments.set(e.attachment.testCaseStartedId, list);
    } else if (e.testRunStarted) runStarted = e.testRunStarted.timestamp;
    else if (e.testRunFinished) runFinished = e.testRunFinished;
    else if (e.parseError)
      problems.push(
        `${e.parseError.source.uri ?? '?'}${e.parseError.source.location ? `:${e.parseError.source.location.line}` : ''}: ${e.parseError.message}`,
      );
    else if (e.undefinedParameterType)
      problems.push(
        `undefined parameter type {${e.undefinedParameterType.name}} in "${e.undefinedParameterType.expression}"`,
      );
  }
  if (runFinished && !runFinished.success && (runFinished.message || runFinished.exception?.message))
    problems.push(
      `the run failed: ${firstLines(runFinished.message ?? runFinished.exception?.message ?? '')}`,
    );

  const knownBehaviours = new Set(catalogue.behaviours.map((b) => b.id));
  const scenarioCounts = emptyCounts();
  const stepCounts = emptyCounts();
  const seeds: (string | number)[] = [];
  const durations: { id: string; durationMs: number }[] = [];
  const byFeature = new Map<string, ScenarioReport[]>();

  // cucumber emits a pickle for every scenario it parsed; only those with a test case were selected
  // (by paths, lines, tags or names) to run.
  for (const pickle of pickles.filter((p) => caseOfPickle.has(p.id))) {
    const entry = docs.get(pickle.uri);
    const index = entry?.index;
    const line =
      [...pickle.astNodeIds]
        .reverse()
        .map((id) => index?.lines.get(id))
        .find((l) => l !== undefined) ?? 0;
    const id = `${pickle.uri}:${line}`;
    const tags = pickle.tags.map((t) => t.name);
    const behaviours = behaviourIds(tags);
    for (const b of behaviours)
      if (!knownBehaviours.has(b))
        problems.push(
          `${id}: ${BEHAVIOUR_TAG_PREFIX}${b} names no behaviour of the catalogue (reports/behaviours.yaml)`,
        );

    const testCase = caseOfPickle.get(pickle.id);
    const startedId = testCase ? lastAttempt.get(testCase.id) : undefined;
    const results = (startedId && stepResults.get(startedId)) || new Map<string, TestStepResult>();
    const done = startedId ? finished.get(startedId) : undefined;

    const stepOfPickleStep = new Map<string, string>();
    for (const ts of testCase?.testSteps ?? [])
      if (ts.pickleStepId) stepOfPickleStep.set(ts.pickleStepId, ts.id);

    const steps: StepReport[] = pickle.steps.map((ps) => {
      const ast = ps.astNodeIds.map((n) => index?.steps.get(n)).find(Boolean)?.step;
      const testStepId = stepOfPickleStep.get(ps.id);
      const result = testStepId ? results.get(testStepId) : undefined;
      const status: StepStatus = result ? STATUS[result.status] : 'not-run';
      const s: StepReport = {
        keyword: (ast?.keyword ?? '* ').trim(),
        text: ps.text,
        line: ast?.location.line ?? 0,
        status,
      };
      const message = result?.message ?? result?.exception?.message;
      if (message && (status === 'failed' || status === 'ambiguous' || status === 'pending'))
        s.message = firstLines(message);
      if (ps.argument?.docString) {
        s.docString = { content: ps.argument.docString.content };
        if (ps.argument.docString.mediaType) s.docString.mediaType = ps.argument.docString.mediaType;
      }
      if (ps.argument?.dataTable)
        s.dataTable = ps.argument.dataTable.rows.map((r) => r.cells.map((c) => c.value));
      if (status === 'undefined') {
        const suggestions = suggestSteps(ps.text, patterns);
        if (suggestions.length) s.suggestions = suggestions;
      }
      return s;
    });

    const hookErrors: string[] = [];
    for (const ts of testCase?.testSteps ?? []) {
      if (!ts.hookId) continue;
      const r = results.get(ts.id);
      if (r && r.status === 'FAILED') {
        const h = hooks.get(ts.hookId);
        const where = h?.name ?? (h?.uri ? `hook at ${h.uri}:${h.line ?? 0}` : 'a hook');
        hookErrors.push(`${where}: ${firstLines(r.message ?? r.exception?.message ?? 'failed')}`);
      }
    }

    let status: ScenarioStatus;
    if (!done) status = 'unfinished';
    else {
      const all = [...steps.map((s) => s.status), ...(hookErrors.length ? (['failed'] as StepStatus[]) : [])];
      status = (SEVERITY.find((x) => all.includes(x)) ?? 'skipped') as ScenarioStatus;
    }
    scenarioCounts.total++;
    scenarioCounts[status]++;
    for (const s of steps) {
      stepCounts.total++;
      if (s.status === 'not-run') stepCounts.unfinished++;
      else stepCounts[s.status]++;
    }

    let timeline: ScenarioTimeline | undefined;
    const texts: { mediaType: string; text: string }[] = [];
    for (const a of (startedId && attachments.get(startedId)) || []) {
      if (a.mediaType === TIMELINE_MEDIA_TYPE) {
        try {
          timeline = JSON.parse(decode(a)) as ScenarioTimeline;
          if (!seeds.includes(timeline.seed)) seeds.push(timeline.seed);
        } catch {
          problems.push(`${id}: its timeline attachment is not JSON`);
        }
      } else if (a.mediaType.startsWith('text/')) texts.push({ mediaType: a.mediaType, text: decode(a) });
    }

    const failing = steps.find((s) => s.message);
    const scenario: ScenarioReport = {
      id,
      name: pickle.name,
      uri: pickle.uri,
      line,
      tags,
      behaviours,
      status,
      attempts: testCase ? (attemptsOf.get(testCase.id) ?? 0) : 0,
      steps,
      hookErrors,
      attachments: texts,
    };
    const undefinedStep = steps.find((s) => s.status === 'undefined');
    const error =
      failing?.message ??
      hookErrors[0] ??
      (undefinedStep ? `undefined step: ${undefinedStep.keyword} ${undefinedStep.text}` : undefined);
    if (error) scenario.error = error;
    if (timeline) scenario.timeline = timeline;
    const list = byFeature.get(pickle.uri) ?? [];
    list.push(scenario);
    byFeature.set(pickle.uri, list);

    if (opts.wallClock && startedId && done) {
      const a = ms(started.get(startedId)?.timestamp);
      const b = ms(done.timestamp);
      if (a !== undefined && b !== undefined) durations.push({ id, durationMs: b - a });
    }
  }

  const features: FeatureReport[] = [...byFeature.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([uri, scenarios]) => {
      const f = docs.get(uri)?.doc.feature;
      return {
        uri,
        name: f?.name ?? uri,
        description: (f?.description ?? '').trim(),
        tags: (f?.tags ?? []).map((t) => t.name),
        scenarios: scenarios.sort((a, b) => a.line - b.line || cmp(a.name, b.name)),
      };
    });
  const scenarios = features.flatMap((f) => f.scenarios);

  // ---- coverage ----
  const fuzz = opts.fuzz?.campaigns ?? [];
  const behaviours: BehaviourCoverage[] = catalogue.behaviours.map((b) => {
    const linked = scenarios.filter((s) => s.behaviours.includes(b.id));
    const campaigns = fuzz.filter((c) => c.behaviours.includes(b.id));
    const statuses = [
      ...linked.map((s) => s.status),
      ...campaigns.map((c) => (c.status === 'passed' ? 'passed' : 'failed')),
    ];
    let status: BehaviourStatus;
    if (!statuses.length) status = 'uncovered';
    else if (
      statuses.some((s) => s === 'failed' || s === 'undefined' || s === 'ambiguous' || s === 'pending')
    )
      status = 'failing';
    else if (statuses.every((s) => s === 'passed')) status = 'passing';
    else status = 'incomplete';
    return {
      id: b.id,
      area: b.area,
      title: b.title,
      description: b.description,
      sources: {
        spec: [...b.sources.spec],
        conformance: [...b.sources.conformance],
        upstream: [...b.sources.upstream],
      },
      status,
      scenarios: linked.map((s) => s.id),
      fuzz: campaigns.map((c) => c.name),
    };
  });
  for (const c of fuzz)
    for (const b of c.behaviours)
      if (!knownBehaviours.has(b))
        problems.push(`fuzz campaign "${c.name}" names ${b}, which is no behaviour of the catalogue`);

  const areas: AreaCoverage[] = catalogue.areas.map((a) => {
    const bs = behaviours.filter((b) => b.area === a.id);
    return {
      id: a.id,
      title: a.title,
      total: bs.length,
      passing: bs.filter((b) => b.status === 'passing').length,
      failing: bs.filter((b) => b.status === 'failing').length,
      incomplete: bs.filter((b) => b.status === 'incomplete').length,
      uncovered: bs.filter((b) => b.status === 'uncovered').length,
      behaviours: bs.map((b) => b.id),
    };
  });

  const conformance: ConformanceCoverage[] = catalogue.conformance.map((c) => {
    const bs = behaviours.filter((b) => b.sources.conformance.includes(c.id));
    let status: ConformanceStatus;
    if (!bs.length) status = 'not-claimed';
    else if (bs.some((b) => b.status === 'failing')) status = 'failing';
    else if (bs.every((b) => b.status === 'passing')) status = 'passing';
    else if (bs.every((b) => b.status === 'uncovered')) status = 'uncovered';
    else status = 'incomplete';
    return { ...c, behaviours: bs.map((b) => b.id), status };
  });

  const report: Report = {
    schema: REPORT_SCHEMA,
    tool: { name: 'kube-scenario', version: opts.version },
    run: {
      complete: !!runFinished,
      success: !!runFinished?.success && fuzz.every((c) => c.status === 'passed'),
      seeds: seeds.sort((a, b) => cmp(String(a), String(b))),
      scenarios: scenarioCounts,
      steps: stepCounts,
      behaviours: {
        total: behaviours.length,
        passing: behaviours.filter((b) => b.status === 'passing').length,
        failing: behaviours.filter((b) => b.status === 'failing').length,
        incomplete: behaviours.filter((b) => b.status === 'incomplete').length,
        uncovered: behaviours.filter((b) => b.status === 'uncovered').length,
      },
      conformance: {
        total: conformance.length,
        claimed: conformance.filter((c) => c.status !== 'not-claimed').length,
        passing: conformance.filter((c) => c.status === 'passing').length,
        failing: conformance.filter((c) => c.status === 'failing').length,
      },
    },
    areas,
    behaviours,
    conformance,
    features,
    untagged: scenarios.filter((s) => s.behaviours.length === 0).map((s) => s.id),
    problems: [...new Set(problems)],
    fuzz,
  };
  if (opts.wallClock) {
    const a = ms(runStarted);
    const b = ms(runFinished?.timestamp);
    const wc: WallClock = { scenarios: durations };
    if (runStarted) wc.startedAt = iso(runStarted);
    if (runFinished) wc.finishedAt = iso(runFinished.timestamp);
    if (a !== undefined && b !== undefined) wc.durationMs = b - a;
    if (meta)
      wc.environment = {
        implementation:
          meta.implementation && `${meta.implementation.name} ${meta.implementation.version ?? ''}`.trim(),
        runtime: meta.runtime && `${meta.runtime.name} ${meta.runtime.version ?? ''}`.trim(),
        os: meta.os && `${meta.os.name} ${meta.os.version ?? ''}`.trim(),
        cpu: meta.cpu?.name,
      };
    report.wallClock = wc;
  }
  return report;
}
