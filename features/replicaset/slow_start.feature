@replicaset @rs-slow-start
Feature: A ReplicaSet creates missing pods in slow-start batches

  manageReplicas creates the missing pods in batches of 1, 2, 4, 8, … and stops after a batch
  with a failure (slowStartBatch, deployment.md §13). When every creation succeeds, all batches run
  in one sync: the timeline shows every creation at one instant, in order, each with its
  SuccessfulCreate event, before any of the pods is scheduled.

  @b:replicaset.slow-start
  Scenario: ten pods at once
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 10
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
    And the cluster settles
    Then 10 pods were created
    And the pods were created at the same instant, before any was scheduled
    And the event "SuccessfulCreate" was recorded 10 times for replicaset "web"
    And replicaset "web" has 10 ready replicas

  @b:replicaset.slow-start
  Scenario: scaling from 3 to 10 creates the 7 missing pods in one sync
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
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
                image: nginx:1.25
      """
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 10
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
    And the cluster settles
    Then 7 pods were created
    And the pods were created at the same instant, before any was scheduled
    And replicaset "web" has 10 ready replicas
