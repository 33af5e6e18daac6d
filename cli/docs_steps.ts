/**
 * `npm run docs:steps`: writes docs/steps.md and .vscode/settings.json from the step definitions (a
 * cucumber dry run over features/, which matches every step without running it). `--check` only
 * compares.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '../reports/messages';
import { renderStepsDoc, renderVscodeSettings } from '../reports/steps_doc';

export const ROOT = path.resolve(__dirname, '..');
export const STEPS_DOC = path.join(ROOT, 'docs', 'steps.md');
export const VSCODE_SETTINGS = path.join(ROOT, '.vscode', 'settings.json');

/** Dry-runs the features and returns the generated files' contents. */
export async function generateStepsDoc(): Promise<Map<string, string>> {
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
  const doc = renderStepsDoc({
    envelopes,
    previous: fs.existsSync(STEPS_DOC) ? fs.readFileSync(STEPS_DOC, 'utf8') : undefined,
    read: (uri) => {
      const file = path.join(ROOT, uri);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    },
  });
  // The settings file is formatted as `npm run format` would (prettier checks it).
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(VSCODE_SETTINGS)) ?? {};
  const settings = await prettier.format(renderVscodeSettings(envelopes), { ...options, parser: 'json' });
  return new Map([
    [STEPS_DOC, doc],
    [VSCODE_SETTINGS, settings],
  ]);
}

/** The generated files whose contents differ from what is on disk. */
export function staleFiles(generated: ReadonlyMap<string, string>): string[] {
  return [...generated.entries()]
    .filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text)
    .map(([file]) => path.relative(ROOT, file));
}

async function main(args: string[]): Promise<number> {
  const generated = await generateStepsDoc();
  if (args.includes('--check')) {
    const stale = staleFiles(generated);
    if (!stale.length) return 0;
    process.stderr.write(`${stale.join(', ')} out of date: run \`npm run docs:steps\`\n`);
    return 1;
  }
  for (const [file, text] of generated) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
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
