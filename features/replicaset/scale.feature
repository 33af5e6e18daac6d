@replicaset @rs-scale
Feature: A ReplicaSet keeps the number of pods it is asked for

  A ReplicaSet creates pods from its template until as many active pods match its selector as
  spec.replicas asks for, and deletes the least valuable ones when there are too many
  (deployment.md §13). Re-applying the manifest with another replica count scales it.

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
      """

  @b:replicaset.replicas @b:replicaset.status
  Scenario: the pods are created and become ready
    Then replicaset "web" has 3 replicas
    And replicaset "web" has 3 ready replicas
    And replicaset "web" has 3 available replicas
    And replicaset "web" has 3 fully labeled replicas
    And there are 3 running pods owned by replicaset "web"
    And the event "SuccessfulCreate" was recorded 3 times for replicaset "web"

  @b:replicaset.replicas
  Scenario: scaling up by re-applying the manifest creates only the missing pods
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 5
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
    Then 2 pods were created
    And no pods were deleted
    And replicaset "web" has 5 ready replicas
    And the output is "replicaset.apps/web configured"

  @b:replicaset.replicas
  Scenario: scaling down deletes the surplus pods
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 1
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
    Then 2 pods were deleted
    And no pods were created
    And there is 1 pod owned by replicaset "web"
    And replicaset "web" has 1 ready replica
    And the event "SuccessfulDelete" was recorded 2 times for replicaset "web"

  @b:replicaset.replicas
  Scenario: scaling to zero deletes every pod
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 0
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
    Then 3 pods were deleted
    And there are 0 pods
    And replicaset "web" has 0 replicas

  @b:replicaset.replicas @b:kubectl.apply
  Scenario: re-applying the same manifest changes nothing
    When I apply the manifest:
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
    And the cluster settles
    Then the output is "replicaset.apps/web unchanged"
    And no pods were created
    And no pods were deleted

  @b:replicaset.template-change
  Scenario: changing the template does not replace existing pods
    A ReplicaSet only counts pods; unlike a Deployment it never rolls its pods to a new template.

    When I apply the manifest:
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
                image: nginx:1.26
      """
    And the cluster settles
    Then no pods were created
    And no pods were deleted
    And replicaset "web" has 3 ready replicas
