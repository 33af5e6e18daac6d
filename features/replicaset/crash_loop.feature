@replicaset @rs-crash-loop
Feature: Containers that crash on start go into CrashLoopBackOff

  A container that exits is restarted by the kubelet: the first restart at once, then after 10,
  20, 40, 80, 160 and 300 s (statefulset.md §13.5). Between restarts it waits in CrashLoopBackOff.
  It has run, so the pod is Running, but never Ready. The ReplicaSet does not replace such pods:
  they are active.

  Background:
    Given containers of image "app:crash" crash on start
    And the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: app
      spec:
        replicas: 1
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
                image: app:crash
      """

  @b:pods.crash-loop-backoff
  Scenario: the pod is Running but not ready, in CrashLoopBackOff
    When 1 minute passes
    Then the pods of replicaset "app" are Running
    And the pods of replicaset "app" have status "CrashLoopBackOff"
    And replicaset "app" has 1 replica
    And replicaset "app" has 0 ready replicas
    And no pods were created
    And the event "BackOff" was recorded for the pods of replicaset "app"

  @b:pods.crash-loop-backoff
  Scenario: restarts grow with an exponential back-off
    Restarts come about 0, 10, 30, 70, 150, 310 and 610 s after the first exit.

    When 5 minutes pass
    Then the pods of replicaset "app" have restarted 5 times
    When 5 minutes pass
    Then the pods of replicaset "app" have restarted 6 times
    When 10 minutes pass
    Then the pods of replicaset "app" have restarted 8 times
    And no pods were created
    And no pods were deleted
