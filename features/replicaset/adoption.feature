@replicaset @rs-adoption
Feature: A ReplicaSet adopts matching orphans and releases pods that stop matching

  Before counting, a ReplicaSet claims pods (ClaimPods, deployment.md §13): it adopts active
  orphan pods whose labels match its selector, adding itself as their controller, and releases
  the pods it controls whose labels no longer match. A pod with another controller is left alone.

  @b:replicaset.adoption
  Scenario: an orphan pod that matches the selector is adopted
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
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
    Then pod "orphan" is owned by replicaset "web"
    And 2 pods were created
    And there are 3 pods owned by replicaset "web"
    And replicaset "web" has 3 ready replicas

  @b:replicaset.adoption
  Scenario: surplus orphans are adopted, then deleted
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan-1
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
        name: orphan-2
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
    Then no pods were created
    And 1 pod was deleted
    And there is 1 pod owned by replicaset "web"
    And there is 1 pod

  @b:replicaset.adoption
  Scenario: a pod whose labels stop matching is released and replaced
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
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
    Then pod "orphan" is owned by replicaset "web"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
        labels:
          app: debug
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      """
    And the cluster settles
    Then pod "orphan" has no owner
    And pod "orphan" is Running
    And 1 pod was created
    And no pods were deleted
    And there are 2 running pods owned by replicaset "web"
    And there are 3 pods

  @b:replicaset.adoption
  Scenario: a pod whose labels come to match is adopted instead of creating a new one
    The relabelled pod and the scale-up land together, so the ReplicaSet finds its third pod
    already there.

    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
        labels:
          app: debug
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
    Then pod "orphan" has no owner
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
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
    And the cluster settles
    Then pod "orphan" is owned by replicaset "web"
    And no pods were created
    And no pods were deleted
    And there are 3 pods owned by replicaset "web"

  @b:replicaset.adoption
  Scenario: pods controlled by another ReplicaSet are not adopted
    Two ReplicaSets with overlapping selectors each keep their own pods.

    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: blue
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
              color: blue
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
        name: green
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
              color: green
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    And the cluster settles
    Then 2 pods were created
    And no pods were deleted
    And there are 2 pods owned by replicaset "blue"
    And there are 2 pods owned by replicaset "green"
