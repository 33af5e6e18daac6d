@replicaset @rs-min-ready-seconds
Feature: minReadySeconds makes availability lag readiness

  A pod counts as available only once it has been Ready for minReadySeconds (deployment.md §14).
  The ReplicaSet requeues itself to notice when that time has passed.

  @b:replicaset.min-ready-seconds
  Scenario: ready at once, available ten seconds later
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 2
        minReadySeconds: 10
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
                image: nginx:1.25
      """
    And 5 seconds pass
    Then replicaset "web" has 2 ready replicas
    And replicaset "web" has 0 available replicas
    When 10 seconds pass
    Then replicaset "web" has 2 ready replicas
    And replicaset "web" has 2 available replicas

  @b:replicaset.min-ready-seconds
  Scenario: without minReadySeconds a ready pod is available at once
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 2
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
                image: nginx:1.25
      """
    And 5 seconds pass
    Then replicaset "web" has 2 ready replicas
    And replicaset "web" has 2 available replicas
