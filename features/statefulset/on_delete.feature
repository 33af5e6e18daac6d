@statefulset @sts-on-delete
Feature: Under the OnDelete strategy, pods take a new template only when someone deletes them

  With `updateStrategy.type: OnDelete` the controller never deletes a pod for an update; a pod
  that is deleted (by hand, or because it failed) comes back at the update revision, the others
  keep the old template, and status.currentRevision never advances (statefulset.md §6.7).

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
        updateStrategy:
          type: OnDelete
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

  @b:statefulset.on-delete
  Scenario: a template change replaces no pod until one is deleted by hand
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    Then the output is "statefulset.apps/web image updated"
    When 5 minutes pass
    Then no pods were deleted
    And no pods were created
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.27 nginx:1.27 nginx:1.27"
    When I run "kubectl get sts web -o jsonpath='current={.status.currentReplicas} updated={.status.updatedReplicas}'"
    Then the output is "current=3 updated="
    When I try to run "kubectl rollout status sts/web"
    Then the command fails with "rollout status is only available for RollingUpdate strategy type"
    When I run "kubectl delete pod web-1"
    And the cluster settles
    Then pod "web-1" was recreated
    And pod "web-0" was not recreated
    And pod "web-2" was not recreated
    When I run "kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 nginx:1.27
      web-1 nginx:1.28
      web-2 nginx:1.27
      """
    When I run "kubectl get sts web -o jsonpath='current={.status.currentReplicas} updated={.status.updatedReplicas}'"
    Then the output is "current=2 updated=1"

  @b:statefulset.on-delete-scale
  Scenario: new pods of a scale-up get the new template, the old ones keep theirs
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    And I run "kubectl scale sts web --replicas=5"
    And the cluster settles
    Then pods were created in the order "web-3, web-4"
    And no pods were deleted
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.27 nginx:1.27 nginx:1.27 nginx:1.28 nginx:1.28"

  @b:statefulset.on-delete-current-revision
  Scenario: with every pod replaced by hand, the current revision still does not advance
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    And I run "kubectl delete pod web-0 web-1 web-2"
    And the cluster settles
    Then pods were created in the order "web-0, web-1, web-2"
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.28 nginx:1.28 nginx:1.28"
    When I run "kubectl get sts web -o jsonpath='current={.status.currentReplicas} updated={.status.updatedReplicas} ready={.status.readyReplicas}'"
    Then the output is "current= updated=3 ready=3"
