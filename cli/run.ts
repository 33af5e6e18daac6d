/**
 * Running features through cucumber-js's own API (so its configuration, options and formatters keep
 * working), with every message also written to `<out>/messages.ndjson` as it arrives and kept for the
 * reports.
 *
 * Ctrl-C (SIGINT) or SIGTERM during a run: the messages so far are already on disk; the handler
 * writes the partial reports from them (the scenario that was running shows as not finished) and
 * exits with 130 (143 for SIGTERM).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '../reports/messages';
import type { RunOptions } from './args';
import { seedValue, UsageError } from './args';
import { FUZZ_FILE, MESSAGES_FILE } from './reporting';

export interface RunResult {
  success: boolean;
  envelopes: Envelope[];
  messagesFile: string;
}

export interface RunHooks {
  /** Called on SIGINT/SIGTERM with the messages so far, before the process exits. */
  onInterrupt?(envelopes: readonly Envelope[], signal: NodeJS.Signals): void;
  /** Extra cucumber options (e.g. `dryRun`). */
  extra?: Record<string, unknown>;
  /** Do not write messages.ndjson. */
  noFile?: boolean;
}

/** cucumber's `provided` configuration for the options. */
export function cucumberOptions(o: RunOptions): Record<string, unknown> {
  const provided: Record<string, unknown> = {};
  if (o.paths.length) provided.paths = o.paths;
  if (o.tags) provided.tags = o.tags;
  if (o.name) provided.name = o.name;
  if (o.parallel !== undefined) provided.parallel = o.parallel;
  if (o.formats.length) provided.format = o.formats;
  if (o.seed !== undefined) provided.worldParameters = { seed: seedValue(o.seed) };
  return provided;
}

/** Runs the features; resolves once cucumber is done. */
export async function runFeatures(o: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const messagesPath = path.resolve(o.out, MESSAGES_FILE);
  for (const f of o.formats) {
    const target = /^[^:]+:"?([^"]+)"?$/.exec(f)?.[1];
    if (!hooks.noFile && target && path.resolve(target) === messagesPath)
      throw new UsageError(
        `--format ${f}: kube-scenario writes ${path.join(o.out, MESSAGES_FILE)} itself; choose another file`,
      );
  }
  const { runConfiguration } = await loadConfiguration({
    provided: { ...cucumberOptions(o), ...hooks.extra },
  });
  const messagesFile = path.join(o.out, MESSAGES_FILE);
  const envelopes: Envelope[] = [];
  let fd: number | undefined;
  if (!hooks.noFile) {
    fs.mkdirSync(o.out, { recursive: true });
    // A new run in this folder: fuzz results of an earlier one no longer belong to it.
    fs.rmSync(path.join(o.out, FUZZ_FILE), { force: true });
    fd = fs.openSync(messagesFile, 'w');
  }
  const onMessage = (e: unknown) => {
    envelopes.push(e as Envelope);
    if (fd !== undefined) fs.writeSync(fd, `${JSON.stringify(e)}\n`);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.stderr.write(`\nkube-scenario: ${signal}: stopping; writing what ran so far\n`);
    try {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
      hooks.onInterrupt?.(envelopes, signal);
    } finally {
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { success } = await runCucumber(runConfiguration, undefined, onMessage);
    return { success, envelopes, messagesFile };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (fd !== undefined) fs.closeSync(fd);
  }
}
