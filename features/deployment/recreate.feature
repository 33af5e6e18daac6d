@b:deployment.recreate
@deployment @recreate
Feature: The Recreate strategy removes every old pod before it creates a new one

  rolloutRecreate (deployment.md §9) scales the old ReplicaSets to 0 in one sync, waits until no
  old pod is left (terminating pods still count), and only then creates the new ReplicaSet at full
  size. MaxUnavailable is 0 for Recreate, so Available turns False during the rollout.

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          type: Recreate
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            terminationGracePeriodSeconds: 30
            containers:
              - name: nginx
                image: nginx:1.25
                lifecycle:
                  preStop:
                    sleep:
                      seconds: 5
      """

  @no-overlap
  Scenario: old and new pods never run side by side
    # replicas 3, no surge: never more than 3 pods; all 3 old pods go before any new one comes
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    Then deployment "web" never had more than 3 pods
    And 3 pods were deleted
    And 3 pods were created
    And deployment "web" has 3 updated replicas
    And deployment "web" has 3 available replicas
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.26 nginx:1.26 nginx:1.26"

  @no-overlap
  Scenario: the new pods wait until the old pods have terminated
    # the preStop hook keeps the old pods terminating for 5 s; no new pod exists meanwhile.
    # unavailable = Σspec - available = 0 - 0 (deployment.md §12.1: the spec sum, not replicas)
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And 3 seconds pass
    Then no pods were created
    And 3 pods were deleted
    And deployment "web" has condition "Available" with status "False"
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.25 nginx:1.25 nginx:1.25"
    When I run "kubectl describe deployment web"
    Then the output contains "Replicas:           3 desired | 0 updated | 0 total | 0 available | 0 unavailable"
    And the output contains "StrategyType:       Recreate"
    When 10 seconds pass
    Then 3 pods were created
    And no pods were deleted
    When the cluster settles
    And I run "kubectl rollout status deployment/web"
    Then the output contains "deployment \"web\" successfully rolled out"
    And deployment "web" has condition "Available" with status "True"
