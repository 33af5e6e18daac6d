/**
 * What the API server's decoder knows before defaulting and validation run: the field tree of every
 * kind the engine serves, strict field checking (`kubectl apply --validate=strict`, which sends
 * `fieldValidation=Strict`), the decoder's type errors, and resource quantities.
 *
 * Mirrors: the JSON decoding of `k8s.io/apimachinery/pkg/runtime/serializer/json` with
 * `sigs.k8s.io/json` (case-sensitive, strict errors listed in document order), the
 * `UnmarshalTypeError` text of Go's encoding/json, and `k8s.io/apimachinery/pkg/api/resource`.
 *
 * The table below lists the fields of the v1 API types reachable from the served kinds (derived from
 * the API type definitions of 1.30 and extended by hand with the fields added through 1.34). Types:
 *   s, s:GoName    string (GoName: the named Go type, e.g. v1.RestartPolicy, shown in type errors)
 *   i32, i64, b    integers and booleans
 *   q, t, ios      resource.Quantity, metav1.Time, intstr.IntOrString
 *   any            free-form (runtime.RawExtension, FieldsV1, not modelled in detail)
 *   []X, {}X       list of X, map from string to X
 *   Name           another struct of the table
 *
 * Worked examples: `spec.replicass` on a Deployment is an unknown field; `replicas: "3"` gives
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`;
 * `cpu: 1Gb` gives the quantity regular-expression error; quantity `0.5` canonicalizes to `500m`,
 * `1000m` to `1`, `2048Ki` to `2Mi`, `1000` to `1k`.
 */
import { ApiError } from './errors';
import { isKnownKind, kindInfo } from './kinds';
import type { KObject } from './types';
import { parseQuantity } from './quantity';

