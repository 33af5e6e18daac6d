@timeline
Feature: Timeline checks look at every change of the When block before them

  The window of a Then step is the block of When steps just before it (steps.md, The timeline);
  the Given steps before the first When settle outside any window.

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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

  Scenario: the Given steps settle outside the window
    Then no pods were created
    And deployment "web" has 3 available replicas
    And deployment "web" always had at least 3 available pods

  @b:deployment.rolling.surge-bound @b:deployment.rolling.availability-floor
  Scenario: a rolling update with the default surge keeps every pod available
    With 3 replicas and 25% / 25%, maxSurge is 1 and maxUnavailable 0: between 3 available and 4
    pods at every instant (deployment.md §6.4).

    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    And 3 pods were created
    And 3 pods were deleted
    And deployment "web" has 3 updated replicas

  @b:deployment.min-ready-seconds @b:deployment.rolling.availability-floor
  Scenario: a rolling update with minReadySeconds waits for availability, not readiness
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
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
                image: nginx:1.26
      """
    And the cluster settles
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    And deployment "web" has 3 available replicas

  @b:deployment.rolling.availability-floor @b:deployment.rolling.surge-bound
  Scenario: maxUnavailable lets availability drop by that much, and no further
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          rollingUpdate:
            maxSurge: 0
            maxUnavailable: 1
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
    Then deployment "web" always had at least 2 available pods
    And deployment "web" never had more than 3 pods

  @b:deployment.rolling.stuck
  Scenario: a stuck rollout never removes available pods below the minimum
    Given the image "nginx:broken" cannot be pulled
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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
                image: nginx:broken
      """
    And 5 minutes pass
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    And 1 pod was created
    And no pods were deleted

  Scenario: each Then block looks at the When block just before it
    When I delete a pod of deployment "web"
    And the cluster settles
    Then 1 pod was deleted
    And 1 pod was created
    When 1 minute passes
    Then no pods were created
    And no pods were deleted
    And deployment "web" always had at least 3 available pods
