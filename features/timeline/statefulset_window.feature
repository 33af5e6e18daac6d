@timeline
Feature: Timeline checks over a StatefulSet: order, identity and storage

  StatefulSet pods have stable names, so the order in which they were created and deleted, and
  whether a pod of a name was recreated, can be stated exactly.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        clusterIP: None
        selector:
          app: db
        ports:
          - name: pg
            port: 5432
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 3
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
              - name: postgres
                image: postgres:16
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """

  @b:statefulset.ordered-scale-up @b:statefulset.ordered-scale-down
  Scenario: scaling up creates pods in ordinal order, scaling down deletes in reverse
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 5
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
              - name: postgres
                image: postgres:16
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    And the cluster settles
    Then pods were created in the order "db-3, db-4"
    And no pods were deleted
    And statefulset "db" always had at least 3 ready pods
    And statefulset "db" never had more than 5 pods
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 2
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
              - name: postgres
                image: postgres:16
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    And the cluster settles
    Then pods were deleted in the order "db-4, db-3, db-2"
    And no pods were created
    And statefulset "db" never had more than 5 pods

  @b:statefulset.rolling-update @b:storage.claims-survive-pods
  Scenario: a rolling update replaces the pods from the highest ordinal down, keeping their claims
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 3
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
              - name: postgres
                image: postgres:17
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """
    And the cluster settles
    Then pods were deleted in the order "db-2, db-1, db-0"
    And pods were created in the order "db-2, db-1, db-0"
    And pod "db-0" was recreated
    And pod "db-2" was recreated
    And statefulset "db" never had more than 3 pods
    And statefulset "db" always had at least 2 ready pods
    And the claim "data-db-0" is still bound to the same volume
    And the claim "data-db-2" is still bound to the same volume

  @b:statefulset.recreate-failed @b:statefulset.identity @b:storage.claims-survive-pods
  Scenario: a deleted pod comes back under its own name, with its own claim
    When I delete pod "db-1"
    And the cluster settles
    Then pod "db-1" was recreated
    And pod "db-0" was not recreated
    And pod "db-2" was not recreated
    And pods were deleted in the order "db-1"
    And pods were created in the order "db-1"
    And the claim "data-db-1" is still bound to the same volume
    And statefulset "db" always had at least 2 ready pods

  @b:services.dns.pod-names
  Scenario: a pod's DNS name resolves while the pod is ready
    Then the DNS name "db-0.db.default.svc.cluster.local" resolves to pod "db-0"
    And the DNS name "db-2.db" resolves to pod "db-2"
    And the DNS name "db-3.db.default.svc.cluster.local" does not resolve
    When the readiness probe of pod "db-0" fails
    And 10 seconds pass
    Then the DNS name "db-0.db.default.svc.cluster.local" does not resolve
    And the DNS name "db-1.db.default.svc.cluster.local" resolves to pod "db-1"
    When the readiness probe of pod "db-0" passes again
    And 10 seconds pass
    Then the DNS name "db-0.db.default.svc.cluster.local" resolves to pod "db-0"

  @b:services.dns.recreated-pod
  Scenario: a recreated pod's name resolves again once the new pod is ready
    When I delete pod "db-1"
    And the cluster settles
    Then pod "db-1" was recreated
    And the DNS name "db-1.db.default.svc.cluster.local" resolves to pod "db-1"
