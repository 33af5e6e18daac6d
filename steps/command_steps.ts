/**
 * Commands (steps.md): kubectl against the simulated cluster, and checks on what the last command
 * (or apply) printed.
 */
import * as path from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { runKubectl, splitArgs } from '../kubectl';
import type { CommandResult, SimWorld } from './world';
import { fail } from './support/failure';

/**
 * Runs a kubectl command line (split into words as a POSIX shell would, without expansion). `-f`
 * paths are relative to the feature file, as `Given the manifest file` is.
 */
function run(world: SimWorld, line: string): CommandResult {
  let words: string[];
  try {
    words = splitArgs(line);
  } catch (err) {
    fail(`cannot split ${JSON.stringify(line)} into words: ${(err as Error).message}`);
  }
  if (words[0] !== 'kubectl') fail(`only kubectl commands can run here, not "${words[0] ?? ''}"`);
  const cwd = world.step ? path.dirname(path.resolve(world.step.uri)) : process.cwd();
  const r = runKubectl(world.cluster, words, { cwd });
  const result: CommandResult = { command: line, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  world.last = result;
  return result;
}

When('I run {quoted}', function (this: SimWorld, line: string) {
  const r = run(this, line);
  if (r.exitCode !== 0)
    fail(`"${line}" exited with status ${r.exitCode}:\n${(r.stderr || r.stdout).trimEnd()}`);
});

When('I try to run {quoted}', function (this: SimWorld, line: string) {
  run(this, line);
});

function last(world: SimWorld): CommandResult {
  if (!world.last) fail('no command has run yet');
  return world.last;
}

/** Trailing spaces of each line and trailing blank lines are ignored. */
function normalizeOutput(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

Then('the output is:', function (this: SimWorld, expected: string) {
  const actual = normalizeOutput(last(this).stdout);
  if (actual !== normalizeOutput(expected))
    fail(`the output of "${last(this).command}" is:\n${actual}\n--- expected:\n${normalizeOutput(expected)}`);
});

Then('the output is {quoted}', function (this: SimWorld, expected: string) {
  const actual = last(this).stdout.replace(/[\s]+$/, '');
  if (actual !== expected)
    fail(
      `the output of "${last(this).command}" is ${JSON.stringify(actual)}; expected ${JSON.stringify(expected)}`,
    );
});

Then('the output contains {quoted}', function (this: SimWorld, text: string) {
  const out = last(this).stdout;
  if (!out.includes(text))
    fail(`the output of "${last(this).command}" does not contain ${JSON.stringify(text)}:\n${out.trimEnd()}`);
});

Then('the output does not contain {quoted}', function (this: SimWorld, text: string) {
  const out = last(this).stdout;
  if (out.includes(text))
    fail(`the output of "${last(this).command}" contains ${JSON.stringify(text)}:\n${out.trimEnd()}`);
});

Then('the command fails with {quoted}', function (this: SimWorld, text: string) {
  const r = last(this);
  if (r.exitCode === 0) fail(`"${r.command}" succeeded; expected it to fail with ${JSON.stringify(text)}`);
  const error = `${r.stderr}${r.stdout}`;
  if (!error.includes(text))
    fail(
      `"${r.command}" failed, but its error does not contain ${JSON.stringify(text)}:\n${error.trimEnd()}`,
    );
});

Then('the command succeeds', function (this: SimWorld) {
  const r = last(this);
  if (r.exitCode !== 0) fail(`"${r.command}" exited with status ${r.exitCode}:\n${r.stderr.trimEnd()}`);
});

Then('the command warns {quoted}', function (this: SimWorld, text: string) {
  const r = last(this);
  if (!r.stderr.includes(text))
    fail(
      `"${r.command}" printed no warning containing ${JSON.stringify(text)}:\n${r.stderr.trimEnd() || '(nothing)'}`,
    );
});
