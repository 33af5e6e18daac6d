/**
 * A pod's resource requests as the scheduler counts them (pkg/api/v1/resource/helpers.go
 * `PodRequests`, pkg/scheduler/framework/types.go `calculateResource`):
 *   requests = max(Σ regular containers + Σ sidecars, max over init containers of (init + sidecars
 *   started before it)) + overhead.
 * A container's request defaults to its limit (API defaulting). For scoring only, a container with no
 * cpu / memory request counts as 100m / 200Mi (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest).
 */
import type { Container, Pod } from '../api/types';
import { milliCpu, quantityValue } from './quantity';

export interface Resources {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function containerRequest(c: Container, nonZero: boolean): Resources {
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  const cpuQ = req.cpu ?? lim.cpu;
  const memQ = req.memory ?? lim.memory;
  return {
    cpu: cpuQ === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : milliCpu(cpuQ),
    memory: memQ === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : quantityValue(memQ),
  };
}

export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/** The pod's effective requests; `nonZero` applies the scoring defaults to unset requests. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  const total: Resources = { cpu: 0, memory: 0 };
  if (!spec) return total;
  for (const c of spec.containers ?? []) {
    const r = containerRequest(c, nonZero);
    total.cpu += r.cpu;
    total.memory += r.memory;
  }
  const sidecars: Resources = { cpu: 0, memory: 0 };
  const initMax: Resources = { cpu: 0, memory: 0 };
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c, nonZero);
    if (isSidecar(c)) {
      sidecars.cpu += r.cpu;
      sidecars.memory += r.memory;
      initMax.cpu = Math.max(initMax.cpu, sidecars.cpu);
      initMax.memory = Math.max(initMax.memory, sidecars.memory);
    } else {
      initMax.cpu = Math.max(initMax.cpu, r.cpu + sidecars.cpu);
      initMax.memory = Math.max(initMax.memory, r.memory + sidecars.memory);
    }
  }
  const out: Resources = {
    cpu: Math.max(total.cpu + sidecars.cpu, initMax.cpu),
    memory: Math.max(total.memory + sidecars.memory, initMax.memory),
  };
  const overhead = spec.overhead ?? {};
  if (overhead.cpu !== undefined) out.cpu += milliCpu(overhead.cpu);
  if (overhead.memory !== undefined) out.memory += quantityValue(overhead.memory);
  return out;
}
