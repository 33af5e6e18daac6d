/**
 * kubectl against a full simulated cluster (createCluster with every controller): commands that wait
 * advance the virtual clock; outputs are kubectl's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createCluster, type Cluster } from '../engine';
import { runKubectl } from './index';

const cwd = path.join(__dirname, 'testdata/e2e');

function k(c: Cluster, cmd: string) {
  return runKubectl(c, cmd, { cwd });
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

test('deployment: apply, rollout status in virtual time, set image, history, undo', () => {
  const c = createCluster();
  assert.equal(k(c, 'kubectl apply -f web.yaml').stdout, 'deployment.apps/web created\n');
  let r = k(c, 'kubectl rollout status deployment/web');
  assert.equal(r.exitCode, 0);
  assert.deepEqual(lines(r.stdout).slice(-1), ['deployment "web" successfully rolled out']);
  assert.ok(c.runtime.now > 0, 'the clock advanced');
  assert.match(
    k(c, 'kubectl get deploy web').stdout,
    /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+3\s+3\s+\d+s\n$/,
  );

  assert.equal(
    k(c, 'kubectl set image deploy/web nginx=nginx:1.16').stdout,
    'deployment.apps/web image updated\n',
  );
  r = k(c, 'kubectl rollout status deploy/web');
  const out = lines(r.stdout);
  assert.equal(out[out.length - 1], 'deployment "web" successfully rolled out');
  for (let i = 1; i < out.length; i++)
    assert.notEqual(out[i], out[i - 1], 'no line repeats the previous one');
  for (const l of out.slice(0, -1)) assert.match(l, /^Waiting for deployment "web" rollout to finish: /);

  assert.equal(
    k(c, 'kubectl rollout history deploy/web').stdout,
    'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
  );
  assert.equal(k(c, 'kubectl rollout undo deploy/web').stdout, 'deployment.apps/web rolled back\n');
  assert.equal(k(c, 'kubectl rollout status deploy/web').exitCode, 0);
  assert.equal(
    k(c, 'kubectl rollout history deploy/web').stdout,
    'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
  );
  assert.equal(
    k(c, 'kubectl rollout undo deploy/web --to-revision=3').stdout,
    'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
  );
  r = k(c, 'kubectl rollout undo deploy/web --to-revision=5');
  assert.deepEqual([r.exitCode, r.stderr], [1, 'error: unable to find specified revision 5 in history\n']);
  assert.equal(
    k(c, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout,
    'nginx:1.14.2',
  );
});

test('deployment: a stuck rollout ends with the progress deadline; --timeout and --watch=false', () => {
  const c = createCluster();
  k(c, 'kubectl apply -f web.yaml');
  k(c, 'kubectl rollout status deploy/web');
  c.faults.setImage('nginx:bad', 'unpullable');
  k(c, 'kubectl set image deploy/web nginx=nginx:bad');
  const t0 = c.runtime.now;
  let r = k(c, 'kubectl rollout status deploy/web --timeout=30s');
  assert.deepEqual([r.exitCode, r.stderr], [1, 'error: timed out waiting for the condition\n']);
  assert.equal(c.runtime.now, t0 + 30_000);
  r = k(c, 'kubectl rollout status deploy/web --watch=false');
  assert.equal(r.exitCode, 0);
  assert.equal(lines(r.stdout).length, 1);
  r = k(c, 'kubectl rollout status deploy/web');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: deployment "web" exceeded its progress deadline\n');
  assert.ok(c.runtime.now >= t0 + 600_000, 'progressDeadlineSeconds (600) passed in virtual time');
  assert.match(k(c, 'kubectl get pods').stdout, /ImagePullBackOff|ErrImagePull/);
  assert.match(k(c, 'kubectl describe deploy web').stdout, /Progressing\s+False\s+ProgressDeadlineExceeded/);
});

test('deployment: pause, resume, restart messages and errors', () => {
  const c = createCluster();
  k(c, 'kubectl apply -f web.yaml');
  k(c, 'kubectl rollout status deploy/web');
  assert.equal(k(c, 'kubectl rollout pause deploy/web').stdout, 'deployment.apps/web paused\n');
  assert.equal(
    k(c, 'kubectl rollout pause deploy/web').stderr,
    'error: deployments.apps "web" is already paused\n',
  );
  assert.equal(
    k(c, 'kubectl rollout restart deploy/web').stderr,
    `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`,
  );
  assert.equal(
    k(c, 'kubectl rollout undo deploy/web').stderr,
    'error: no rollout history found for deployment "web"\n',
  );
  assert.equal(k(c, 'kubectl rollout resume deploy/web').stdout, 'deployment.apps/web resumed\n');
  assert.equal(
    k(c, 'kubectl rollout resume deploy/web').stderr,
    'error: deployments.apps "web" is not paused\n',
  );
  assert.equal(k(c, 'kubectl rollout restart deploy/web').stdout, 'deployment.apps/web restarted\n');
  assert.equal(
    k(c, 'kubectl rollout restart deploy/web').stderr,
    'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
  );
  assert.equal(k(c, 'kubectl rollout status deploy/web').exitCode, 0);
  assert.match(k(c, 'kubectl rollout history deploy/web').stdout, /\n2\s+<none>\n/);
});

test('statefulset: rollout status, history and undo through ControllerRevisions', () => {
  const c = createCluster();
  assert.equal(k(c, 'kubectl apply -f db.yaml').stdout, 'service/db created\nstatefulset.apps/db created\n');
  let r = k(c, 'kubectl rollout status sts/db');
  assert.equal(r.exitCode, 0);
  assert.ok(lines(r.stdout).includes('Waiting for 1 pods to be ready...'));
  assert.equal(lines(r.stdout).pop(), 'partitioned roll out complete: 3 new pods have been updated...');
  k(c, 'kubectl set image statefulset/db pg=postgres:16');
  r = k(c, 'kubectl rollout status statefulset/db');
  assert.ok(
    lines(r.stdout).includes(
      'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...',
    ),
  );
  assert.equal(
    k(c, 'kubectl rollout history sts/db').stdout,
    'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
  );
  assert.equal(k(c, 'kubectl rollout undo sts/db').stdout, 'statefulset.apps/db rolled back\n');
  k(c, 'kubectl rollout status sts/db');
  assert.equal(
    k(c, 'kubectl get sts db -o jsonpath={.spec.template.spec.containers[0].image}').stdout,
    'postgres:15',
  );
  assert.equal(
    k(c, 'kubectl rollout history sts/db').stdout,
    'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
  );
  assert.match(k(c, 'kubectl get pvc').stdout, /data-db-2\s+Bound/);
});

test('delete waits for the object in virtual time; cascades', () => {
  const c = createCluster();
  k(c, 'kubectl apply -f web.yaml');
  k(c, 'kubectl rollout status deploy/web');
  const pod = k(c, 'kubectl get pods -o jsonpath={.items[0].metadata.name}').stdout;
  const r = k(c, `kubectl delete pod ${pod}`);
  assert.equal(r.stdout, `pod "${pod}" deleted\n`);
  assert.equal(
    k(c, `kubectl get pod ${pod}`).stderr,
    `Error from server (NotFound): pods "${pod}" not found\n`,
  );
  assert.equal(k(c, 'kubectl delete deploy web --cascade=orphan').stdout, 'deployment.apps "web" deleted\n');
  c.settle();
  assert.match(k(c, 'kubectl get rs').stdout, /web-\w+\s+3\s+3\s+3/);
  assert.equal(k(c, 'kubectl delete rs -l app=web --cascade=foreground').exitCode, 0);
  assert.equal(k(c, 'kubectl get rs,pods').stderr, 'No resources found in default namespace.\n');
});

test('scale: --current-replicas precondition and the new size', () => {
  const c = createCluster();
  k(c, 'kubectl apply -f web.yaml');
  k(c, 'kubectl rollout status deploy/web');
  assert.deepEqual(
    [k(c, 'kubectl scale deploy/web --replicas=5 --current-replicas=2').stderr],
    ['error: Expected replicas to be 2, was 3\n'],
  );
  assert.equal(
    k(c, 'kubectl scale deploy/web --replicas=5 --current-replicas=3').stdout,
    'deployment.apps/web scaled\n',
  );
  k(c, 'kubectl rollout status deploy/web');
  assert.match(k(c, 'kubectl get deploy web').stdout, /5\/5/);
});
