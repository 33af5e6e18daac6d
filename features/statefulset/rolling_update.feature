@statefulset @sts-rolling-update
Feature: A StatefulSet rolls a new template from the highest ordinal down, and rolls back to a revision it kept

  Under the RollingUpdate strategy, a template change makes a new ControllerRevision; the controller
  deletes the pod with the highest ordinal that is not at the update revision, waits for its
  replacement (same name) to be Running and Ready, and goes on down to ordinal 0 (statefulset.md
  §6.4, §6.5). A rollback (`kubectl rollout undo`) brings back the old template: the controller reuses
  the old ControllerRevision, bumping its revision number, and rolls again (§7).

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: None
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
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
                image: nginx:1.27
      """

  @b:statefulset.rolling-update
  Scenario: set image rolls the pods one at a time, from web-2 down to web-0
    When I run "kubectl set image statefulset/web nginx=nginx:1.28"
    Then the output is "statefulset.apps/web image updated"
    When I run "kubectl rollout status sts/web"
    Then the output is:
      """
      Waiting for 1 pods to be ready...
      Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
      Waiting for 1 pods to be ready...
      Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
      Waiting for 1 pods to be ready...
      partitioned roll out complete: 3 new pods have been updated...
      """
    And pods were deleted in the order "web-2, web-1, web-0"
    And pods were created in the order "web-2, web-1, web-0"
    And statefulset "web" never had more than 3 pods
    And statefulset "web" always had at least 2 ready pods
    When I run "kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 nginx:1.28
      web-1 nginx:1.28
      web-2 nginx:1.28
      """
    When I run "kubectl rollout history sts/web"
    Then the output is:
      """
      statefulset.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      """

  @b:statefulset.rollback
  Scenario: rollout undo goes back to the first template, reusing its ControllerRevision
    When I run "kubectl set image statefulset/web nginx=nginx:1.28"
    And the cluster settles
    And I run "kubectl get controllerrevisions -l app=web"
    Then the output contains "statefulset.apps/web   1 "
    And the output contains "statefulset.apps/web   2 "
    When I run "kubectl rollout undo sts/web"
    Then the output is "statefulset.apps/web rolled back"
    When the cluster settles
    Then pods were deleted in the order "web-2, web-1, web-0"
    And statefulset "web" always had at least 2 ready pods
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.27 nginx:1.27 nginx:1.27"
    When I run "kubectl get controllerrevisions -l app=web --sort-by=.revision -o custom-columns=REVISION:.revision,IMAGE:.data.spec.template.spec.containers[0].image"
    Then the output is:
      """
      REVISION   IMAGE
      2          nginx:1.28
      3          nginx:1.27
      """
    When I run "kubectl rollout history sts/web"
    Then the output is:
      """
      statefulset.apps/web
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>
      """
    When I run "kubectl get sts web -o jsonpath='{.status.currentReplicas} {.status.updatedReplicas} {.status.readyReplicas}'"
    Then the output is "3 3 3"
