/**
 * Runs a real kubectl binary (path in $KUBECTL_REF) against a fake API server over a cluster, for
 * differential checks of our output. Not used by the product; tests skip when $KUBECTL_REF is unset.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Cluster } from '../../engine';
import { splitArgs } from '../shell';
import { startFakeApiServer, type FakeApiServer, type RecordedRequest } from './fakeapiserver';

export interface RealResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
}

export function referenceKubectl(): string | undefined {
  const p = process.env.KUBECTL_REF;
  return p && fs.existsSync(p) ? p : undefined;
}

export class RealKubectl {
  private constructor(
    readonly server: FakeApiServer,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  static async start(cluster: Cluster, bin = referenceKubectl()): Promise<RealKubectl> {
    if (!bin) throw new Error('KUBECTL_REF is not set');
    const server = await startFakeApiServer(cluster);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-ref-'));
    return new RealKubectl(server, dir, bin);
  }

  async run(
    cmd: string | string[],
    opts: { shiftTime?: boolean; stdin?: string; cwd?: string } = {},
  ): Promise<RealResult> {
    let args = typeof cmd === 'string' ? splitArgs(cmd) : cmd;
    if (args[0] === 'kubectl') args = args.slice(1);
    this.server.shiftTime = !!opts.shiftTime;
    const before = this.server.requests.length;
    const full = [...args, `--server=${this.server.url}`, `--cache-dir=${path.join(this.dir, 'cache')}`];
    return new Promise((resolve) => {
      const child = execFile(
        this.bin,
        full,
        { env: { HOME: this.dir, PATH: process.env.PATH ?? '' }, cwd: opts.cwd ?? this.dir },
        (err, stdout, stderr) => {
          const code = err
            ? ((err as NodeJS.ErrnoException & { code?: number }).code as unknown as number)
            : 0;
          resolve({
            exitCode: typeof code === 'number' ? code : 1,
            stdout,
            stderr: stderr
              .split('\n')
              .filter((l) => !/memcache\.go|^W\d{4} /.test(l))
              .join('\n'),
            requests: this.server.requests.slice(before),
          });
        },
      );
      if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
      else child.stdin?.end();
    });
  }

  async close(): Promise<void> {
    await this.server.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
