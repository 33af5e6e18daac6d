@statefulset @sts-pvc-retention @storage
Feature: The PVC retention policy decides whether claims outlive a scale-down or the set

  `persistentVolumeClaimRetentionPolicy` (whenDeleted, whenScaled; both Retain by default) works
  through ownerReferences and the garbage collector: with whenScaled=Delete the claim of a
  scaled-down pod is owned by that pod and goes with it; with whenDeleted=Delete every claim is
  owned by the set and goes with it (statefulset.md §9.4, §9.5). Claims of pods deleted for any
  other reason are always kept.

  @b:statefulset.pvc-retention-retain
  Scenario: by default, claims survive a scale-down and are reused by the scale-up
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    When I run "kubectl scale sts web --replicas=1"
    And the cluster settles
    Then pods were deleted in the order "web-2, web-1"
    When I run "kubectl get pvc -o name"
    Then the output is:
      """
      persistentvolumeclaim/data-web-0
      persistentvolumeclaim/data-web-1
      persistentvolumeclaim/data-web-2
      """
    When I run "kubectl scale sts web --replicas=3"
    And the cluster settles
    Then pods were created in the order "web-1, web-2"
    And the claim "data-web-1" is still bound to the same volume
    And the claim "data-web-2" is still bound to the same volume
    And claim "data-web-1" has no owner

  @b:statefulset.pvc-retention-when-scaled
  Scenario: whenScaled Delete removes the claims of scaled-down pods, and a scale-up gets fresh ones
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
        persistentVolumeClaimRetentionPolicy:
          whenScaled: Delete
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    When I run "kubectl scale sts web --replicas=1"
    And the cluster settles
    Then pods were deleted in the order "web-2, web-1"
    When I run "kubectl get pvc -o name"
    Then the output is "persistentvolumeclaim/data-web-0"
    And claim "data-web-0" has no owner
    When I run "kubectl scale sts web --replicas=2"
    And the cluster settles
    Then pods were created in the order "web-1"
    And the claim "data-web-0" is still bound to the same volume
    When I run "kubectl get pvc -l app=web -o custom-columns=NAME:.metadata.name,STATUS:.status.phase"
    Then the output is:
      """
      NAME         STATUS
      data-web-0   Bound
      data-web-1   Bound
      """

  @b:statefulset.pvc-retention-when-deleted
  Scenario: whenDeleted Delete removes every claim with the set
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
        persistentVolumeClaimRetentionPolicy:
          whenDeleted: Delete
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    When I run "kubectl get pvc data-web-0 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'"
    Then the output is "StatefulSet/web"
    When I run "kubectl delete statefulset web"
    Then the output is "statefulset.apps \"web\" deleted"
    When the cluster settles
    Then there are 0 pods
    When I run "kubectl get pvc -o name"
    Then the output is ""
    When I run "kubectl get pv -o name"
    Then the output is ""

  @b:statefulset.pvc-retention-when-deleted-retain
  Scenario: by default, deleting the set keeps its claims and their volumes
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    When I run "kubectl delete statefulset web"
    And the cluster settles
    Then 3 pods were deleted
    When I run "kubectl get pvc -l app=web -o custom-columns=NAME:.metadata.name,STATUS:.status.phase"
    Then the output is:
      """
      NAME         STATUS
      data-web-0   Bound
      data-web-1   Bound
      data-web-2   Bound
      """

  @b:statefulset.pvc-retention-not-for-repairs
  Scenario: whenScaled Delete does not apply to a pod deleted by hand: its claim is kept
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
        persistentVolumeClaimRetentionPolicy:
          whenScaled: Delete
          whenDeleted: Delete
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    When I run "kubectl delete pod web-2"
    And the cluster settles
    Then pod "web-2" was recreated
    And the claim "data-web-2" is still bound to the same volume
