@deployment @pod-deleted
Feature: A pod deleted by hand is replaced by its own ReplicaSet

  Deleting a pod takes it out of the active pods at once; its ReplicaSet creates a replacement
  from the same template (same pod-template-hash, no new revision), also in the middle of a
  rollout (deployment.md §13.2).

  Background:
    Given the image "nginx:no-such-tag" cannot be pulled
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
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

  @b:replicaset.replace-deleted
  Scenario: a pod deleted from a settled Deployment comes back
    When I delete a pod of deployment "web"
    And the cluster settles
    Then 1 pod was deleted
    And 1 pod was created
    And deployment "web" has 4 available replicas
    When I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "1"

  @b:replicaset.replace-deleted @b:deployment.rolling.stuck
  Scenario: a pod deleted in the middle of a stalled rollout is replaced, the rollout stays where it was
    # 4 replicas, 25%/25%: maxSurge 1, maxUnavailable 1; stalled at 3 old / 2 new (§6.5)
    When I run "kubectl set image deployment/web nginx=nginx:no-such-tag"
    And 1 minute passes
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 5 pods
    When I run "kubectl delete pods -l app=web --field-selector=status.phase=Running --wait=false"
    And 1 minute passes
    Then 3 pods were deleted
    And 3 pods were created
    And deployment "web" never had more than 5 pods
    When I run "kubectl get rs -l app=web --sort-by=.spec.replicas -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas}/{.status.availableReplicas} {end}'"
    Then the output is "nginx:no-such-tag=2/ nginx:1.25=3/3"
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      """
