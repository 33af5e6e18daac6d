@statefulset @sts-partition
Feature: Canary and phased rollouts with a partition

  With `updateStrategy.rollingUpdate.partition: P`, a rolling update only replaces pods with an
  ordinal ≥ P; pods below keep the current revision, even when they are deleted and recreated
  (statefulset.md §6.3). Lowering the partition step by step phases the rollout in.

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
          type: RollingUpdate
          rollingUpdate:
            partition: 2
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

  @b:statefulset.canary-partition
  Scenario: a canary: with partition 2 only web-2 gets the new image
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    And I run "kubectl rollout status sts/web"
    Then the output is:
      """
      Waiting for 1 pods to be ready...
      partitioned roll out complete: 1 new pods have been updated...
      """
    And pods were deleted in the order "web-2"
    And pods were created in the order "web-2"
    And pod "web-0" was not recreated
    And pod "web-1" was not recreated
    When I run "kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 nginx:1.27
      web-1 nginx:1.27
      web-2 nginx:1.28
      """
    When I run "kubectl get sts web -o jsonpath='{.status.currentReplicas} {.status.updatedReplicas}'"
    Then the output is "2 1"

  @b:statefulset.phased-partition
  Scenario: a phased rollout: lowering the partition to 1, then 0, updates web-1, then web-0
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    And the cluster settles
    Then pods were deleted in the order "web-2"
    When I run "kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":1}}}}'"
    Then the output is "statefulset.apps/web patched"
    When the cluster settles
    Then pods were deleted in the order "web-1"
    And pods were created in the order "web-1"
    And pod "web-0" was not recreated
    When I run "kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}'"
    And I run "kubectl rollout status sts/web"
    Then the output is:
      """
      Waiting for 1 pods to be ready...
      partitioned roll out complete: 3 new pods have been updated...
      """
    And pods were deleted in the order "web-0"
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.28 nginx:1.28 nginx:1.28"
    When I run "kubectl get sts web -o jsonpath='{.status.currentReplicas} {.status.updatedReplicas} {.status.readyReplicas}'"
    Then the output is "3 3 3"

  @b:statefulset.partition-pod-deleted
  Scenario: a pod deleted during a partitioned update comes back at the revision of its side of the partition
    When I run "kubectl set image sts/web nginx=nginx:1.28"
    And the cluster settles
    Then pod "web-2" was recreated
    When I run "kubectl delete pod web-0 web-2"
    And the cluster settles
    Then the output is:
      """
      pod "web-0" deleted
      pod "web-2" deleted
      """
    And pod "web-0" was recreated
    And pod "web-2" was recreated
    And pod "web-1" was not recreated
    When I run "kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 nginx:1.27
      web-1 nginx:1.27
      web-2 nginx:1.28
      """

  @b:statefulset.partition-above-replicas
  Scenario: a partition as high as the replica count updates no pod, and a scale-up gets the old template
    When I run "kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":5}}}}'"
    And I run "kubectl set image sts/web nginx=nginx:1.28"
    And I run "kubectl scale sts web --replicas=4"
    And the cluster settles
    Then no pods were deleted
    And pods were created in the order "web-3"
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is "nginx:1.27 nginx:1.27 nginx:1.27 nginx:1.27"
    When I run "kubectl rollout status sts/web --watch=false"
    Then the output is "partitioned roll out complete: 0 new pods have been updated..."