/* prettier-ignore */
const TABLE: Record<string, string> = {
  Pod: 'apiVersion:s kind:s metadata:ObjectMeta spec:PodSpec status:PodStatus',
  Node: 'apiVersion:s kind:s metadata:ObjectMeta spec:NodeSpec status:NodeStatus',
  Namespace: 'apiVersion:s kind:s metadata:ObjectMeta spec:NamespaceSpec status:NamespaceStatus',
  Service: 'apiVersion:s kind:s metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus',
  PersistentVolumeClaim: 'apiVersion:s kind:s metadata:ObjectMeta spec:PersistentVolumeClaimSpec status:PersistentVolumeClaimStatus',
  PersistentVolume: 'apiVersion:s kind:s metadata:ObjectMeta spec:PersistentVolumeSpec status:PersistentVolumeStatus',
  Event: 'action:s apiVersion:s count:i32 eventTime:t firstTimestamp:t involvedObject:ObjectReference kind:s lastTimestamp:t message:s metadata:ObjectMeta reason:s related:ObjectReference reportingComponent:s reportingInstance:s series:EventSeries source:EventSource type:s',
  ReplicaSet: 'apiVersion:s kind:s metadata:ObjectMeta spec:ReplicaSetSpec status:ReplicaSetStatus',
  Deployment: 'apiVersion:s kind:s metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus',
  StatefulSet: 'apiVersion:s kind:s metadata:ObjectMeta spec:StatefulSetSpec status:StatefulSetStatus',
  ControllerRevision: 'apiVersion:s data:any kind:s metadata:ObjectMeta revision:i64',
  EndpointSlice: 'addressType:s:AddressType apiVersion:s endpoints:[]Endpoint kind:s metadata:ObjectMeta ports:[]EndpointPort',
  StorageClass: 'allowVolumeExpansion:b allowedTopologies:[]TopologySelectorTerm apiVersion:s kind:s metadata:ObjectMeta mountOptions:[]s parameters:{}s provisioner:s reclaimPolicy:s:PersistentVolumeReclaimPolicy volumeBindingMode:s:VolumeBindingMode',
  ObjectMeta: 'annotations:{}s creationTimestamp:t deletionGracePeriodSeconds:i64 deletionTimestamp:t finalizers:[]s generateName:s generation:i64 labels:{}s managedFields:[]ManagedFieldsEntry name:s namespace:s ownerReferences:[]OwnerReference resourceVersion:s selfLink:s uid:s:types.UID',
  PodSpec: 'activeDeadlineSeconds:i64 affinity:Affinity automountServiceAccountToken:b containers:[]Container dnsConfig:PodDNSConfig dnsPolicy:s:DNSPolicy enableServiceLinks:b ephemeralContainers:[]EphemeralContainer hostAliases:[]HostAlias hostIPC:b hostNetwork:b hostPID:b hostUsers:b hostname:s hostnameOverride:s imagePullSecrets:[]LocalObjectReference initContainers:[]Container nodeName:s nodeSelector:{}s os:PodOS overhead:{}q preemptionPolicy:s:PreemptionPolicy priority:i32 priorityClassName:s readinessGates:[]PodReadinessGate resourceClaims:[]PodResourceClaim resources:ResourceRequirements restartPolicy:s:RestartPolicy runtimeClassName:s schedulerName:s schedulingGates:[]PodSchedulingGate securityContext:PodSecurityContext serviceAccount:s serviceAccountName:s setHostnameAsFQDN:b shareProcessNamespace:b subdomain:s terminationGracePeriodSeconds:i64 tolerations:[]Toleration topologySpreadConstraints:[]TopologySpreadConstraint volumes:[]Volume',
  PodStatus: 'conditions:[]PodCondition containerStatuses:[]ContainerStatus ephemeralContainerStatuses:[]ContainerStatus extendedResourceClaimStatus:any hostIP:s hostIPs:[]HostIP initContainerStatuses:[]ContainerStatus message:s nominatedNodeName:s observedGeneration:i64 phase:s:PodPhase podIP:s podIPs:[]PodIP qosClass:s:PodQOSClass reason:s resize:s resourceClaimStatuses:[]PodResourceClaimStatus startTime:t',
  NodeSpec: 'configSource:NodeConfigSource externalID:s podCIDR:s podCIDRs:[]s providerID:s taints:[]Taint unschedulable:b',
  NodeStatus: 'addresses:[]NodeAddress allocatable:{}q capacity:{}q conditions:[]NodeCondition config:NodeConfigStatus daemonEndpoints:NodeDaemonEndpoints features:any images:[]ContainerImage nodeInfo:NodeSystemInfo phase:s:NodePhase runtimeHandlers:[]NodeRuntimeHandler volumesAttached:[]AttachedVolume volumesInUse:[]s',
  NamespaceSpec: 'finalizers:[]s',
  NamespaceStatus: 'conditions:[]NamespaceCondition phase:s:NamespacePhase',
  ServiceSpec: 'allocateLoadBalancerNodePorts:b clusterIP:s clusterIPs:[]s externalIPs:[]s externalName:s externalTrafficPolicy:s:ServiceExternalTrafficPolicy healthCheckNodePort:i32 internalTrafficPolicy:s:ServiceInternalTrafficPolicy ipFamilies:[]s:IPFamily ipFamilyPolicy:s:IPFamilyPolicy loadBalancerClass:s loadBalancerIP:s loadBalancerSourceRanges:[]s ports:[]ServicePort publishNotReadyAddresses:b selector:{}s sessionAffinity:s:ServiceAffinity sessionAffinityConfig:SessionAffinityConfig trafficDistribution:s type:s:ServiceType',
  ServiceStatus: 'conditions:[]Condition loadBalancer:LoadBalancerStatus',
  PersistentVolumeClaimSpec: 'accessModes:[]s:PersistentVolumeAccessMode dataSource:TypedLocalObjectReference dataSourceRef:TypedObjectReference resources:VolumeResourceRequirements selector:LabelSelector storageClassName:s volumeAttributesClassName:s volumeMode:s:PersistentVolumeMode volumeName:s',
  PersistentVolumeClaimStatus: 'accessModes:[]s:PersistentVolumeAccessMode allocatedResourceStatuses:{}s allocatedResources:{}q capacity:{}q conditions:[]PersistentVolumeClaimCondition currentVolumeAttributesClassName:s modifyVolumeStatus:ModifyVolumeStatus phase:s:PersistentVolumeClaimPhase',
  PersistentVolumeSpec: 'accessModes:[]s:PersistentVolumeAccessMode awsElasticBlockStore:AWSElasticBlockStoreVolumeSource azureDisk:AzureDiskVolumeSource azureFile:AzureFilePersistentVolumeSource capacity:{}q cephfs:CephFSPersistentVolumeSource cinder:CinderPersistentVolumeSource claimRef:ObjectReference csi:CSIPersistentVolumeSource fc:FCVolumeSource flexVolume:FlexPersistentVolumeSource flocker:FlockerVolumeSource gcePersistentDisk:GCEPersistentDiskVolumeSource glusterfs:GlusterfsPersistentVolumeSource hostPath:HostPathVolumeSource iscsi:ISCSIPersistentVolumeSource local:LocalVolumeSource mountOptions:[]s nfs:NFSVolumeSource nodeAffinity:VolumeNodeAffinity persistentVolumeReclaimPolicy:s:PersistentVolumeReclaimPolicy photonPersistentDisk:PhotonPersistentDiskVolumeSource portworxVolume:PortworxVolumeSource quobyte:QuobyteVolumeSource rbd:RBDPersistentVolumeSource scaleIO:ScaleIOPersistentVolumeSource storageClassName:s storageos:StorageOSPersistentVolumeSource volumeAttributesClassName:s volumeMode:s:PersistentVolumeMode vsphereVolume:VsphereVirtualDiskVolumeSource',
  PersistentVolumeStatus: 'lastPhaseTransitionTime:t message:s phase:s:PersistentVolumePhase reason:s',
  ObjectReference: 'apiVersion:s fieldPath:s kind:s name:s namespace:s resourceVersion:s uid:s:types.UID',
  EventSeries: 'count:i32 lastObservedTime:t',
  EventSource: 'component:s host:s',
  ReplicaSetSpec: 'minReadySeconds:i32 replicas:i32 selector:LabelSelector template:PodTemplateSpec',
  ReplicaSetStatus: 'availableReplicas:i32 conditions:[]ReplicaSetCondition fullyLabeledReplicas:i32 observedGeneration:i64 readyReplicas:i32 replicas:i32 terminatingReplicas:i32',
  DeploymentSpec: 'minReadySeconds:i32 paused:b progressDeadlineSeconds:i32 replicas:i32 revisionHistoryLimit:i32 selector:LabelSelector strategy:DeploymentStrategy template:PodTemplateSpec',
  DeploymentStatus: 'availableReplicas:i32 collisionCount:i32 conditions:[]DeploymentCondition observedGeneration:i64 readyReplicas:i32 replicas:i32 terminatingReplicas:i32 unavailableReplicas:i32 updatedReplicas:i32',
  StatefulSetSpec: 'minReadySeconds:i32 ordinals:StatefulSetOrdinals persistentVolumeClaimRetentionPolicy:StatefulSetPersistentVolumeClaimRetentionPolicy podManagementPolicy:s:PodManagementPolicyType replicas:i32 revisionHistoryLimit:i32 selector:LabelSelector serviceName:s template:PodTemplateSpec updateStrategy:StatefulSetUpdateStrategy volumeClaimTemplates:[]PersistentVolumeClaim',
  StatefulSetStatus: 'availableReplicas:i32 collisionCount:i32 conditions:[]StatefulSetCondition currentReplicas:i32 currentRevision:s observedGeneration:i64 readyReplicas:i32 replicas:i32 updateRevision:s updatedReplicas:i32',
  Endpoint: 'addresses:[]s conditions:EndpointConditions deprecatedTopology:{}s hints:EndpointHints hostname:s nodeName:s targetRef:ObjectReference zone:s',
  EndpointPort: 'appProtocol:s name:s port:i32 protocol:s:Protocol',
  TopologySelectorTerm: 'matchLabelExpressions:[]TopologySelectorLabelRequirement',
  ManagedFieldsEntry: 'apiVersion:s fieldsType:s fieldsV1:any manager:s operation:s subresource:s time:t',
  OwnerReference: 'apiVersion:s blockOwnerDeletion:b controller:b kind:s name:s uid:s:types.UID',
  Affinity: 'nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAntiAffinity',
  Container: 'args:[]s command:[]s env:[]EnvVar envFrom:[]EnvFromSource image:s imagePullPolicy:s:PullPolicy lifecycle:Lifecycle livenessProbe:Probe name:s ports:[]ContainerPort readinessProbe:Probe resizePolicy:[]ContainerResizePolicy resources:ResourceRequirements restartPolicy:s:ContainerRestartPolicy restartPolicyRules:[]ContainerRestartRule securityContext:SecurityContext startupProbe:Probe stdin:b stdinOnce:b terminationMessagePath:s terminationMessagePolicy:s:TerminationMessagePolicy tty:b volumeDevices:[]VolumeDevice volumeMounts:[]VolumeMount workingDir:s',
  PodDNSConfig: 'nameservers:[]s options:[]PodDNSConfigOption searches:[]s',
  EphemeralContainer: 'args:[]s command:[]s env:[]EnvVar envFrom:[]EnvFromSource image:s imagePullPolicy:s:PullPolicy lifecycle:Lifecycle livenessProbe:Probe name:s ports:[]ContainerPort readinessProbe:Probe resizePolicy:[]ContainerResizePolicy resources:ResourceRequirements restartPolicy:s:ContainerRestartPolicy restartPolicyRules:[]ContainerRestartRule securityContext:SecurityContext startupProbe:Probe stdin:b stdinOnce:b targetContainerName:s terminationMessagePath:s terminationMessagePolicy:s:TerminationMessagePolicy tty:b volumeDevices:[]VolumeDevice volumeMounts:[]VolumeMount workingDir:s',
  HostAlias: 'hostnames:[]s ip:s',
  LocalObjectReference: 'name:s',
  PodOS: 'name:s:OSName',
  PodReadinessGate: 'conditionType:s',
  PodResourceClaim: 'name:s resourceClaimName:s resourceClaimTemplateName:s source:ClaimSource',
  PodSchedulingGate: 'name:s',
  PodSecurityContext: 'appArmorProfile:AppArmorProfile fsGroup:i64 fsGroupChangePolicy:s runAsGroup:i64 runAsNonRoot:b runAsUser:i64 seLinuxChangePolicy:s seLinuxOptions:SELinuxOptions seccompProfile:SeccompProfile supplementalGroups:[]i64 supplementalGroupsPolicy:s sysctls:[]Sysctl windowsOptions:WindowsSecurityContextOptions',
  Toleration: 'effect:s:TaintEffect key:s operator:s:TolerationOperator tolerationSeconds:i64 value:s',
  TopologySpreadConstraint: 'labelSelector:LabelSelector matchLabelKeys:[]s maxSkew:i32 minDomains:i32 nodeAffinityPolicy:s:NodeInclusionPolicy nodeTaintsPolicy:s:NodeInclusionPolicy topologyKey:s whenUnsatisfiable:s:UnsatisfiableConstraintAction',
  Volume: 'awsElasticBlockStore:AWSElasticBlockStoreVolumeSource azureDisk:AzureDiskVolumeSource azureFile:AzureFileVolumeSource cephfs:CephFSVolumeSource cinder:CinderVolumeSource configMap:ConfigMapVolumeSource csi:CSIVolumeSource downwardAPI:DownwardAPIVolumeSource emptyDir:EmptyDirVolumeSource ephemeral:EphemeralVolumeSource fc:FCVolumeSource flexVolume:FlexVolumeSource flocker:FlockerVolumeSource gcePersistentDisk:GCEPersistentDiskVolumeSource gitRepo:GitRepoVolumeSource glusterfs:GlusterfsVolumeSource hostPath:HostPathVolumeSource image:ImageVolumeSource iscsi:ISCSIVolumeSource name:s nfs:NFSVolumeSource persistentVolumeClaim:PersistentVolumeClaimVolumeSource photonPersistentDisk:PhotonPersistentDiskVolumeSource portworxVolume:PortworxVolumeSource projected:ProjectedVolumeSource quobyte:QuobyteVolumeSource rbd:RBDVolumeSource scaleIO:ScaleIOVolumeSource secret:SecretVolumeSource storageos:StorageOSVolumeSource vsphereVolume:VsphereVirtualDiskVolumeSource',
  PodCondition: 'lastProbeTime:t lastTransitionTime:t message:s observedGeneration:i64 reason:s status:s:ConditionStatus type:s:PodConditionType',
  ContainerStatus: 'allocatedResources:{}q allocatedResourcesStatus:any containerID:s image:s imageID:s lastState:ContainerState name:s ready:b resources:ResourceRequirements restartCount:i32 started:b state:ContainerState stopSignal:s user:any volumeMounts:[]VolumeMountStatus',
  HostIP: 'ip:s',
  PodIP: 'ip:s',
  PodResourceClaimStatus: 'name:s resourceClaimName:s',
  NodeConfigSource: 'configMap:ConfigMapNodeConfigSource',
  Taint: 'effect:s:TaintEffect key:s timeAdded:t value:s',
  NodeAddress: 'address:s type:s:NodeAddressType',
  NodeCondition: 'lastHeartbeatTime:t lastTransitionTime:t message:s reason:s status:s:ConditionStatus type:s:NodeConditionType',
  NodeConfigStatus: 'active:NodeConfigSource assigned:NodeConfigSource error:s lastKnownGood:NodeConfigSource',
  NodeDaemonEndpoints: 'kubeletEndpoint:DaemonEndpoint',
  ContainerImage: 'names:[]s sizeBytes:i64',
  NodeSystemInfo: 'architecture:s bootID:s containerRuntimeVersion:s kernelVersion:s kubeProxyVersion:s kubeletVersion:s machineID:s operatingSystem:s osImage:s swap:any systemUUID:s',
  NodeRuntimeHandler: 'features:NodeRuntimeHandlerFeatures name:s',
  AttachedVolume: 'devicePath:s name:s',
  NamespaceCondition: 'lastTransitionTime:t message:s reason:s status:s type:s',
  ServicePort: 'appProtocol:s name:s nodePort:i32 port:i32 protocol:s:Protocol targetPort:ios',
  SessionAffinityConfig: 'clientIP:ClientIPConfig',
  Condition: 'lastTransitionTime:t message:s observedGeneration:i64 reason:s status:s:ConditionStatus type:s',
  LoadBalancerStatus: 'ingress:[]LoadBalancerIngress',
  TypedLocalObjectReference: 'apiGroup:s kind:s name:s',
  TypedObjectReference: 'apiGroup:s kind:s name:s namespace:s',
  VolumeResourceRequirements: 'limits:{}q requests:{}q',
  LabelSelector: 'matchExpressions:[]LabelSelectorRequirement matchLabels:{}s',
  PersistentVolumeClaimCondition: 'lastProbeTime:t lastTransitionTime:t message:s reason:s status:s type:s',
  ModifyVolumeStatus: 'status:s targetVolumeAttributesClassName:s',
  AWSElasticBlockStoreVolumeSource: 'fsType:s partition:i32 readOnly:b volumeID:s',
  AzureDiskVolumeSource: 'cachingMode:s diskName:s diskURI:s fsType:s kind:s readOnly:b',
  AzureFilePersistentVolumeSource: 'readOnly:b secretName:s secretNamespace:s shareName:s',
  CephFSPersistentVolumeSource: 'monitors:[]s path:s readOnly:b secretFile:s secretRef:SecretReference user:s',
  CinderPersistentVolumeSource: 'fsType:s readOnly:b secretRef:SecretReference volumeID:s',
  CSIPersistentVolumeSource: 'controllerExpandSecretRef:SecretReference controllerPublishSecretRef:SecretReference driver:s fsType:s nodeExpandSecretRef:SecretReference nodePublishSecretRef:SecretReference nodeStageSecretRef:SecretReference readOnly:b volumeAttributes:{}s volumeHandle:s',
  FCVolumeSource: 'fsType:s lun:i32 readOnly:b targetWWNs:[]s wwids:[]s',
  FlexPersistentVolumeSource: 'driver:s fsType:s options:{}s readOnly:b secretRef:SecretReference',
  FlockerVolumeSource: 'datasetName:s datasetUUID:s',
  GCEPersistentDiskVolumeSource: 'fsType:s partition:i32 pdName:s readOnly:b',
  GlusterfsPersistentVolumeSource: 'endpoints:s endpointsNamespace:s path:s readOnly:b',
  HostPathVolumeSource: 'path:s type:s:HostPathType',
  ISCSIPersistentVolumeSource: 'chapAuthDiscovery:b chapAuthSession:b fsType:s initiatorName:s iqn:s iscsiInterface:s lun:i32 portals:[]s readOnly:b secretRef:SecretReference targetPortal:s',
  LocalVolumeSource: 'fsType:s path:s',
  NFSVolumeSource: 'path:s readOnly:b server:s',
  VolumeNodeAffinity: 'required:NodeSelector',
  PhotonPersistentDiskVolumeSource: 'fsType:s pdID:s',
  PortworxVolumeSource: 'fsType:s readOnly:b volumeID:s',
  QuobyteVolumeSource: 'group:s readOnly:b registry:s tenant:s user:s volume:s',
  RBDPersistentVolumeSource: 'fsType:s image:s keyring:s monitors:[]s pool:s readOnly:b secretRef:SecretReference user:s',
  ScaleIOPersistentVolumeSource: 'fsType:s gateway:s protectionDomain:s readOnly:b secretRef:SecretReference sslEnabled:b storageMode:s storagePool:s system:s volumeName:s',
  StorageOSPersistentVolumeSource: 'fsType:s readOnly:b secretRef:ObjectReference volumeName:s volumeNamespace:s',
  VsphereVirtualDiskVolumeSource: 'fsType:s storagePolicyID:s storagePolicyName:s volumePath:s',
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  ReplicaSetCondition: 'lastTransitionTime:t message:s reason:s status:s:ConditionStatus type:s:ReplicaSetConditionType',
  DeploymentStrategy: 'rollingUpdate:RollingUpdateDeployment type:s:DeploymentStrategyType',
  DeploymentCondition: 'lastTransitionTime:t lastUpdateTime:t message:s reason:s status:s:ConditionStatus type:s:DeploymentConditionType',
  StatefulSetOrdinals: 'start:i32',
  StatefulSetPersistentVolumeClaimRetentionPolicy: 'whenDeleted:s:PersistentVolumeClaimRetentionPolicyType whenScaled:s:PersistentVolumeClaimRetentionPolicyType',
  StatefulSetUpdateStrategy: 'rollingUpdate:RollingUpdateStatefulSetStrategy type:s:StatefulSetUpdateStrategyType',
  StatefulSetCondition: 'lastTransitionTime:t message:s reason:s status:s:ConditionStatus type:s:StatefulSetConditionType',
  EndpointConditions: 'ready:b serving:b terminating:b',
  EndpointHints: 'forNodes:[]ForNode forZones:[]ForZone',
  TopologySelectorLabelRequirement: 'key:s values:[]s',
  NodeAffinity: 'preferredDuringSchedulingIgnoredDuringExecution:[]PreferredSchedulingTerm requiredDuringSchedulingIgnoredDuringExecution:NodeSelector',
  PodAffinity: 'preferredDuringSchedulingIgnoredDuringExecution:[]WeightedPodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution:[]PodAffinityTerm',
  PodAntiAffinity: 'preferredDuringSchedulingIgnoredDuringExecution:[]WeightedPodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution:[]PodAffinityTerm',
  EnvVar: 'name:s value:s valueFrom:EnvVarSource',
  EnvFromSource: 'configMapRef:ConfigMapEnvSource prefix:s secretRef:SecretEnvSource',
  Lifecycle: 'postStart:LifecycleHandler preStop:LifecycleHandler stopSignal:s',
  Probe: 'exec:ExecAction failureThreshold:i32 grpc:GRPCAction httpGet:HTTPGetAction initialDelaySeconds:i32 periodSeconds:i32 successThreshold:i32 tcpSocket:TCPSocketAction terminationGracePeriodSeconds:i64 timeoutSeconds:i32',
  ContainerPort: 'containerPort:i32 hostIP:s hostPort:i32 name:s protocol:s:Protocol',
  ContainerResizePolicy: 'resourceName:s:ResourceName restartPolicy:s:ResourceResizeRestartPolicy',
  ResourceRequirements: 'claims:[]ResourceClaim limits:{}q requests:{}q',
  SecurityContext: 'allowPrivilegeEscalation:b appArmorProfile:AppArmorProfile capabilities:Capabilities privileged:b procMount:s readOnlyRootFilesystem:b runAsGroup:i64 runAsNonRoot:b runAsUser:i64 seLinuxOptions:SELinuxOptions seccompProfile:SeccompProfile windowsOptions:WindowsSecurityContextOptions',
  VolumeDevice: 'devicePath:s name:s',
  VolumeMount: 'mountPath:s mountPropagation:s:MountPropagationMode name:s readOnly:b recursiveReadOnly:s subPath:s subPathExpr:s',
  PodDNSConfigOption: 'name:s value:s',
  ClaimSource: 'resourceClaimName:s resourceClaimTemplateName:s',
  AppArmorProfile: 'localhostProfile:s type:s:AppArmorProfileType',
  SELinuxOptions: 'level:s role:s type:s user:s',
  SeccompProfile: 'localhostProfile:s type:s:SeccompProfileType',
  Sysctl: 'name:s value:s',
  WindowsSecurityContextOptions: 'gmsaCredentialSpec:s gmsaCredentialSpecName:s hostProcess:b runAsUserName:s',
  AzureFileVolumeSource: 'readOnly:b secretName:s shareName:s',
  CephFSVolumeSource: 'monitors:[]s path:s readOnly:b secretFile:s secretRef:LocalObjectReference user:s',
  CinderVolumeSource: 'fsType:s readOnly:b secretRef:LocalObjectReference volumeID:s',
  ConfigMapVolumeSource: 'defaultMode:i32 items:[]KeyToPath name:s optional:b',
  CSIVolumeSource: 'driver:s fsType:s nodePublishSecretRef:LocalObjectReference readOnly:b volumeAttributes:{}s',
  DownwardAPIVolumeSource: 'defaultMode:i32 items:[]DownwardAPIVolumeFile',
  EmptyDirVolumeSource: 'medium:s:StorageMedium sizeLimit:q',
  EphemeralVolumeSource: 'volumeClaimTemplate:PersistentVolumeClaimTemplate',
  FlexVolumeSource: 'driver:s fsType:s options:{}s readOnly:b secretRef:LocalObjectReference',
  GitRepoVolumeSource: 'directory:s repository:s revision:s',
  GlusterfsVolumeSource: 'endpoints:s path:s readOnly:b',
  ISCSIVolumeSource: 'chapAuthDiscovery:b chapAuthSession:b fsType:s initiatorName:s iqn:s iscsiInterface:s lun:i32 portals:[]s readOnly:b secretRef:LocalObjectReference targetPortal:s',
  PersistentVolumeClaimVolumeSource: 'claimName:s readOnly:b',
  ProjectedVolumeSource: 'defaultMode:i32 sources:[]VolumeProjection',
  RBDVolumeSource: 'fsType:s image:s keyring:s monitors:[]s pool:s readOnly:b secretRef:LocalObjectReference user:s',
  ScaleIOVolumeSource: 'fsType:s gateway:s protectionDomain:s readOnly:b secretRef:LocalObjectReference sslEnabled:b storageMode:s storagePool:s system:s volumeName:s',
  SecretVolumeSource: 'defaultMode:i32 items:[]KeyToPath optional:b secretName:s',
  StorageOSVolumeSource: 'fsType:s readOnly:b secretRef:LocalObjectReference volumeName:s volumeNamespace:s',
  ContainerState: 'running:ContainerStateRunning terminated:ContainerStateTerminated waiting:ContainerStateWaiting',
  VolumeMountStatus: 'mountPath:s name:s readOnly:b recursiveReadOnly:s',
  ConfigMapNodeConfigSource: 'kubeletConfigKey:s name:s namespace:s resourceVersion:s uid:s',
  DaemonEndpoint: 'Port:i32',
  NodeRuntimeHandlerFeatures: 'recursiveReadOnlyMounts:b',
  ClientIPConfig: 'timeoutSeconds:i32',
  LoadBalancerIngress: 'hostname:s ip:s ipMode:s ports:[]PortStatus',
  LabelSelectorRequirement: 'key:s operator:s:LabelSelectorOperator values:[]s',
  SecretReference: 'name:s namespace:s',
  NodeSelector: 'nodeSelectorTerms:[]NodeSelectorTerm',
  RollingUpdateDeployment: 'maxSurge:ios maxUnavailable:ios',
  RollingUpdateStatefulSetStrategy: 'maxUnavailable:ios partition:i32',
  ForZone: 'name:s',
  PreferredSchedulingTerm: 'preference:NodeSelectorTerm weight:i32',
  WeightedPodAffinityTerm: 'podAffinityTerm:PodAffinityTerm weight:i32',
  PodAffinityTerm: 'labelSelector:LabelSelector matchLabelKeys:[]s mismatchLabelKeys:[]s namespaceSelector:LabelSelector namespaces:[]s topologyKey:s',
  EnvVarSource: 'configMapKeyRef:ConfigMapKeySelector fieldRef:ObjectFieldSelector fileKeyRef:FileKeySelector resourceFieldRef:ResourceFieldSelector secretKeyRef:SecretKeySelector',
  ConfigMapEnvSource: 'name:s optional:b',
  SecretEnvSource: 'name:s optional:b',
  LifecycleHandler: 'exec:ExecAction httpGet:HTTPGetAction sleep:SleepAction tcpSocket:TCPSocketAction',
  ExecAction: 'command:[]s',
  GRPCAction: 'port:i32 service:s',
  HTTPGetAction: 'host:s httpHeaders:[]HTTPHeader path:s port:ios scheme:s:URIScheme',
  TCPSocketAction: 'host:s port:ios',
  ResourceClaim: 'name:s request:s',
  Capabilities: 'add:[]s:Capability drop:[]s:Capability',
  KeyToPath: 'key:s mode:i32 path:s',
  DownwardAPIVolumeFile: 'fieldRef:ObjectFieldSelector mode:i32 path:s resourceFieldRef:ResourceFieldSelector',
  PersistentVolumeClaimTemplate: 'metadata:ObjectMeta spec:PersistentVolumeClaimSpec',
  VolumeProjection: 'clusterTrustBundle:ClusterTrustBundleProjection configMap:ConfigMapProjection downwardAPI:DownwardAPIProjection secret:SecretProjection serviceAccountToken:ServiceAccountTokenProjection',
  ContainerStateRunning: 'startedAt:t',
  ContainerStateTerminated: 'containerID:s exitCode:i32 finishedAt:t message:s reason:s signal:i32 startedAt:t',
  ContainerStateWaiting: 'message:s reason:s',
  PortStatus: 'error:s port:i32 protocol:s',
  NodeSelectorTerm: 'matchExpressions:[]NodeSelectorRequirement matchFields:[]NodeSelectorRequirement',
  ConfigMapKeySelector: 'key:s name:s optional:b',
  ObjectFieldSelector: 'apiVersion:s fieldPath:s',
  ResourceFieldSelector: 'containerName:s divisor:q resource:s',
  SecretKeySelector: 'key:s name:s optional:b',
  SleepAction: 'seconds:i64',
  HTTPHeader: 'name:s value:s',
  ClusterTrustBundleProjection: 'labelSelector:LabelSelector name:s optional:b path:s signerName:s',
  ConfigMapProjection: 'items:[]KeyToPath name:s optional:b',
  DownwardAPIProjection: 'items:[]DownwardAPIVolumeFile',
  SecretProjection: 'items:[]KeyToPath name:s optional:b',
  ServiceAccountTokenProjection: 'audience:s expirationSeconds:i64 path:s',
  NodeSelectorRequirement: 'key:s operator:s:NodeSelectorOperator values:[]s',
  ContainerRestartRule: 'action:s exitCodes:ContainerRestartRuleOnExitCodes',
  ContainerRestartRuleOnExitCodes: 'operator:s values:[]i32',
  ImageVolumeSource: 'pullPolicy:s reference:s',
  FileKeySelector: 'key:s optional:b path:s volumeName:s',
  ForNode: 'name:s',
};

