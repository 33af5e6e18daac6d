@deployment @history
Feature: Revisions, rollout history and rollout undo

  Every new template gets the next revision; a rollback re-selects the old ReplicaSet, which gets
  the next revision number and remembers its earlier ones in revision-history (deployment.md §7.1,
  §10.1). `rollout undo` without --to-revision goes to the second-highest revision.

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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

  @undo @to-revision @apps-sh
  @b:deployment.rollback @b:deployment.rollback.errors @b:deployment.revision.numbering
  Scenario: the rollback sequence of test/cmd/apps.sh
    When I run "kubectl rollout undo deployment/web --to-revision=1"
    Then the output is:
      """
      deployment.apps/web skipped rollback (current template already matches revision 1)
      """
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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
                image: nginx:1.26
      """
    And the cluster settles
    And I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "nginx:1.26 2"
    When I run "kubectl rollout undo deployment/web --to-revision=1"
    Then the output is:
      """
      deployment.apps/web rolled back
      """
    When the cluster settles
    And I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "nginx:1.25 3"
    When I try to run "kubectl rollout undo deployment/web --to-revision=1000000"
    Then the command fails with "error: unable to find specified revision 1000000 in history"
    When I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.25"
    When I run "kubectl rollout undo deployment/web"
    Then the output is "deployment.apps/web rolled back"
    When the cluster settles
    And I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "nginx:1.26 4"
    When I run "kubectl rollout pause deployment/web"
    Then the output is "deployment.apps/web paused"
    When I try to run "kubectl rollout undo deployment/web"
    Then the command fails with "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
    When I try to run "kubectl rollout restart deployment/web"
    Then the command fails with "can't restart paused deployment (run rollout resume first)"
    When I run "kubectl rollout resume deployment/web"
    Then the output is "deployment.apps/web resumed"
    When I run "kubectl rollout undo deployment/web"
    Then the output is "deployment.apps/web rolled back"
    When the cluster settles
    And I run "kubectl get rs -l app=web -o jsonpath='{.items[?(@.metadata.annotations.deployment\.kubernetes\.io/revision==\"5\")].metadata.annotations.deployment\.kubernetes\.io/revision-history}'"
    Then the output is "1,3"
    When I run "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'"
    Then the output is "nginx:1.25"
    When I try to run "kubectl rollout status deployment/web --revision=3"
    Then the command fails with "error: desired revision (3) is different from the running revision (5)"
    When I run "kubectl rollout restart deployment/web"
    Then the output is "deployment.apps/web restarted"
    When the cluster settles
    And I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "6"
    When I run "kubectl get rs -l app=web -o jsonpath='{.items[?(@.spec.replicas==2)].metadata.annotations.deployment\.kubernetes\.io/revision}'"
    Then the output is "6"

  @history
  @b:kubectl.rollout-history @b:deployment.revision.annotations
  Scenario: rollout history lists every revision, the change cause and one revision's template
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    And I run "kubectl annotate deployment/web kubernetes.io/change-cause='image 1.27'"
    And I run "kubectl set image deployment/web nginx=nginx:1.27"
    And the cluster settles
    And I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      3         image 1.27
      """
    When I run "kubectl rollout history deployment/web --revision=1"
    Then the output contains "deployment.apps/web with revision #1"
    And the output contains "Pod Template:"
    And the output contains "    Image:	nginx:1.25"
    When I try to run "kubectl rollout history deployment/web --revision=9"
    Then the command fails with "error: unable to find the specified revision"

  @undo
  @b:deployment.rollback
  Scenario: a rollback re-uses the old ReplicaSet and creates no new one
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And the cluster settles
    Then deployment "web" always had at least 2 available pods
    When I run "kubectl rollout undo deployment/web"
    And the cluster settles
    Then deployment "web" always had at least 2 available pods
    And deployment "web" never had more than 3 pods
    When I run "kubectl get rs -l app=web --sort-by=.spec.replicas -o jsonpath='{.items[*].spec.replicas}'"
    Then the output is "0 2"
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>
      """

  @undo
  @b:deployment.rollback.errors
  Scenario: undo with a single revision has no history to go back to
    When I try to run "kubectl rollout undo deployment/web"
    Then the command fails with "no rollout history found for deployment \"web\""
