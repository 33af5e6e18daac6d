@storage @claims-survive-pods
Feature: A claim outlives the pods that use it, and is protected while one does

  A PersistentVolumeClaim is an object of its own: deleting the pod that mounts it leaves it Bound
  to the same volume, and the next pod that names it gets the same volume (statefulset.md §9.3).
  While a pod uses it, deleting the claim only marks it Terminating: the pvc-protection finalizer
  keeps it until no pod uses it (§9.6).

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
            storage: 1Gi
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: app
      spec:
        containers:
          - name: app
            image: busybox:1.36
            volumeMounts:
              - name: data
                mountPath: /data
        volumes:
          - name: data
            persistentVolumeClaim:
              claimName: data
      """

  @b:storage.claims-survive-pods
  Scenario: a new pod gets the same volume through the claim of a deleted one
    When I run "kubectl delete pod app"
    Then the output is "pod \"app\" deleted"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app
      spec:
        containers:
          - name: app
            image: busybox:1.36
            volumeMounts:
              - name: data
                mountPath: /data
        volumes:
          - name: data
            persistentVolumeClaim:
              claimName: data
      """
    And the cluster settles
    Then pod "app" was recreated
    And pod "app" is Running
    And the claim "data" is still bound to the same volume

  @b:storage.pvc-protection
  Scenario: a claim deleted while a pod uses it stays Terminating until the pod is gone
    When I run "kubectl delete pvc data --wait=false"
    Then the output is "persistentvolumeclaim \"data\" deleted"
    When 1 minute passes
    And I run "kubectl get pvc data -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,FINALIZERS:.metadata.finalizers"
    Then the output is:
      """
      NAME   STATUS   FINALIZERS
      data   Bound    [kubernetes.io/pvc-protection]
      """
    When I run "kubectl get pvc"
    Then the output contains "data   Terminating"
    When I run "kubectl delete pod app"
    And the cluster settles
    And I run "kubectl get pvc -o name"
    Then the output is ""
