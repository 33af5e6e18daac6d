/**
 * Names the volume controllers share with the rest of Kubernetes: annotations, finalizers, event
 * reasons and the components that write them. Sources:
 * `staging/src/k8s.io/component-helpers/storage/volume/helpers.go` (Ann*),
 * `pkg/controller/volume/events/event.go` (reasons), `pkg/volume/util/finalizer.go` (finalizers).
 */

/** On a claim: the binder finished binding it (the claim is then synced as bound). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim or volume: the binder (not the user) set the binding on this object. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a volume: the provisioner that created it. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a claim: the provisioner asked to provision it (set by the binder). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** The beta spelling of ANN_STORAGE_PROVISIONER, still written next to it. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a claim: the node the scheduler chose for a WaitForFirstConsumer claim. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a StorageClass: it is the cluster's default class. */
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** A provisioner name that means "static volumes only" (local volumes). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** Event reasons (pkg/controller/volume/events). */
export const REASON_FAILED_BINDING = 'FailedBinding';
export const REASON_VOLUME_MISMATCH = 'VolumeMismatch';
export const REASON_CLAIM_LOST = 'ClaimLost';
export const REASON_CLAIM_MISBOUND = 'ClaimMisbound';
export const REASON_WAIT_FOR_FIRST_CONSUMER = 'WaitForFirstConsumer';
export const REASON_WAIT_FOR_POD_SCHEDULED = 'WaitForPodScheduled';
export const REASON_EXTERNAL_PROVISIONING = 'ExternalProvisioning';
export const REASON_PROVISIONING = 'Provisioning';
export const REASON_PROVISIONING_SUCCEEDED = 'ProvisioningSucceeded';
export const REASON_PROVISIONING_FAILED = 'ProvisioningFailed';
export const REASON_UNKNOWN_RECLAIM_POLICY = 'VolumeUnknownReclaimPolicy';

/** Components (watch actors and event sources). */
export const PV_CONTROLLER = 'persistentvolume-binder-controller';
/** The event source of the binder, as `kubectl describe pvc` shows it. */
export const PV_CONTROLLER_EVENT_SOURCE = 'persistentvolume-controller';
export const PVC_PROTECTION_CONTROLLER = 'pvc-protection-controller';
export const PV_PROTECTION_CONTROLLER = 'pv-protection-controller';
/** Who creates the default StorageClass (minikube's addon manager does it in a real cluster). */
export const ADDON_MANAGER = 'addon-manager';
