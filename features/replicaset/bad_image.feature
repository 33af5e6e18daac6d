@replicaset @rs-bad-image
Feature: Pods of an image that cannot be pulled stay Pending in ImagePullBackOff

  The kubelet retries a failed pull with a back-off of 10 s, doubling to 300 s (statefulset.md
  §13.4). The container waits with ErrImagePull right after a failed attempt and ImagePullBackOff
  in between; it never ran, so the pod stays Pending and never becomes ready. The retries change
  nothing, so they do not keep the cluster from settling.

  Background:
    Given the image "nginx:no-such-tag" cannot be pulled
    And the manifest:
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
                image: nginx:no-such-tag
      """

  @b:pods.image-pull-backoff
  Scenario: the pods wait in ImagePullBackOff and stay Pending
    When 15 seconds pass
    Then the pods of replicaset "web" are Pending
    And the pods of replicaset "web" have status "ImagePullBackOff"
    And the pods of replicaset "web" are scheduled
    And replicaset "web" has 2 replicas
    And replicaset "web" has 0 ready replicas
    And replicaset "web" has 0 available replicas
    And the event "Failed" was recorded for the pods of replicaset "web"
    And the event "BackOff" was recorded for the pods of replicaset "web"

  @b:pods.image-pull-backoff
  Scenario: ten minutes later nothing has changed
    When 10 minutes pass
    Then the pods of replicaset "web" are Pending
    And no pods were created
    And no pods were deleted
    And replicaset "web" has 0 ready replicas

  @b:pods.image-pull-backoff
  Scenario: once the image can be pulled the pods start on the next retry
    When the image "nginx:no-such-tag" works again
    And 5 minutes pass
    Then the pods of replicaset "web" are Running
    And the pods of replicaset "web" have status "Running"
    And replicaset "web" has 2 ready replicas
    And no pods were created
