@deployment @pause
Feature: Pause, resume and restart a rollout

  A paused Deployment creates no new ReplicaSet and starts no rollout, whatever the template says;
  scaling still works. Resuming rolls out the latest template as one revision. `rollout restart`
  stamps kubectl.kubernetes.io/restartedAt on the pod template, which is a new template and so a
  new revision (deployment.md §11, §17).

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
              - name: sidecar
                image: busybox:1.36
      """

  @resume
  @b:deployment.pause
  Scenario: template changes wait while paused and roll out together on resume
    When I run "kubectl rollout pause deployment/web"
    Then the output is "deployment.apps/web paused"
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And I run "kubectl set image deployment/web sidecar=busybox:1.37"
    And the cluster settles
    Then no pods were created
    And no pods were deleted
    And deployment "web" has condition "Progressing" with reason "DeploymentPaused"
    And deployment "web" has condition "Progressing" with status "Unknown"
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      """
    When I run "kubectl rollout status deployment/web --watch=false"
    Then the output is:
      """
      Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...
      """
    When I run "kubectl rollout resume deployment/web"
    Then the output is "deployment.apps/web resumed"
    When the cluster settles
    Then 3 pods were created
    And 3 pods were deleted
    And deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    When I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[*].image} {.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "nginx:1.26 busybox:1.37 2"

  @scaling
  @b:deployment.pause @b:deployment.scale
  Scenario: a paused Deployment still scales
    When I run "kubectl rollout pause deployment/web"
    And I run "kubectl scale deployment/web --replicas=5"
    And the cluster settles
    Then 2 pods were created
    And deployment "web" has 5 available replicas

  @errors
  @b:deployment.pause @b:kubectl.errors
  Scenario: pausing twice and resuming twice are errors
    When I run "kubectl rollout pause deployment/web"
    And I try to run "kubectl rollout pause deployment/web"
    Then the command fails with "deployments.apps \"web\" is already paused"
    When I run "kubectl rollout resume deployment/web"
    And I try to run "kubectl rollout resume deployment/web"
    Then the command fails with "deployments.apps \"web\" is not paused"

  @restart
  @b:deployment.restart
  Scenario: rollout restart replaces every pod through a new revision
    # 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0 → at least 3 available, at most 4 pods
    When I run "kubectl rollout restart deployment/web"
    Then the output is "deployment.apps/web restarted"
    When the cluster settles
    Then 3 pods were created
    And 3 pods were deleted
    And deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    When I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision} {.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}'"
    Then the output is "2 2024-01-01T00:00:02Z"
