/**
 * What every controller (and the kubelet and scheduler) gets: the store to read and write, the
 * runtime for queues and timers, the event recorder, the cluster's options and faults.
 * A controller is constructed once per cluster; it subscribes to watch events in its constructor
 * and does its work in work-queue syncs and timers. It never reads wall time or Math.random.
 */
import type { Store } from '../store/store';
import type { Runtime } from '../runtime/runtime';
import type { EventRecorder } from '../events/recorder';

/** Feature gates the engine models, with Kubernetes 1.34 defaults. */
export interface FeatureGates {
  MaxUnavailableStatefulSet: boolean;
  StatefulSetAutoDeletePVC: boolean;
  PodIndexLabel: boolean;
  [gate: string]: boolean;
}

export const DEFAULT_FEATURE_GATES: FeatureGates = {
  MaxUnavailableStatefulSet: false,
  StatefulSetAutoDeletePVC: true,
  PodIndexLabel: true,
};

/** How an image behaves in the simulated container runtime. Images not listed pull, start and become ready. */
export type ImageBehaviour = 'unpullable' | 'crash' | 'neverReady';

/** Simulator timings (statefulset.md §13.8: parameters, not Kubernetes facts). Milliseconds. */
export interface KubeletTimings {
  schedule: number;
  sandbox: number;
  pull: number;
  start: number;
}

export const DEFAULT_TIMINGS: KubeletTimings = { schedule: 0, sandbox: 1000, pull: 1000, start: 0 };

/** Faults a scenario injects; the kubelet reads them. */
export class Faults {
  readonly images = new Map<string, ImageBehaviour>();
  /** Pod uid → forced readiness-probe result (false: failing; true: passing again). */
  readonly readiness = new Map<string, boolean>();
  /** Called when a fault changes so the kubelet can re-evaluate the affected pods. */
  onChange: (podUid?: string) => void = () => {};

  imageBehaviour(image: string | undefined): ImageBehaviour | undefined {
    if (!image) return undefined;
    return this.images.get(image) ?? this.images.get(normalizeImage(image));
  }

  setImage(image: string, behaviour: ImageBehaviour | undefined): void {
    if (behaviour) this.images.set(image, behaviour);
    else this.images.delete(image);
    this.onChange();
  }

  setReadiness(podUid: string, passes: boolean | undefined): void {
    if (passes === undefined) this.readiness.delete(podUid);
    else this.readiness.set(podUid, passes);
    this.onChange(podUid);
  }
}

/** `nginx` → `nginx:latest`; a reference with a tag or digest is kept. */
export function normalizeImage(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  return tail.includes(':') || tail.includes('@') ? image : `${image}:latest`;
}

/**
 * Planted controller bugs, for showing that invariants and the fuzzer catch them. Reachable only
 * through the cluster options, never from manifests. Empty in normal runs.
 */
export type PlantedBug = string;

export interface ClusterOptions {
  seed: number | string;
  /** Number of nodes `node-1` … `node-N` (default 3), each with ample capacity. */
  nodes: number;
  featureGates: FeatureGates;
  timings: KubeletTimings;
  plantedBugs: ReadonlySet<PlantedBug>;
  /** Record Event objects (default true). */
  events: boolean;
}

export interface ControllerContext {
  readonly store: Store;
  readonly runtime: Runtime;
  readonly recorder: EventRecorder;
  readonly options: ClusterOptions;
  readonly faults: Faults;
}

export interface Controller {
  readonly name: string;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;
