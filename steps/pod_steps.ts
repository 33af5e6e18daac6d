/**
 * Pods and faults (steps.md): readiness probes that fail or pass again, eviction, and deleting pods
 * by hand.
 */
import { When } from '@cucumber/cucumber';
import { ApiError, kubectlMessage, kindInfo } from '../engine';
import { evictPod } from '../engine/kubelet';
import type { SimWorld } from './world';
import { fail } from './support/failure';

When('the readiness probe of pod {quoted} fails', function (this: SimWorld, name: string) {
  this.cluster.faults.setReadiness(this.mustGet('Pod', name).metadata.uid, false);
});

When('the readiness probe of pod {quoted} passes again', function (this: SimWorld, name: string) {
  this.cluster.faults.setReadiness(this.mustGet('Pod', name).metadata.uid, true);
});

When('the readiness probes of {kind} {quoted} fail', function (this: SimWorld, kind: string, name: string) {
  for (const p of this.podsOf(kind, name)) this.cluster.faults.setReadiness(p.metadata.uid, false);
});

When(
  'the readiness probes of {kind} {quoted} pass again',
  function (this: SimWorld, kind: string, name: string) {
    for (const p of this.podsOf(kind, name)) this.cluster.faults.setReadiness(p.metadata.uid, true);
  },
);

When('pod {quoted} is evicted', function (this: SimWorld, name: string) {
  const pod = this.mustGet('Pod', name);
  if (!evictPod(this.cluster, pod.metadata.namespace ?? 'default', pod.metadata.name))
    fail(`pod "${name}" cannot be evicted: it is not running on a node`);
});

/** Deletes an object as `kubectl delete` would (pods gracefully), failing with kubectl's message. */
function deleteObject(world: SimWorld, kind: string, name: string): void {
  const r = world.ref(name);
  try {
    world.cluster.store.delete(kind, r.namespace, r.name, { actor: 'user' });
  } catch (err) {
    if (err instanceof ApiError) fail(kubectlMessage(err));
    throw err;
  }
}

When('I delete {kind} {quoted}', function (this: SimWorld, kind: string, name: string) {
  deleteObject(this, kind, name);
});

When('I delete a pod of {kind} {quoted}', function (this: SimWorld, kind: string, name: string) {
  const pod = this.podsOf(kind, name).find((p) => !p.metadata.deletionTimestamp);
  if (!pod) fail(`${kindInfo(kind).singular} "${name}" has no pod to delete`);
  deleteObject(this, 'Pod', `${pod.metadata.namespace}/${pod.metadata.name}`);
});
