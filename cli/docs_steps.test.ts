/**
 * docs/steps.md is generated from the step definitions; this fails when a step, its comment or its
 * first example in features/ changed without `npm run docs:steps`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { generateStepsDoc, staleFiles, STEPS_DOC, VSCODE_SETTINGS } from './docs_steps';
import { sampleFromExpression } from '../reports/steps_doc';

test('docs/steps.md and .vscode/settings.json are up to date with the step definitions (else: npm run docs:steps)', async () => {
  const generated = await generateStepsDoc();
  const doc = generated.get(STEPS_DOC)!;
  const settings = JSON.parse(generated.get(VSCODE_SETTINGS)!);
  assert.deepEqual(settings['cucumber.glue'], ['steps/**/*.ts']);
  assert.ok(settings['cucumber.parameterTypes'].some((p: { name: string }) => p.name === 'quoted'));
  assert.deepEqual(
    staleFiles(new Map([...generated].filter(([f]) => f !== STEPS_DOC))),
    [],
    'the parameter types changed: run `npm run docs:steps`',
  );
  const current = fs.existsSync(STEPS_DOC) ? fs.readFileSync(STEPS_DOC, 'utf8') : '';
  if (current !== doc) {
    const a = current.split('\n');
    const b = doc.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    assert.fail(
      `docs/steps.md is out of date (run \`npm run docs:steps\`); first difference at line ${i + 1}:\n` +
        `  in the file: ${a[i] ?? '<end>'}\n  generated:   ${b[i] ?? '<end>'}`,
    );
  }
  // Every step definition has a heading and an example.
  const headings = doc.split('\n').filter((l) => l.startsWith('### ')).length;
  const examples = doc.split('\n').filter((l) => l.startsWith('Example (')).length;
  assert.ok(headings >= 50, `${headings} steps`);
  assert.equal(examples, headings);
});

test('an example is made up from an expression when no feature uses the step', () => {
  assert.equal(
    sampleFromExpression('{kind} {quoted} has {int} replica(s)'),
    'deployment "web" has 3 replicas',
  );
  assert.equal(sampleFromExpression('{int} pod(s) was/were created'), '3 pods were created');
  assert.equal(sampleFromExpression('there is/are no pods'), 'there is no pods');
  assert.equal(sampleFromExpression('the claim {quoted} is still bound'), 'the claim "web" is still bound');
});
