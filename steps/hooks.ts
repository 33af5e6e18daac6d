/**
 * Hooks: before every step, tell the world which kind of step runs and where it is written (for the
 * steady-state and window rules, and for file:line messages); after a failed scenario, attach the
 * end of its timeline.
 */
import { After, BeforeStep, Status } from '@cucumber/cucumber';
import type { ITestStepHookParameter, ITestCaseHookParameter } from '@cucumber/cucumber';
import type { SimWorld, StepLocation, StepType } from './world';

type GherkinDocument = ITestStepHookParameter['gherkinDocument'];
type GherkinStep = NonNullable<
  NonNullable<GherkinDocument['feature']>['children'][number]['scenario']
>['steps'][number];

const stepIndex = new WeakMap<GherkinDocument, Map<string, GherkinStep>>();

/** Every step of a Gherkin document by id (backgrounds, scenarios and rules). */
function stepsById(doc: GherkinDocument): Map<string, GherkinStep> {
  let index = stepIndex.get(doc);
  if (index) return index;
  index = new Map();
  const add = (steps: readonly GherkinStep[] | undefined) => {
    for (const s of steps ?? []) index!.set(s.id, s);
  };
  for (const child of doc.feature?.children ?? []) {
    add(child.background?.steps);
    add(child.scenario?.steps);
    for (const ruleChild of child.rule?.children ?? []) {
      add(ruleChild.background?.steps);
      add(ruleChild.scenario?.steps);
    }
  }
  stepIndex.set(doc, index);
  return index;
}

BeforeStep(function (this: SimWorld, { gherkinDocument, pickle, pickleStep }: ITestStepHookParameter) {
  const step = pickleStep.astNodeIds.map((id) => stepsById(gherkinDocument).get(id)).find(Boolean);
  const location: StepLocation = {
    uri: pickle.uri,
    line: step?.location.line ?? 0,
    docStringLine: step?.docString?.location.line,
    text: pickleStep.text,
  };
  // `*` steps (type Unknown) continue the kind before them.
  const type: StepType =
    pickleStep.type === 'Context' || pickleStep.type === 'Action' || pickleStep.type === 'Outcome'
      ? pickleStep.type
      : (this.currentType ?? 'Context');
  this.beginStep(type, location);
});

After(function (this: SimWorld, { result }: ITestCaseHookParameter) {
  if (result?.status === Status.FAILED && this.hasCluster) {
    this.attach(`Timeline (virtual time, resourceVersion, change):\n${this.timelineText()}`, 'text/plain');
  }
});
