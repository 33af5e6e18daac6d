@statefulset @sts-scale
Feature: A StatefulSet scales in ordinal order, one pod at a time, and halts on an unhealthy pod

  With the default podManagementPolicy OrderedReady, pods are created from the lowest ordinal up,
  each only once every pod below it is Running and Ready, and removed from the highest ordinal
  down, each only once the one above it is gone (statefulset.md §6.1). An unhealthy pod halts
  scaling in both directions. With Parallel, pods are created and deleted all at once (§6.2).

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

  @b:statefulset.ordered-scale-up
  Scenario: scaling up creates the new pods in ordinal order, each after the one before is ready
    When I run "kubectl scale statefulset web --replicas=5"
    Then the output is "statefulset.apps/web scaled"
    When the cluster settles
    Then pods were created in the order "web-3, web-4"
    And pod "web-2" was running and ready before pod "web-3" was created
    And pod "web-3" was running and ready before pod "web-4" was created
    And no pods were deleted
    When I run "kubectl get statefulset web"
    Then the output contains "web    5/5"
    When I run "kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.labels.apps\.kubernetes\.io/pod-index} {.metadata.labels.statefulset\.kubernetes\.io/pod-name}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 0 web-0
      web-1 1 web-1
      web-2 2 web-2
      web-3 3 web-3
      web-4 4 web-4
      """

  @b:statefulset.ordered-scale-down
  Scenario: scaling down deletes pods from the highest ordinal down, one at a time
    When I run "kubectl scale sts/web --replicas=1"
    Then the output is "statefulset.apps/web scaled"
    When the cluster settles
    Then pods were deleted in the order "web-2, web-1"
    And no pods were created
    And pod "web-0" was not recreated
    When I run "kubectl get pods -l app=web"
    Then the output contains "web-0   1/1     Running   0"
    And the output does not contain "web-1"

  @b:statefulset.scale-up-halts-on-unhealthy
  Scenario: scaling up halts while a lower pod is not ready, and resumes once it is
    When the readiness probe of pod "web-1" fails
    And 10 seconds pass
    And I run "kubectl scale sts web --replicas=5"
    And 2 minutes pass
    Then no pods were created
    When I run "kubectl get sts web"
    Then the output contains "web    2/5"
    When I run "kubectl rollout status sts/web --watch=false"
    Then the output is "Waiting for 3 pods to be ready..."
    When the readiness probe of pod "web-1" passes again
    And the cluster settles
    Then pods were created in the order "web-3, web-4"
    And pod "web-1" was not recreated

  @b:statefulset.scale-down-halts-on-unhealthy
  Scenario: scaling down halts while a pod that stays is not ready
    When the readiness probe of pod "web-0" fails
    And 10 seconds pass
    And I run "kubectl scale sts web --replicas=1"
    And 2 minutes pass
    Then no pods were deleted
    When the readiness probe of pod "web-0" passes again
    And the cluster settles
    Then pods were deleted in the order "web-2, web-1"

  @b:statefulset.scale-down-all-unhealthy
  Scenario: with every pod unready, a scale-down to zero deletes nothing
    When the readiness probes of statefulset "web" fail
    And 10 seconds pass
    And I run "kubectl scale sts web --replicas=0"
    And 2 minutes pass
    Then no pods were deleted
    And there are 3 pods
    When the readiness probes of statefulset "web" pass again
    And the cluster settles
    Then pods were deleted in the order "web-2, web-1, web-0"
    And there are 0 pods

  @b:statefulset.burst-scaling
  Scenario: with Parallel pod management, pods are created and deleted all at once
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: burst
      spec:
        serviceName: web
        podManagementPolicy: Parallel
        replicas: 3
        selector:
          matchLabels:
            app: burst
        template:
          metadata:
            labels:
              app: burst
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
      """
    And the cluster settles
    Then pods were created in the order "burst-0, burst-1, burst-2"
    And the pods were created at the same instant, before any was scheduled
    When the readiness probes of statefulset "burst" fail
    And 10 seconds pass
    And I run "kubectl scale sts burst --replicas=5"
    And 1 second passes
    Then pods were created in the order "burst-3, burst-4"
    When I run "kubectl scale sts burst --replicas=0"
    And 1 second passes
    Then 5 pods were deleted
