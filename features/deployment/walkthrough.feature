@deployment @walkthrough
Feature: The Deployment walkthrough of the Kubernetes documentation

  The session every Kubernetes learner types: create nginx-deployment, look at it, scale it,
  update the image, mistype the tag (nginx:1.91 does not exist), watch the rollout stall while
  the old pods keep serving, read the history and roll back. ReplicaSet and pod names carry a
  pod-template-hash that differs from a real cluster's (docs/divergences.md), so the checks stay on
  lines without hashes.

  Background:
    Given the image "nginx:1.91" cannot be pulled
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
        labels:
          app: nginx
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: nginx
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
              - name: nginx
                image: nginx:1.7.9
                ports:
                  - containerPort: 80
      """

  @get
  @b:deployment.lifecycle @b:deployment.naming @b:kubectl.get @b:kubectl.rollout-status
  Scenario: the Deployment is created with three ready pods
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   3/3     3            3           2s
      """
    When I run "kubectl rollout status deployment/nginx-deployment"
    Then the output is:
      """
      deployment "nginx-deployment" successfully rolled out
      """
    When I run "kubectl get deployment nginx-deployment -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "1"
    When I run "kubectl get pods -l app=nginx -o jsonpath='{.items[*].status.phase}'"
    Then the output is "Running Running Running"

  @scale
  @b:deployment.scale @b:kubectl.mutations
  Scenario: scaling to 4 replicas
    When I run "kubectl scale deployment/nginx-deployment --replicas=4"
    Then the output is:
      """
      deployment.apps/nginx-deployment scaled
      """
    When the cluster settles
    And I run "kubectl get deployments"
    Then the output is:
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   4/4     4            4           3s
      """
    And 1 pod was created
    And no pods were deleted
    When I run "kubectl rollout history deployment/nginx-deployment"
    Then the output is:
      """
      deployment.apps/nginx-deployment
      REVISION  CHANGE-CAUSE
      1         <none>
      """

  @rolling @stalled
  @b:deployment.rolling.stuck @b:deployment.rolling.availability-floor @b:kubectl.rollout-status @b:kubectl.rollout-history @b:kubectl.describe
  Scenario: a mistyped image stalls the rollout while the old pods keep serving
    # 4 replicas, 25%/25%: maxSurge ceil(1) = 1, maxUnavailable floor(1) = 1 (deployment.md §4),
    # so never fewer than 4 - 1 = 3 available and never more than 4 + 1 = 5 pods; the rollout
    # stalls at 3 old / 2 new (§6.5), the new pods in ImagePullBackOff.
    When I run "kubectl scale deployment/nginx-deployment --replicas=4"
    And I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.9.1"
    Then the output is:
      """
      deployment.apps/nginx-deployment image updated
      """
    When I run "kubectl rollout status deployment/nginx-deployment"
    Then the output contains "deployment \"nginx-deployment\" successfully rolled out"
    When I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.91"
    And 1 minute passes
    Then deployment "nginx-deployment" always had at least 3 available pods
    And deployment "nginx-deployment" never had more than 5 pods
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   3/4     2            3           65s
      """
    When I run "kubectl rollout status deployment/nginx-deployment --watch=false"
    Then the output is:
      """
      Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 4 new replicas have been updated...
      """
    When I run "kubectl get pods -l app=nginx --field-selector=status.phase=Pending -o jsonpath='{.items[*].status.containerStatuses[0].state.waiting.reason}'"
    Then the output is "ImagePullBackOff ImagePullBackOff"
    When I run "kubectl describe deployment nginx-deployment"
    Then the output contains "Replicas:               4 desired | 2 updated | 5 total | 3 available | 2 unavailable"
    And the output contains "  Available      True    MinimumReplicasAvailable"
    And the output contains "  Progressing    True    ReplicaSetUpdated"
    When I run "kubectl rollout history deployment/nginx-deployment"
    Then the output is:
      """
      deployment.apps/nginx-deployment
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      3         <none>
      """
    When I run "kubectl rollout history deployment/nginx-deployment --revision=2"
    Then the output contains "deployment.apps/nginx-deployment with revision #2"
    And the output contains "    Image:	nginx:1.9.1"

  @rollback
  @b:deployment.rollback @b:deployment.revision.numbering
  Scenario: rollout undo goes back to the previous revision
    When I run "kubectl scale deployment/nginx-deployment --replicas=4"
    And I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.9.1"
    And the cluster settles
    And I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.91"
    And 1 minute passes
    And I run "kubectl rollout undo deployment/nginx-deployment"
    Then the output is:
      """
      deployment.apps/nginx-deployment rolled back
      """
    When the cluster settles
    Then deployment "nginx-deployment" always had at least 3 available pods
    And deployment "nginx-deployment" never had more than 5 pods
    When I run "kubectl rollout status deployment/nginx-deployment"
    Then the output contains "deployment \"nginx-deployment\" successfully rolled out"
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   4/4     4            4           67s
      """
    When I run "kubectl get deployment nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.9.1"
    When I run "kubectl rollout history deployment/nginx-deployment"
    Then the output is:
      """
      deployment.apps/nginx-deployment
      REVISION  CHANGE-CAUSE
      1         <none>
      3         <none>
      4         <none>
      """
    When I try to run "kubectl rollout undo deployment/nginx-deployment --to-revision=2"
    Then the command fails with "error: unable to find specified revision 2 in history"

  @rollback @to-revision
  @b:deployment.rollback
  Scenario: rollout undo --to-revision=2 goes back to a chosen revision
    When I run "kubectl scale deployment/nginx-deployment --replicas=4"
    And I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.9.1"
    And the cluster settles
    And I run "kubectl set image deployment/nginx-deployment nginx=nginx:1.91"
    And 1 minute passes
    And I run "kubectl rollout undo deployment/nginx-deployment --to-revision=2"
    Then the output is:
      """
      deployment.apps/nginx-deployment rolled back
      """
    When the cluster settles
    And I run "kubectl get deployment nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "nginx:1.9.1 4"
    When I run "kubectl get deployments"
    Then the output is:
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   4/4     4            4           67s
      """
    When I run "kubectl rollout undo deployment/nginx-deployment --to-revision=1"
    Then the output is:
      """
      deployment.apps/nginx-deployment rolled back
      """
    When the cluster settles
    And I run "kubectl get deployment nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.7.9"
    When I run "kubectl rollout history deployment/nginx-deployment"
    Then the output is:
      """
      deployment.apps/nginx-deployment
      REVISION  CHANGE-CAUSE
      3         <none>
      4         <none>
      5         <none>
      """
