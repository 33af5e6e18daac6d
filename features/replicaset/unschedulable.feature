@replicaset @rs-unschedulable
Feature: Pods that fit no node stay Pending

  The scheduler binds a pod only to a node with room for its requests. A pod that fits nowhere
  stays Pending and unscheduled, with a FailedScheduling event; the ReplicaSet counts it.

  @b:pods.scheduling
  Scenario: a request larger than any node
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: big
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: big
        template:
          metadata:
            labels:
              app: big
          spec:
            containers:
              - name: app
                image: app:1
                resources:
                  requests:
                    cpu: "1000"
      """
    When 1 minute passes
    Then the pods of replicaset "big" are Pending
    And the pods of replicaset "big" are unscheduled
    And the pods of replicaset "big" have status "Pending"
    And the event "FailedScheduling" was recorded for the pods of replicaset "big"
    And replicaset "big" has 2 replicas
    And replicaset "big" has 0 ready replicas

  @b:pods.scheduling
  Scenario: the pods that fit run, the rest wait
    Each of the 3 nodes has 64 CPUs: one 40-CPU pod fits on each.

    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: big
      spec:
        replicas: 4
        selector:
          matchLabels:
            app: big
        template:
          metadata:
            labels:
              app: big
          spec:
            containers:
              - name: app
                image: app:1
                resources:
                  requests:
                    cpu: "40"
      """
    Then there are 3 running pods owned by replicaset "big"
    And there is 1 unscheduled pod owned by replicaset "big"
    And replicaset "big" has 4 replicas
    And replicaset "big" has 3 ready replicas

  @b:replicaset.delete-order @b:pods.scheduling
  Scenario: scaling down removes the unscheduled pod first
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: big
      spec:
        replicas: 4
        selector:
          matchLabels:
            app: big
        template:
          metadata:
            labels:
              app: big
          spec:
            containers:
              - name: app
                image: app:1
                resources:
                  requests:
                    cpu: "40"
      """
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: big
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: big
        template:
          metadata:
            labels:
              app: big
          spec:
            containers:
              - name: app
                image: app:1
                resources:
                  requests:
                    cpu: "40"
      """
    And the cluster settles
    Then 1 pod was deleted
    And there are 0 unscheduled pods owned by replicaset "big"
    And there are 3 running pods owned by replicaset "big"

  @b:pods.scheduling
  Scenario: on a one-node cluster only one 40-CPU pod fits
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: big
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: big
        template:
          metadata:
            labels:
              app: big
          spec:
            containers:
              - name: app
                image: app:1
                resources:
                  requests:
                    cpu: "40"
      """
    Then there is 1 running pod owned by replicaset "big"
    And there is 1 unscheduled pod owned by replicaset "big"
    And the event "FailedScheduling" was recorded for the unscheduled pods of replicaset "big" with message "0/1 nodes are available: 1 Insufficient cpu."
