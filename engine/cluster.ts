/**
 * A cluster: one store, one runtime, the controllers, the scheduler and the kubelet, wired as in
 * kube-controller-manager. `createCluster` is the engine's entry point.
 */
import { Runtime, SettleOptions } from './runtime/runtime';
import { Store } from './store/store';
import { Trace } from './trace/trace';
import { EventRecorder } from './events/recorder';
import {
  ClusterOptions,
  Controller,
  ControllerContext,
  ControllerFactory,
  DEFAULT_FEATURE_GATES,
  DEFAULT_TIMINGS,
  Faults,
} from './controllers/context';
import { controllerFactories } from './controllers/registry';
import type { Node, PersistentVolumeClaim, Service } from './api/types';
import { defaultStorageClass, storageObjectInUseProtection } from './controllers/volume';
import { allocateServiceAddresses } from './controllers/service';

export interface ClusterInit {
  seed?: number | string;
  nodes?: number;
  featureGates?: Partial<ClusterOptions['featureGates']>;
  timings?: Partial<ClusterOptions['timings']>;
  plantedBugs?: Iterable<string>;
  events?: boolean;
  /** Override the controller set (tests); default: every controller of the registry. */
  controllers?: ControllerFactory[];
}

export const DEFAULT_SEED = 1;

export class Cluster implements ControllerContext {
  readonly runtime: Runtime;
  readonly store: Store;
  readonly trace: Trace;
  readonly recorder: EventRecorder;
  readonly faults = new Faults();
  readonly options: ClusterOptions;
  readonly controllers: Controller[] = [];

  constructor(init: ClusterInit = {}) {
    this.options = {
      seed: init.seed ?? DEFAULT_SEED,
      nodes: init.nodes ?? 3,
      featureGates: {
        ...DEFAULT_FEATURE_GATES,
        ...(init.featureGates ?? {}),
      } as ClusterOptions['featureGates'],
      timings: { ...DEFAULT_TIMINGS, ...(init.timings ?? {}) },
      plantedBugs: new Set(init.plantedBugs ?? []),
      events: init.events ?? true,
    };
    this.runtime = new Runtime(this.options.seed);
    this.store = new Store(this.runtime);
    this.trace = new Trace(this.store);
    this.recorder = new EventRecorder(this.store);
    this.recorder.enabled = this.options.events;
    this.runtime.describeActivity = (since) => this.trace.busiest(since) || 'nothing observable';
    // The API server's admission plugins that need the store, in kube-apiserver's order.
    this.store.admissionPlugins.push(
      {
        name: 'DefaultStorageClass',
        create: (obj, store) => {
          if (obj.kind === 'PersistentVolumeClaim') defaultStorageClass(store, obj as PersistentVolumeClaim);
        },
      },
      { name: 'StorageObjectInUseProtection', create: (obj) => storageObjectInUseProtection(obj) },
      {
        name: 'ServiceIPAllocation',
        create: (obj, store) => {
          if (obj.kind === 'Service') allocateServiceAddresses(store, obj as Service);
        },
      },
    );
    for (const f of init.controllers ?? controllerFactories) this.controllers.push(f(this));
    this.setNodes(this.options.nodes);
  }

  get now(): number {
    return this.runtime.now;
  }

  /** Replaces the cluster's nodes with `node-1` … `node-N`, each with ample capacity. */
  setNodes(n: number): void {
    for (const node of this.store.list<Node>('Node'))
      this.store.delete('Node', undefined, node.metadata.name, { actor: 'user' });
    for (let i = 1; i <= n; i++) this.store.create(makeNode(`node-${i}`), { actor: 'node-lifecycle' });
  }

  step(): boolean {
    return this.runtime.step();
  }

  advance(ms: number, opts?: SettleOptions): void {
    this.runtime.advance(ms, opts);
  }

  settle(opts?: SettleOptions): void {
    this.runtime.settle(opts);
  }
}

export function createCluster(init: ClusterInit = {}): Cluster {
  return new Cluster(init);
}

/** A Ready node with ample capacity (64 CPUs, 256 GiB, 110 pods), as `kind` or KWOK would register. */
export function makeNode(
  name: string,
  capacity: { cpu?: string; memory?: string; pods?: string } = {},
): Node {
  const cap = {
    cpu: capacity.cpu ?? '64',
    memory: capacity.memory ?? '256Gi',
    pods: capacity.pods ?? '110000',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
    },
    spec: {},
    status: {
      capacity: cap,
      allocatable: cap,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.0',
        kubeProxyVersion: 'v1.34.0',
        containerRuntimeVersion: 'containerd://1.7.0',
        osImage: 'kube-scenario',
        operatingSystem: 'linux',
        architecture: 'amd64',
        kernelVersion: '6.1.0',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  };
}
