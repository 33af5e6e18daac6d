@properties
Feature: Invariants checked at every state change of a window

  The invariant steps hold a workload to the guarantees of its controller over the When block before
  them: every state change is checked, not a sample. They are the steps a fuzz counterexample ends
  with.

  @b:deployment.rolling.surge-bound @b:deployment.rolling.availability-floor @b:deployment.revision.numbering
  Scenario: a rolling update and a rollback keep the rollout bounds and the ReplicaSet history
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 10
        selector:
          matchLabels: { app: web }
        template:
          metadata:
            labels: { app: web }
          spec:
            containers:
              - name: nginx
                image: nginx:1.24
      """
    When I run "kubectl set image deployment/web nginx=nginx:1.25"
    And 3 seconds pass
    And I run "kubectl rollout undo deployment/web"
    And the cluster settles
    Then throughout the window deployment "web" kept within its rollout bounds
    And throughout the window deployment "web" kept its ReplicaSets consistent
    And throughout the window every invariant held
    And deployment "web" has converged

  @b:statefulset.partition @b:statefulset.ordered-scale-down @b:storage.claims-survive-pods
  Scenario: a canary with a partition, then a scale-down, keep order, strategy and storage
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 4
        selector:
          matchLabels: { app: db }
        updateStrategy:
          type: RollingUpdate
          rollingUpdate:
            partition: 2
        template:
          metadata:
            labels: { app: db }
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
    When I run "kubectl set image statefulset/db postgres=postgres:17"
    And the cluster settles
    And I run "kubectl scale statefulset/db --replicas=2"
    And the cluster settles
    Then throughout the window statefulset "db" respected its update strategy
    And throughout the window statefulset "db" created and deleted pods in ordinal order
    And throughout the window statefulset "db" kept each claim bound to its volume
    And throughout the window statefulset "db" kept one pod per identity
    And throughout the window statefulset "db" kept its revisions unique
    And statefulset "db" has converged

  Scenario: a pod deleted by hand is an outside disruption: the availability floor is not claimed until the rollout is whole again
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        strategy:
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
        selector:
          matchLabels: { app: web }
        template:
          metadata:
            labels: { app: web }
          spec:
            containers:
              - name: nginx
                image: nginx:1.24
      """
    When I delete a pod of deployment "web"
    And the cluster settles
    Then throughout the window deployment "web" kept within its rollout bounds
    But deployment "web" always had at least 1 available pod