/** The struct each served kind decodes into. */
const KIND_ROOT: Record<string, string> = {
  Pod: 'Pod',
  Node: 'Node',
  Namespace: 'Namespace',
  Service: 'Service',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  PersistentVolume: 'PersistentVolume',
  Event: 'Event',
  ReplicaSet: 'ReplicaSet',
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  ControllerRevision: 'ControllerRevision',
  EndpointSlice: 'EndpointSlice',
  StorageClass: 'StorageClass',
};

export type FieldType =
  | { t: 'string'; go: string }
  | { t: 'int'; go: 'int32' | 'int64' }
  | { t: 'bool' }
  | { t: 'quantity' }
  | { t: 'time' }
  | { t: 'intOrString' }
  | { t: 'any' }
  | { t: 'array'; elem: FieldType }
  | { t: 'map'; value: FieldType }
  | { t: 'struct'; name: string };

const parsedStructs = new Map<string, Map<string, FieldType>>();

function parseType(spec: string): FieldType {
  if (spec.startsWith('[]')) return { t: 'array', elem: parseType(spec.slice(2)) };
  if (spec.startsWith('{}')) return { t: 'map', value: parseType(spec.slice(2)) };
  if (spec === 's') return { t: 'string', go: 'string' };
  if (spec.startsWith('s:')) {
    const name = spec.slice(2);
    return { t: 'string', go: name.includes('.') ? name : `v1.${name}` };
  }
  switch (spec) {
    case 'i32':
      return { t: 'int', go: 'int32' };
    case 'i64':
      return { t: 'int', go: 'int64' };
    case 'b':
      return { t: 'bool' };
    case 'q':
      return { t: 'quantity' };
    case 't':
      return { t: 'time' };
    case 'ios':
      return { t: 'intOrString' };
    case 'any':
      return { t: 'any' };
  }
  if (!(spec in TABLE)) throw new Error(`schema: unknown type ${spec}`);
  return { t: 'struct', name: spec };
}

