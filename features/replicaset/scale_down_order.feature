@replicaset @rs-scale-down-order
Feature: Scaling down deletes the least valuable pods first

  When a ReplicaSet has too many pods it ranks them (getPodsToDelete, deployment.md §13.1):
  unscheduled before scheduled, Pending before Running, not Ready before Ready, and so on. The pods
  here are created by hand with fixed names and then adopted, so the order can be named.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-a
        labels:
          app: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-b
        labels:
          app: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-c
        labels:
          app: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      ---
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

  @b:replicaset.adoption
  Scenario: the adopted pods are the ReplicaSet's pods
    Then there are 3 pods
    And pod "web-a" is owned by replicaset "web"
    And pod "web-b" is owned by replicaset "web"
    And pod "web-c" is owned by replicaset "web"
    And replicaset "web" has 3 ready replicas

  @b:replicaset.delete-order
  Scenario: a pod that is not ready goes first
    When the readiness probe of pod "web-b" fails
    And 10 seconds pass
    Then replicaset "web" has 2 ready replicas
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
    And the cluster settles
    Then pods were deleted in the order "web-b"
    And pod "web-a" exists
    And pod "web-c" exists
    And pod "web-b" does not exist
