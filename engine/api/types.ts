/**
 * API object shapes. Field names are the Kubernetes JSON names exactly, so manifests load unmapped.
 * The shapes come from the `kubernetes-types` package (generated from the OpenAPI schema).
 */
import type * as meta from 'kubernetes-types/meta/v1';
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as storage from 'kubernetes-types/storage/v1';

/** kubernetes-types marks every field readonly; the engine builds and copies objects, so it lifts that. */
export type Mutable<T> = T extends (infer U)[]
  ? Mutable<U>[]
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;

export type ObjectMeta = Mutable<meta.ObjectMeta>;
export type OwnerReference = Mutable<meta.OwnerReference>;
export type LabelSelector = Mutable<meta.LabelSelector>;
export type Time = meta.Time;
export type Condition = Mutable<meta.Condition>;
export type Pod = Mutable<core.Pod>;
export type PodSpec = Mutable<core.PodSpec>;
export type PodStatus = Mutable<core.PodStatus>;
export type PodTemplateSpec = Mutable<core.PodTemplateSpec>;
export type PodCondition = Mutable<core.PodCondition>;
export type ContainerStatus = Mutable<core.ContainerStatus>;
export type ContainerState = Mutable<core.ContainerState>;
export type Container = Mutable<core.Container>;
export type Node = Mutable<core.Node>;
export type Service = Mutable<core.Service>;
export type PersistentVolumeClaim = Mutable<core.PersistentVolumeClaim>;
export type PersistentVolume = Mutable<core.PersistentVolume>;
export type Event = Mutable<core.Event>;
export type Namespace = Mutable<core.Namespace>;
export type ReplicaSet = Mutable<apps.ReplicaSet>;
export type ReplicaSetStatus = Mutable<apps.ReplicaSetStatus>;
export type ReplicaSetCondition = Mutable<apps.ReplicaSetCondition>;
export type Deployment = Mutable<apps.Deployment>;
export type DeploymentStatus = Mutable<apps.DeploymentStatus>;
export type DeploymentCondition = Mutable<apps.DeploymentCondition>;
export type StatefulSet = Mutable<apps.StatefulSet>;
export type StatefulSetStatus = Mutable<apps.StatefulSetStatus>;
export type ControllerRevision = Mutable<apps.ControllerRevision>;
export type EndpointSlice = Mutable<discovery.EndpointSlice>;
export type StorageClass = Mutable<storage.StorageClass>;

/** Any API object: apiVersion, kind, metadata, and whatever else its kind carries. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** An object as held by the store: metadata always present, name and namespace resolved. */
export type Stored<T extends KObject = KObject> = T & {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string };
};

/** Milliseconds of virtual time since the cluster's epoch. */
export type VirtualTime = number;