/** The fields of a struct of the table (JSON name → type). */
export function structFields(name: string): Map<string, FieldType> {
  let fields = parsedStructs.get(name);
  if (!fields) {
    fields = new Map();
    for (const entry of TABLE[name].split(' ')) {
      const colon = entry.indexOf(':');
      fields.set(entry.slice(0, colon), parseType(entry.slice(colon + 1)));
    }
    parsedStructs.set(name, fields);
  }
  return fields;
}

/** The struct a kind decodes into, or undefined for kinds the engine does not serve. */
export function rootStruct(kind: string): string | undefined {
  return KIND_ROOT[kind];
}

/** Go's reflect name of a field type, as encoding/json prints it (`[]v1.Container`, `map[string]string`). */
export function goTypeName(type: FieldType): string {
  switch (type.t) {
    case 'string':
      return type.go;
    case 'int':
      return type.go;
    case 'bool':
      return 'bool';
    case 'quantity':
      return 'resource.Quantity';
    case 'time':
      return 'v1.Time';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'any':
      return 'runtime.RawExtension';
    case 'array':
      return `[]${goTypeName(type.elem)}`;
    case 'map':
      return type.value.t === 'quantity' ? 'v1.ResourceList' : `map[string]${goTypeName(type.value)}`;
    case 'struct':
      return `v1.${type.name}`;
  }
}

