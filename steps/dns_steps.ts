/**
 * Cluster DNS (steps.md, The timeline): what a pod of the default namespace would get for a name,
 * from engine/dns (headless Service records for ready endpoints, as CoreDNS serves them).
 */
import { Then } from '@cucumber/cucumber';
import type { Pod } from '../engine';
import { resolve, resolvesToPod } from '../engine/dns';
import type { SimWorld } from './world';
import { fail } from './support/failure';

Then('the DNS name {quoted} resolves to pod {quoted}', function (this: SimWorld, name: string, pod: string) {
  const store = this.cluster.store;
  const ref = this.ref(pod);
  // `ns/pod` names the pod's namespace; a bare name is looked up where the DNS name points.
  const namespace = pod.includes('/') ? ref.namespace : undefined;
  if (resolvesToPod(store, name, ref.name, { searchNamespace: 'default', namespace })) return;
  const ips = resolve(store, name, { searchNamespace: 'default' });
  const p = this.get<Pod>('Pod', pod);
  const podIp = p ? (p.status?.podIP ?? 'no IP yet') : 'does not exist';
  fail(
    `the DNS name "${name}" resolves to ${ips.length ? ips.join(', ') : 'nothing (NXDOMAIN)'}; pod "${pod}" ${p ? `has ${podIp}` : podIp}`,
  );
});

Then('the DNS name {quoted} does not resolve', function (this: SimWorld, name: string) {
  const ips = resolve(this.cluster.store, name, { searchNamespace: 'default' });
  if (ips.length) fail(`the DNS name "${name}" resolves to ${ips.join(', ')}; expected it not to resolve`);
});
