@storage @dynamic-provisioning
Feature: Claims without a class are provisioned through the default StorageClass

  A fresh cluster has one default StorageClass, `standard` (minikube's hostpath provisioner,
  reclaimPolicy Delete, volumeBindingMode Immediate). A claim that names no class gets it at
  admission; the provisioner makes a volume named `pvc-<claim uid>` pre-bound to the claim, the
  binder binds the two, and the claim is Bound (statefulset.md §10). Deleting the claim deletes the
  volume (reclaim policy Delete).

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 2Gi
      """

  @b:storage.default-storageclass
  Scenario: the default StorageClass
    When I run "kubectl get storageclass"
    Then the output is:
      """
      NAME                 PROVISIONER                RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE
      standard (default)   k8s.io/minikube-hostpath   Delete          Immediate           false                  1s
      """

  @b:storage.dynamic-provisioning
  Scenario: a claim without a class gets the default class and a provisioned volume
    When I run "kubectl get pvc data -o jsonpath='{.spec.storageClassName} {.status.phase} {.status.capacity.storage} {.status.accessModes[0]}'"
    Then the output is "standard Bound 2Gi ReadWriteOnce"
    When I run "kubectl get pv -o jsonpath='{range .items[*]}{.spec.claimRef.namespace}/{.spec.claimRef.name} {.spec.persistentVolumeReclaimPolicy} {.spec.storageClassName} {.status.phase}{\"\n\"}{end}'"
    Then the output is "default/data Delete standard Bound"
    When I run "kubectl get pvc data -o jsonpath='{.spec.volumeName}'"
    Then the output contains "pvc-"
    When I run "kubectl describe pvc data"
    Then the output contains "StorageClass:  standard"
    And the output contains "Status:        Bound"
    And the output contains "Finalizers:    [kubernetes.io/pvc-protection]"
    And the output contains "Normal  Provisioning"
    And the output contains "External provisioner is provisioning volume for claim \"default/data\""
    And the output contains "Normal  ProvisioningSucceeded"
    And the output contains "Successfully provisioned volume pvc-"

  @b:storage.reclaim-delete
  Scenario: deleting a claim deletes its provisioned volume (reclaim policy Delete)
    When I run "kubectl delete pvc data"
    Then the output is "persistentvolumeclaim \"data\" deleted"
    When the cluster settles
    And I run "kubectl get pv -o name"
    Then the output is ""
    When I run "kubectl get pvc -o name"
    Then the output is ""
