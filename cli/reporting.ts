/**
 * Building the report files from a run's messages, and the lines the command prints about them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalogue } from '../reports/catalogue';
import type { FuzzFile } from '../reports/fuzz';
import { parseFuzzFile } from '../reports/fuzz';
import type { Envelope } from '../reports/messages';
import type { Report } from '../reports/model';
import { buildReport } from '../reports/model';
import { renderHtml } from '../reports/render_html';
import { renderJson } from '../reports/render_json';
import { renderJunit } from '../reports/render_junit';

export const MESSAGES_FILE = 'messages.ndjson';
export const FUZZ_FILE = 'fuzz.json';
export const REPORT_FILES = { html: 'report.html', junit: 'junit.xml', json: 'report.json' } as const;

export function toolVersion(): string {
  return (require('../package.json') as { version: string }).version;
}

export interface WrittenReports {
  report: Report;
  html: string;
  junit: string;
  json: string;
}

export function readFuzz(file: string): FuzzFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read the fuzz results ${file}`);
  }
  try {
    return parseFuzzFile(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

/** Builds the model and writes report.html, junit.xml and report.json into `outDir` (synchronously). */
export function writeReports(
  envelopes: readonly Envelope[],
  outDir: string,
  opts: { fuzz?: FuzzFile; wallClock?: boolean } = {},
): WrittenReports {
  const report = buildReport(envelopes, loadCatalogue(), {
    version: toolVersion(),
    fuzz: opts.fuzz,
    wallClock: opts.wallClock,
  });
  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    html: path.join(outDir, REPORT_FILES.html),
    junit: path.join(outDir, REPORT_FILES.junit),
    json: path.join(outDir, REPORT_FILES.json),
  };
  // Each file is written whole under a temporary name and renamed, so a reader never sees half of one.
  const write = (file: string, text: string) => {
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  };
  write(files.json, renderJson(report));
  write(files.junit, renderJunit(report));
  write(files.html, renderHtml(report));
  return { report, ...files };
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

/** What an undefined step could have been: printed after cucumber's own output. */
export function suggestionLines(report: Report): string[] {
  const lines: string[] = [];
  for (const s of report.features.flatMap((f) => f.scenarios))
    for (const step of s.steps)
      if (step.status === 'undefined') {
        lines.push(`Undefined step at ${s.uri}:${step.line}: ${step.keyword} ${step.text}`);
        if (step.suggestions?.length) {
          lines.push('  Nearest known phrasings:');
          for (const x of step.suggestions) lines.push(`    ${x}`);
        } else lines.push('  No known phrasing is close; docs/steps.md lists every step.');
      }
  return lines;
}

/** The closing lines of `run`, `start` and `report`. */
export function summaryLines(w: WrittenReports): string[] {
  const r = w.report;
  const s = r.run.scenarios;
  const b = r.run.behaviours;
  const others = (
    [
      ['failed', s.failed],
      ['undefined', s.undefined],
      ['pending', s.pending],
      ['ambiguous', s.ambiguous],
      ['skipped', s.skipped],
      ['not finished', s.unfinished],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `, ${n} ${what}`)
    .join('');
  const lines: string[] = [];
  for (const p of r.problems) lines.push(`warning: ${p}`);
  lines.push(
    `kube-scenario: ${s.passed} of ${s.total} scenarios passed${others}` +
      ` · ${b.total - b.uncovered} of ${b.total} behaviours covered (${b.passing} passing, ${b.failing} failing)` +
      (r.fuzz.length
        ? ` · ${r.fuzz.length} fuzz campaigns, ${r.fuzz.filter((c) => c.status === 'failed').length} with counterexamples`
        : ''),
  );
  if (!r.run.complete) lines.push('The run was interrupted: the reports are partial.');
  lines.push(`  HTML   ${rel(w.html)}   (open ${pathToFileURL(path.resolve(w.html)).href})`);
  lines.push(`  JUnit  ${rel(w.junit)}`);
  lines.push(`  JSON   ${rel(w.json)}`);
  return lines;
}