const INT_RANGE: Record<'int32' | 'int64', [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** The JSON kind of a value as encoding/json names it in UnmarshalTypeError (`string`, `number`…). */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface DecodeResult {
  /** Dotted paths of fields the decoder does not know, in document order. */
  unknown: string[];
  /** The first type error, as the decoder words it. */
  typeError?: string;
}

/**
 * Walks obj as the strict decoder does. `path` is the strict-error path (with indices); `goPath` the
 * encoding/json field stack (JSON names, no indices); `struct` the innermost Go struct.
 */
function walk(
  value: unknown,
  type: FieldType,
  path: string,
  goPath: string,
  struct: string,
  out: DecodeResult,
): void {
  if (value === null || value === undefined) return;
  const fail = (valueKind: string, goType = goTypeName(type)) => {
    out.typeError ??= `json: cannot unmarshal ${valueKind} into Go struct field ${struct}.${goPath} of type ${goType}`;
  };
  switch (type.t) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') fail(jsonKind(value));
      return;
    case 'bool':
      if (typeof value !== 'boolean') fail(jsonKind(value));
      return;
    case 'int': {
      if (typeof value !== 'number') return fail(jsonKind(value));
      const [lo, hi] = INT_RANGE[type.go];
      if (!Number.isInteger(value) || value < lo || value > hi) fail(`number ${String(value)}`);
      return;
    }
    // metav1.Time and IntOrString decode themselves; encoding/json then adds the field context to
    // the UnmarshalTypeError of their inner json.Unmarshal (string, resp. int32).
    case 'time':
      if (typeof value !== 'string') fail(jsonKind(value), 'string');
      return;
    case 'intOrString':
      if (typeof value === 'string') return;
      if (typeof value === 'number') {
        if (!Number.isInteger(value) || value < INT_RANGE.int32[0] || value > INT_RANGE.int32[1])
          fail(`number ${String(value)}`, 'int32');
        return;
      }
      fail(jsonKind(value), 'int32');
      return;
    case 'quantity': {
      const q = parseQuantity(value);
      if (typeof q === 'string') out.typeError ??= q;
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return fail(jsonKind(value));
      value.forEach((item, i) => walk(item, type.elem, `${path}[${i}]`, goPath, struct, out));
      return;
    case 'map':
      if (!isPlainObject(value)) return fail(jsonKind(value));
      for (const [k, v] of Object.entries(value)) {
        if (type.value.t === 'struct') walk(v, type.value, `${path}.${k}`, goPath, struct, out);
        else walk(v, type.value, path, goPath, struct, out);
      }
      return;
    case 'struct': {
      if (!isPlainObject(value)) return fail(jsonKind(value));
      walkStruct(value, type.name, path, goPath, out);
      return;
    }
  }
}

function walkStruct(
  value: Record<string, unknown>,
  name: string,
  path: string,
  goPath: string,
  out: DecodeResult,
): void {
  const fields = structFields(name);
  for (const [key, v] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const type = fields.get(key);
    if (!type) {
      out.unknown.push(fieldPath);
      continue;
    }
    walk(v, type, fieldPath, goPath ? `${goPath}.${key}` : key, name, out);
  }
}

function decode(obj: KObject): DecodeResult {
  const out: DecodeResult = { unknown: [] };
  const root = obj.kind ? KIND_ROOT[obj.kind] : undefined;
  if (root && isPlainObject(obj)) walkStruct(obj, root, '', '', out);
  return out;
}

/**
 * Fields of obj that its kind does not have, as strict decoding names them:
 * `spec.replicass`, `spec.template.spec.containers[0].imagee`. Kinds the engine does not serve give [].
 */
export function unknownFields(obj: KObject): string[] {
  return decode(obj).unknown;
}

/**
 * The decoder's type error for obj, if any (the first one in document order, as encoding/json keeps
 * only the first): `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of
 * type int32`, or a quantity parse error.
 */
export function decodeTypeError(obj: KObject): string | undefined {
  return decode(obj).typeError;
}

/** The Go zero value a JSON null decodes to inside a map or a list. */
function zeroValue(type: FieldType): unknown {
  switch (type.t) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    case 'struct':
    case 'map':
      return {};
    case 'array':
      return [];
    default:
      return null;
  }
}

