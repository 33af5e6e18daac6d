/**
 * `npm run docs:steps`: writes docs/steps.md from the step definitions (a cucumber dry run over
 * features/, which matches every step without running it). `--check` only compares, for CI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '../reports/messages';
import { renderStepsDoc } from '../reports/steps_doc';

export const ROOT = path.resolve(__dirname, '..');
export const STEPS_DOC = path.join(ROOT, 'docs', 'steps.md');

/** Dry-runs the features and returns the generated page. */
export async function generateStepsDoc(): Promise<string> {
  const { runConfiguration } = await loadConfiguration(
    { provided: { dryRun: true, format: [], paths: ['features/**/*.feature'] } },
    { cwd: ROOT },
  );
  const envelopes: Envelope[] = [];
  const sink = new PassThrough();
  sink.resume();
  await runCucumber(runConfiguration, { cwd: ROOT, stdout: sink, stderr: sink }, (e) =>
    envelopes.push(e as Envelope),
  );
  return renderStepsDoc({
    envelopes,
    read: (uri) => {
      const file = path.join(ROOT, uri);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    },
  });
}

async function main(args: string[]): Promise<number> {
  const doc = await generateStepsDoc();
  if (args.includes('--check')) {
    const current = fs.existsSync(STEPS_DOC) ? fs.readFileSync(STEPS_DOC, 'utf8') : '';
    if (current === doc) return 0;
    process.stderr.write('docs/steps.md is out of date: run `npm run docs:steps`\n');
    return 1;
  }
  fs.mkdirSync(path.dirname(STEPS_DOC), { recursive: true });
  fs.writeFileSync(STEPS_DOC, doc);
  process.stdout.write(`wrote ${path.relative(process.cwd(), STEPS_DOC)}\n`);
  return 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`docs:steps: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
