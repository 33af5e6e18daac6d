/**
 * Report hooks: record what the report's charts need while a scenario runs, and attach it to the
 * scenario as one JSON document (media type `application/vnd.kube-scenario.timeline+json`, the shape
 * of reports/timeline.ts `ScenarioTimeline`):
 *  - the virtual time at each step's start and end (BeforeStep/AfterStep; the steady-state settling
 *    that steps/hooks.ts does before the first When step falls between two steps);
 *  - every command a step ran (kubectl, manifest applies) with its exit status and output;
 *  - where the scenario failed: a timeline assertion's worst instant (ScenarioFailure `at`), else
 *    the end of the failing step;
 *  - the seed, and the workload series computed from the cluster's trace after the last step.
 *
 * Everything is virtual time, so the attachment is byte-identical from run to run with one seed.
 */
import { After, AfterStep, BeforeStep, setDefinitionFunctionWrapper, Status } from '@cucumber/cucumber';
import type { ITestCaseHookParameter, ITestStepHookParameter } from '@cucumber/cucumber';
import type { CommandResult, SimWorld } from './world';
import type { FailureInstant } from './support/failure';
import type { CommandRecord, FailureMark, StepSpan } from '../reports/timeline';
import { buildTimeline, clip, TIMELINE_MEDIA_TYPE } from '../reports/timeline';

interface ScenarioRecording {
  steps: StepSpan[];
  commands: CommandRecord[];
  failure?: FailureMark;
  current?: { index: number; text: string; start: number; last?: CommandResult };
}

const recordings = new WeakMap<object, ScenarioRecording>();
/** The instant a timeline assertion of the running step failed at, by world. */
const failedAt = new WeakMap<object, FailureInstant>();

function recording(world: object): ScenarioRecording {
  let r = recordings.get(world);
  if (!r) recordings.set(world, (r = { steps: [], commands: [] }));
  return r;
}

function virtualNow(world: SimWorld): number {
  return world.hasCluster ? world.cluster.now : 0;
}

/** A thrown failure that says where in the trace it happened (ScenarioFailure with `at`). */
function instantOf(err: unknown): FailureInstant | undefined {
  const at = (err as { at?: Partial<FailureInstant> } | undefined)?.at;
  return at && typeof at.time === 'number' && typeof at.seq === 'number' ? (at as FailureInstant) : undefined;
}

/**
 * Step functions are wrapped so that a failure's `at` (the instant a timeline check broke) reaches
 * the AfterStep hook; cucumber passes only the error's message and type to hooks. The wrapper keeps
 * `this`, the arguments and the result; cucumber keeps the arity.
 */
setDefinitionFunctionWrapper(function (fn: (...args: unknown[]) => unknown) {
  return function (this: object, ...args: unknown[]) {
    const note = (err: unknown) => {
      const at = instantOf(err);
      if (at) failedAt.set(this, at);
    };
    try {
      const result = fn.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        return (result as Promise<unknown>).then(undefined, (err: unknown) => {
          note(err);
          throw err;
        });
      return result;
    } catch (err) {
      note(err);
      throw err;
    }
  };
});

BeforeStep(function (this: SimWorld, { pickle, pickleStep }: ITestStepHookParameter) {
  const r = recording(this);
  r.current = {
    index: pickle.steps.findIndex((s) => s.id === pickleStep.id),
    text: pickleStep.text,
    start: virtualNow(this),
    last: this.last,
  };
  failedAt.delete(this);
});

/**
 * Lets the event loop turn: cucumber runs synchronous steps back to back on promises alone, so
 * without a turn a Ctrl-C would only be seen once the whole run is over.
 */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

AfterStep(function (this: SimWorld, { result }: ITestStepHookParameter) {
  record(this, result);
  return turn();
});

function record(world: SimWorld, result: ITestStepHookParameter['result']): void {
  const r = recording(world);
  const cur = r.current;
  if (!cur) return;
  r.current = undefined;
  const end = virtualNow(world);
  r.steps.push({ index: cur.index, text: cur.text, start: cur.start, end });
  const last = world.last;
  if (last && last !== cur.last)
    r.commands.push({
      step: cur.index,
      command: last.command,
      exitCode: last.exitCode,
      stdout: clip(last.stdout),
      stderr: clip(last.stderr),
    });
  if (result?.status === Status.FAILED && !r.failure) {
    const at = failedAt.get(world);
    const mark: FailureMark = {
      step: cur.index,
      time: at?.time ?? end,
      message: clip(result.message ?? result.exception?.message ?? 'failed', 4000),
    };
    if (at) {
      mark.seq = at.seq;
      mark.change = at.change;
    }
    r.failure = mark;
  }
}

After(function (this: SimWorld, _: ITestCaseHookParameter) {
  const r = recording(this);
  const timeline = buildTimeline(this.hasCluster ? this.cluster.trace : undefined, {
    seed: this.seed,
    end: virtualNow(this),
    steps: r.steps,
    commands: r.commands,
    failure: r.failure,
  });
  this.attach(JSON.stringify(timeline), TIMELINE_MEDIA_TYPE);
});
