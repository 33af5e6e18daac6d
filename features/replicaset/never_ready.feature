@replicaset @rs-never-ready
Feature: Containers that never become ready keep running, unready

  A failing readiness probe never restarts a container (statefulset.md §13.6): the pod is
  Running, not Ready, and counts in status.replicas but not in ready or available replicas.

  @b:pods.readiness
  Scenario: the image's readiness probe never passes
    Given containers of image "app:unready" never become ready
    And the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: app
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: app
        template:
          metadata:
            labels:
              app: app
          spec:
            containers:
              - name: app
                image: app:unready
      """
    When 1 minute passes
    Then the pods of replicaset "app" are Running
    And the pods of replicaset "app" have status "Running"
    And replicaset "app" has 2 replicas
    And replicaset "app" has 0 ready replicas
    And replicaset "app" has 0 available replicas
    And there are 0 ready pods owned by replicaset "app"

  @b:pods.readiness
  Scenario: a readiness probe that fails and passes again
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app-0
        labels:
          app: app
      spec:
        containers:
          - name: app
            image: app:1
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: app
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: app
        template:
          metadata:
            labels:
              app: app
          spec:
            containers:
              - name: app
                image: app:1
      """
    When the readiness probe of pod "app-0" fails
    And 10 seconds pass
    Then replicaset "app" has 1 ready replica
    And pod "app-0" is Running
    And pod "app-0" has restarted 0 times
    And no pods were created
    When the readiness probe of pod "app-0" passes again
    And 10 seconds pass
    Then replicaset "app" has 2 ready replicas

  @b:pods.readiness
  Scenario: the readiness probes of every pod of a ReplicaSet fail
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: app
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: app
        template:
          metadata:
            labels:
              app: app
          spec:
            containers:
              - name: app
                image: app:1
      """
    When the readiness probes of replicaset "app" fail
    And 10 seconds pass
    Then replicaset "app" has 0 ready replicas
    And replicaset "app" has 3 replicas
    When the readiness probes of replicaset "app" pass again
    And 10 seconds pass
    Then replicaset "app" has 3 ready replicas
