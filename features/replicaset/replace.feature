@replicaset @rs-replace
Feature: A deleted pod is replaced

  A pod being deleted is no longer active, so its ReplicaSet creates a replacement at once, while
  the old pod is still terminating (deployment.md §13.2). status.replicas does not count the
  terminating pod. The containers here take 10 s to stop (a preStop hook), so the overlap shows.

  Background:
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
                lifecycle:
                  preStop:
                    sleep:
                      seconds: 10
      """

  @b:replicaset.replace-deleted @b:pods.termination
  Scenario: the replacement is created while the deleted pod terminates
    When I delete a pod of replicaset "web"
    And 1 second passes
    Then 1 pod was deleted
    And 1 pod was created
    And there is 1 terminating pod owned by replicaset "web"
    And there are 4 pods owned by replicaset "web"
    And replicaset "web" has 3 replicas
    When 10 seconds pass
    Then there are 0 terminating pods owned by replicaset "web"
    And there are 3 running pods owned by replicaset "web"
    And there are 3 pods

  @b:replicaset.replace-deleted @b:pods.termination
  Scenario: after the grace period the ReplicaSet is whole again
    When I delete a pod of replicaset "web"
    And the cluster settles
    Then 1 pod was deleted
    And 1 pod was created
    And there are 3 pods
    And there are 3 running pods owned by replicaset "web"
    And replicaset "web" has 3 available replicas
    And the event "SuccessfulCreate" was recorded 4 times for replicaset "web"

  @b:replicaset.replace-deleted
  Scenario: a pod with a fixed name is replaced by one with a generated name
    The pod is applied before the ReplicaSet's first sync (Given steps settle only once, before
    the first When), so the ReplicaSet adopts it and creates only two pods of its own.

    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-fixed
        labels:
          app: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      """
    Then pod "web-fixed" is owned by replicaset "web"
    And there are 3 pods
    When I delete pod "web-fixed"
    And the cluster settles
    Then pods were deleted in the order "web-fixed"
    And 1 pod was created
    And pod "web-fixed" does not exist
    And there are 3 running pods owned by replicaset "web"

  @b:replicaset.replace-failed @b:pods.eviction
  Scenario: an evicted pod is replaced and stays behind as Failed
    An evicted pod is terminal, so it is no longer active: the ReplicaSet creates a replacement
    but does not delete the Failed pod object.

    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-fixed
        labels:
          app: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      """
    When pod "web-fixed" is evicted
    And the cluster settles
    Then pod "web-fixed" is Failed
    And pod "web-fixed" has reason "Evicted"
    And 1 pod was created
    And no pods were deleted
    And there are 3 running pods owned by replicaset "web"
    And there are 4 pods
    And replicaset "web" has 3 replicas