function normalizeValue(value: unknown, type: FieldType): void {
  if (type.t === 'struct' && isPlainObject(value)) {
    const fields = structFields(type.name);
    for (const [key, v] of Object.entries(value)) {
      const ft = fields.get(key);
      if (!ft) continue;
      if (v === null) delete value[key];
      else normalizeValue(v, ft);
    }
  } else if (type.t === 'map' && isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (v === null) value[key] = zeroValue(type.value);
      else normalizeValue(v, type.value);
    }
  } else if (type.t === 'array' && Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v === null) value[i] = zeroValue(type.elem);
      else normalizeValue(v, type.elem);
    });
  }
}

/**
 * What decoding does to JSON nulls: a null field is as good as absent (the Go field keeps its zero
 * value and is omitted again on output); a null map value or list item becomes the zero value.
 * Mutates obj; fields the kind does not know are left alone.
 */
export function normalizeNulls(obj: KObject): void {
  const root = obj.kind ? KIND_ROOT[obj.kind] : undefined;
  if (root && containsNull(obj)) normalizeValue(obj, { t: 'struct', name: root });
}

/** A cheap pre-check: most objects hold no null at all. */
function containsNull(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (const x of v) if (containsNull(x)) return true;
    return false;
  }
  for (const k in v as Record<string, unknown>)
    if (containsNull((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** `Deployment in version "v1" cannot be handled as a Deployment: <detail>` */
export function cannotBeHandled(kind: string, detail: string): string {
  return `${kind} in version "${kindInfo(kind).version}" cannot be handled as a ${kind}: ${detail}`;
}

/** `strict decoding error: unknown field "a", unknown field "b"` */
export function strictDecodingDetail(fields: string[]): string {
  return `strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}`;
}

/**
 * What the API server answers a create or update whose body does not decode under
 * fieldValidation=Strict: a BadRequest whose message names the first type error or, failing that,
 * every unknown field. Undefined when obj decodes cleanly (or its kind is not served).
 */
export function decodeError(obj: KObject): ApiError | undefined {
  const kind = obj.kind;
  if (!kind || !isKnownKind(kind)) return undefined;
  const result = decode(obj);
  if (result.typeError) return new ApiError('BadRequest', cannotBeHandled(kind, result.typeError));
  if (result.unknown.length)
    return new ApiError('BadRequest', cannotBeHandled(kind, strictDecodingDetail(result.unknown)));
  return undefined;
}

/**
 * kubectl's rendering of a decode error for a manifest file:
 * `Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be
 * handled as a Deployment: strict decoding error: unknown field "spec.replicass"`.
 * `verb` is `creating` for new objects (`cmdutil.AddSourceToErr`).
 */
export function kubectlDecodeMessage(err: ApiError, source: string, verb = 'creating'): string {
  return `Error from server (${err.reason}): error when ${verb} "${source}": ${err.message}`;
}

/** Convenience: kubectl's message for the unknown fields of a kind in a file. */
export function kubectlStrictMessage(
  kind: string,
  fields: string[],
  source: string,
  verb = 'creating',
): string {
  return kubectlDecodeMessage(
    new ApiError('BadRequest', cannotBeHandled(kind, strictDecodingDetail(fields))),
    source,
    verb,
  );
}
