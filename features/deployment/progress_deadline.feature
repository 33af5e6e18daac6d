@deployment @progress-deadline
Feature: A rollout that makes no progress exceeds its progress deadline

  With an image that cannot be pulled the new pods never become available and the rollout stalls
  where the availability floor allows no further scale-down (deployment.md §6.5, §13.2). When the
  Progressing condition has not been updated for progressDeadlineSeconds, it turns False with
  reason ProgressDeadlineExceeded and `kubectl rollout status` fails (§12.3, §15). Kubernetes does
  not roll back by itself.

  Background:
    Given the image "nginx:no-such-tag" cannot be pulled
    And the manifest:
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

  @bad-image @stalled
  @b:deployment.rolling.stuck
  Scenario: the rollout stalls with one new pod and every old pod serving
    # 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0 → 3 old + 1 new, nothing more
    When I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 5 minutes pass
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    And 1 pod was created
    And no pods were deleted
    And deployment "web" has condition "Progressing" with reason "ReplicaSetUpdated"
    And deployment "web" has condition "Available" with status "True"
    When I run "kubectl describe deployment web"
    Then the output contains "Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable"
    When I run "kubectl rollout status deployment/web --watch=false"
    Then the output is:
      """
      Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
      """

  @bad-image @rollout-status
  @b:deployment.progress-deadline @b:kubectl.rollout-status
  Scenario: rollout status waits, then fails when the deadline is exceeded
    When I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And I try to run "kubectl rollout status deployment/web"
    Then the command fails with "error: deployment \"web\" exceeded its progress deadline"
    And the output contains "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..."
    And deployment "web" has condition "Progressing" with status "False"
    And deployment "web" has condition "Progressing" with reason "ProgressDeadlineExceeded"
    And deployment "web" has condition "Available" with status "True"
    And deployment "web" always had at least 3 available pods
    When I run "kubectl describe deployment web"
    Then the output contains "  Progressing    False   ProgressDeadlineExceeded"

  @bad-image
  @b:deployment.progress-deadline
  Scenario: the deadline is exceeded after progressDeadlineSeconds, not before
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        progressDeadlineSeconds: 60
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
    And 50 seconds pass
    Then deployment "web" has condition "Progressing" with reason "ReplicaSetUpdated"
    When 20 seconds pass
    Then deployment "web" has condition "Progressing" with reason "ProgressDeadlineExceeded"
    When I try to run "kubectl rollout status deployment/web --watch=false"
    Then the command fails with "error: deployment \"web\" exceeded its progress deadline"

  @bad-image @recovery
  @b:deployment.progress-deadline
  Scenario: a timed-out rollout recovers when the image is fixed
    When I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 11 minutes pass
    Then deployment "web" has condition "Progressing" with reason "ProgressDeadlineExceeded"
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    Then deployment "web" always had at least 3 available pods
    And deployment "web" has condition "Progressing" with reason "NewReplicaSetAvailable"
    And deployment "web" has 3 updated replicas
    When I run "kubectl rollout status deployment/web"
    Then the output is "deployment \"web\" successfully rolled out"

  @bad-image @rollback
  @b:deployment.rollback
  Scenario: rollout undo brings the stalled Deployment back
    When I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 11 minutes pass
    And I run "kubectl rollout undo deployment/web"
    And the cluster settles
    Then deployment "web" always had at least 3 available pods
    And deployment "web" has 3 available replicas
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.25 nginx:1.25 nginx:1.25"
