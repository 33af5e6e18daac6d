@b:deployment.history-limit
@deployment @revision-history-limit
Feature: Old ReplicaSets beyond revisionHistoryLimit are deleted

  Once a rollout is complete, old ReplicaSets scaled to 0 are deleted, lowest revision first,
  until at most revisionHistoryLimit old ones remain (cleanupDeployment, deployment.md §7.3).

  Scenario: a limit of 2 keeps the two latest old revisions
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        revisionHistoryLimit: 2
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
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    And I run "kubectl set image deployment/web nginx=nginx:1.27"
    And the cluster settles
    And I run "kubectl set image deployment/web nginx=nginx:1.28"
    And the cluster settles
    And I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>
      4         <none>
      """
    When I run "kubectl get rs -l app=web --sort-by='{.metadata.annotations.deployment\.kubernetes\.io/revision}' -o jsonpath='{.items[*].spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.26 nginx:1.27 nginx:1.28"
    When I try to run "kubectl rollout undo deployment/web --to-revision=1"
    Then the command fails with "error: unable to find specified revision 1 in history"

  Scenario: a limit of 0 keeps no old ReplicaSet
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        revisionHistoryLimit: 0
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
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    And I run "kubectl get rs -l app=web -o jsonpath='{.items[*].spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.26"
    When I try to run "kubectl rollout undo deployment/web"
    Then the command fails with "no rollout history found for deployment \"web\""
