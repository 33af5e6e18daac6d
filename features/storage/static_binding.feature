@storage @static-binding
Feature: Claims bind to pre-provisioned volumes of their class: the smallest that fits

  An administrator creates PersistentVolumes by hand. A claim that names their class binds to an
  Available volume of that class whose access modes include the claim's and whose capacity is at
  least the request, the smallest such (statefulset.md §10). The claim reports the volume's capacity,
  not its request. With reclaim policy Retain, deleting the claim leaves the volume Released, still
  naming its old claim, and not bound again.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata:
        name: pv-small
      spec:
        capacity:
          storage: 1Gi
        accessModes: [ReadWriteOnce]
        persistentVolumeReclaimPolicy: Retain
        storageClassName: manual
        hostPath:
          path: /data/small
      ---
      apiVersion: v1
      kind: PersistentVolume
      metadata:
        name: pv-large
      spec:
        capacity:
          storage: 5Gi
        accessModes: [ReadWriteOnce]
        persistentVolumeReclaimPolicy: Retain
        storageClassName: manual
        hostPath:
          path: /data/large
      """

  @b:storage.static-binding
  Scenario: a claim binds to the smallest volume that fits
    When I run "kubectl get pv"
    Then the output is:
      """
      NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
      pv-large   5Gi        RWO            Retain           Available           manual         <unset>                          0s
      pv-small   1Gi        RWO            Retain           Available           manual         <unset>                          0s
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: claim
      spec:
        storageClassName: manual
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 500Mi
      """
    And 10 seconds pass
    And I run "kubectl get pv"
    Then the output is:
      """
      NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM           STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
      pv-large   5Gi        RWO            Retain           Available                   manual         <unset>                          10s
      pv-small   1Gi        RWO            Retain           Bound       default/claim   manual         <unset>                          10s
      """
    When I run "kubectl get pvc"
    Then the output is:
      """
      NAME    STATUS   VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
      claim   Bound    pv-small   1Gi        RWO            manual         <unset>                 10s
      """

  @b:storage.static-binding
  Scenario: a claim bigger than every volume of its class stays Pending
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: huge
      spec:
        storageClassName: manual
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 10Gi
      """
    And 1 minute passes
    And I run "kubectl get pvc huge"
    Then the output is:
      """
      NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
      huge   Pending                                      manual         <unset>                 60s
      """

  @b:storage.reclaim-retain
  Scenario: deleting a claim leaves its Retain volume Released, and a new claim does not get it
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: claim
      spec:
        storageClassName: manual
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
      """
    And the cluster settles
    And I run "kubectl delete pvc claim"
    And the cluster settles
    And I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: claim2
      spec:
        storageClassName: manual
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
      """
    And the cluster settles
    And I run "kubectl get pv -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,CLAIM:.spec.claimRef.name"
    Then the output is:
      """
      NAME       STATUS     CLAIM
      pv-large   Bound      claim2
      pv-small   Released   claim
      """
