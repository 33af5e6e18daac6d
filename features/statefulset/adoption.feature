@statefulset @sts-adoption
Feature: A StatefulSet adopts matching orphan pods and releases pods that stop matching

  The controller claims the pods of its namespace whose labels match its selector and whose name
  is `<set>-<ordinal>`: an orphan that matches is adopted (it gets the set as controller), a pod
  it owns whose labels stop matching is released (its ownerReference is removed) and left alone
  (statefulset.md §4).

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
        replicas: 1
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

  @b:statefulset.adopt-orphans
  Scenario: a pod whose owner reference was removed is adopted again
    When I run "kubectl patch pod web-0 --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}]'"
    Then the output is "pod/web-0 patched"
    When the cluster settles
    Then pod "web-0" is owned by statefulset "web"
    And pod "web-0" was not recreated
    And no pods were created

  @b:statefulset.release-non-matching
  Scenario: a pod whose labels stop matching is released, and adopted again when they match again
    When I run "kubectl label pod web-0 app=other --overwrite"
    Then the output is "pod/web-0 labeled"
    When 1 minute passes
    Then pod "web-0" has no owner
    And pod "web-0" was not recreated
    And no pods were deleted
    When I run "kubectl get pods -l app=other"
    Then the output contains "web-0   1/1     Running   0"
    When I run "kubectl label pod web-0 app=web --overwrite"
    And the cluster settles
    Then pod "web-0" is owned by statefulset "web"
    And pod "web-0" was not recreated
    And no pods were created

  @b:statefulset.adopt-orphans
  Scenario: a set deleted with --cascade=orphan leaves its pods running, and a new set of the same name adopts them
    When I run "kubectl delete statefulset web --cascade=orphan"
    Then the output is "statefulset.apps \"web\" deleted"
    When the cluster settles
    Then statefulset "web" does not exist
    And pod "web-0" has no owner
    And no pods were deleted
    When I apply the manifest:
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
        replicas: 1
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
    And the cluster settles
    Then pod "web-0" is owned by statefulset "web"
    And pod "web-0" was not recreated
    And no pods were created
