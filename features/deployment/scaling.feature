@deployment @scaling
Feature: Scaling a Deployment, also in the middle of a rollout

  A change of spec.replicas alone is a scaling event (deployment.md §5, §8): with one active
  ReplicaSet it is resized to the new count; with several (a rollout in progress) the new total
  replicas + maxSurge is shared in proportion to each ReplicaSet's size, rounding half away from
  zero, the leftover going to the largest ReplicaSet.

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

  @scale-up
  @b:deployment.scale
  Scenario: scaling up creates pods in the same ReplicaSet
    When I run "kubectl scale deployment/web --replicas=5"
    Then the output is:
      """
      deployment.apps/web scaled
      """
    When the cluster settles
    Then 2 pods were created
    And no pods were deleted
    And deployment "web" has 5 available replicas
    When I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision} {.status.replicas}'"
    Then the output is "1 5"
    When I run "kubectl get rs -l app=web -o jsonpath='{.items[*].metadata.annotations.deployment\.kubernetes\.io/desired-replicas}'"
    Then the output is "5"

  @scale-down
  @b:deployment.scale
  Scenario: scaling down deletes pods of the same ReplicaSet
    When I run "kubectl scale deployment web --replicas=1"
    And the cluster settles
    Then 2 pods were deleted
    And no pods were created
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    1/1     1            1           2s
      """

  @scale-to-zero
  @b:deployment.scale
  Scenario: scaling to zero keeps the Deployment and its ReplicaSet
    When I run "kubectl scale deployment/web --replicas=0"
    And the cluster settles
    Then 3 pods were deleted
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    0/0     0            0           2s
      """

  @current-replicas
  @b:kubectl.mutations
  Scenario: --current-replicas is a precondition
    When I try to run "kubectl scale deployment/web --current-replicas=2 --replicas=5"
    Then the command fails with "error: Expected replicas to be 2, was 3"
    When I run "kubectl scale deployment/web --current-replicas=3 --replicas=5"
    Then the output is "deployment.apps/web scaled"

  @proportional
  @b:deployment.proportional-scaling
  Scenario: scaling a stalled rollout shares the new pods in proportion
    # 10 replicas, maxSurge 3, maxUnavailable 2, the new image never pulls (deployment.md §8, the
    # documentation's example): the rollout stalls at old 8 / new 5 (8 + 5 = 10 + 3).
    # Scaled to 15: allowed = 15 + 3 = 18, to add = 18 - 13 = 5;
    # old: round(8 · 18 / 13) = round(11.08) = 11 (+3); new: round(5 · 18 / 13) = round(6.92) = 7 (+2).
    Given the image "nginx:no-such-tag" cannot be pulled
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 10
        strategy:
          rollingUpdate:
            maxSurge: 3
            maxUnavailable: 2
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
    And I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 1 minute passes
    And I run "kubectl get rs --sort-by=.spec.replicas -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}'"
    Then the output is "nginx:no-such-tag=5 nginx:1.25=8"
    When I run "kubectl scale deployment/web --replicas=15"
    And 1 minute passes
    And I run "kubectl get rs --sort-by=.spec.replicas -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}'"
    Then the output is "nginx:no-such-tag=7 nginx:1.25=11"
    And deployment "web" never had more than 18 pods
    When I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "2"

  @proportional
  @b:deployment.proportional-scaling
  Scenario: the e2e proportional-scaling numbers: 10 to 30
    # stalled at 8 / 5 as above; scaled to 30: allowed = 33, to add = 20;
    # old: round(8 · 33 / 13) = round(20.31) = 20 (+12); new: round(5 · 33 / 13) = round(12.69) = 13 (+8)
    Given the image "nginx:no-such-tag" cannot be pulled
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 10
        strategy:
          rollingUpdate:
            maxSurge: 3
            maxUnavailable: 2
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
    And I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 1 minute passes
    Then deployment "web" has 5 updated replicas
    When I run "kubectl scale deployment/web --replicas=30"
    And 1 minute passes
    Then deployment "web" always had at least 8 available pods
    And deployment "web" never had more than 33 pods
    When I run "kubectl get rs --sort-by=.spec.replicas -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}'"
    Then the output is "nginx:no-such-tag=13 nginx:1.25=20"
    When I run "kubectl get deployment web -o jsonpath='{.status.availableReplicas} {.status.updatedReplicas} {.status.replicas}'"
    Then the output is "20 13 33"
