/**
 * Timeline steps over Services and pod order (the strategies features and the StatefulSet
 * walkthrough). The predicates are pure functions in engine/invariants/services.ts.
 */
import { Then } from '@cucumber/cucumber';
import { formatMs } from '../engine';
import type { Pod, Service, Stored } from '../engine';
import { parseSelector } from '../engine/api/selectors';
import { resolve } from '../engine/dns';
import {
  podReadyBeforeCreated,
  readyEndpointPods,
  serviceHadNoReadyEndpoints,
  serviceReadyAtLeast,
  serviceNeverServedBoth,
} from '../engine/invariants/services';
import type { SimWorld } from './world';
import { fail } from './support/failure';

Then(
  'service {quoted} never had ready endpoints from both {quoted} and {quoted}',
  function (this: SimWorld, name: string, a: string, b: string) {
    const { namespace, name: s } = this.ref(name);
    const r = serviceNeverServedBoth(this.cluster.trace, namespace, s, a, b, this.window);
    if (r.ok || !r.at) return;
    fail(
      `service "${name}" had ready endpoints from both "${a}" (${r.a!.join(', ')}) and "${b}" (${r.b!.join(', ')}) at ${formatMs(r.at.time)} (after ${r.at.change}) in ${this.describeWindow()}`,
      r.at,
    );
  },
);

Then('service {quoted} had no ready endpoints at some instant', function (this: SimWorld, name: string) {
  const { namespace, name: s } = this.ref(name);
  const r = serviceHadNoReadyEndpoints(this.cluster.trace, namespace, s, this.window);
  if (!r.ok)
    fail(
      `service "${name}" always had ready endpoints in ${this.describeWindow()} (at least ${r.fewest} at every instant)`,
    );
});

Then(
  'pod {quoted} was running and ready before pod {quoted} was created',
  function (this: SimWorld, first: string, second: string) {
    const a = this.ref(first);
    const b = this.ref(second);
    const r = podReadyBeforeCreated(this.cluster.trace, a.namespace, a.name, b.name, this.window);
    if (!r.createdAt) fail(`pod "${second}" was not created in ${this.describeWindow()}`);
    if (!r.ok)
      fail(
        `pod "${second}" was created at ${formatMs(r.createdAt.time)} while pod "${first}" was not running and ready`,
        r.createdAt,
      );
  },
);

Then(
  'the DNS name {quoted} resolves to the cluster IP of service {quoted}',
  function (this: SimWorld, name: string, service: string) {
    const svc = this.mustGet<Service>('Service', service);
    const ip = svc.spec?.clusterIP;
    const ips = resolve(this.cluster.store, name, { searchNamespace: 'default' });
    if (!ip || ip === 'None') fail(`service "${service}" has no cluster IP (clusterIP: ${ip ?? 'unset'})`);
    if (ips.length !== 1 || ips[0] !== ip)
      fail(
        `the DNS name "${name}" resolves to ${ips.length ? ips.join(', ') : 'nothing (NXDOMAIN)'}; expected the cluster IP ${ip} of service "${service}"`,
      );
  },
);

Then(
  'the DNS name {quoted} resolves to pods {quoted}',
  function (this: SimWorld, name: string, pods: string) {
    const names = pods
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const expected = names
      .map((p) => {
        const ip = this.mustGet<Pod>('Pod', p).status?.podIP;
        if (!ip) fail(`pod "${p}" has no IP`);
        return ip;
      })
      .sort();
    const actual = [...resolve(this.cluster.store, name, { searchNamespace: 'default' })].sort();
    if (actual.join(',') !== expected.join(','))
      fail(
        `the DNS name "${name}" resolves to ${actual.length ? actual.join(', ') : 'nothing (NXDOMAIN)'}; expected ${expected.join(', ')} (pods ${names.join(', ')})`,
      );
  },
);

Then(
  'service {quoted} always had at least {int} ready endpoint(s)',
  function (this: SimWorld, name: string, n: number) {
    const { namespace, name: s } = this.ref(name);
    const r = serviceReadyAtLeast(this.cluster.trace, namespace, s, n, this.window);
    if (!r.ok)
      fail(
        `service "${name}" had ${r.worst} ready endpoints at ${formatMs(r.at.time)} (after ${r.at.change}); expected at least ${n} at every instant of ${this.describeWindow()}`,
        r.at,
      );
  },
);

Then(
  '{int} of the {int} ready endpoints of service {quoted} are pods matching {quoted}',
  function (this: SimWorld, k: number, n: number, name: string, selector: string) {
    const { namespace, name: s } = this.ref(name);
    const state = new Map<string, Stored>();
    for (const kind of ['EndpointSlice', 'Pod'])
      for (const o of this.cluster.store.list(kind, { namespace }))
        state.set(`${kind}/${namespace}/${o.metadata.name}`, o);
    const pods = readyEndpointPods(state, namespace, s);
    const sel = parseSelector(selector);
    const matching = pods.filter((p) => sel.matches(p.metadata.labels ?? {}));
    if (pods.length !== n || matching.length !== k)
      fail(
        `${matching.length} of the ${pods.length} ready endpoints of service "${name}" are pods matching "${selector}"; expected ${k} of ${n}`,
      );
  },
);
