@statefulset @sts-recreate
Feature: A failed or missing pod comes back under its own name, with its own claim

  A pod of the set that turns Failed (for example evicted under node pressure) is deleted at once
  and recreated with the same name and a new uid; its claim survives and is mounted again
  (statefulset.md §5.3, §6.1 rule 6, §9.3). A missing lower ordinal is recreated even while a
  higher one is unhealthy (§6.1 rule 2).

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
        volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
      """

  @b:statefulset.recreate-failed @b:storage.claims-survive-pods
  Scenario: an evicted pod is replaced under the same name, with the same claim
    When pod "web-1" is evicted
    And the cluster settles
    Then pod "web-1" was recreated
    And pod "web-0" was not recreated
    And pod "web-2" was not recreated
    And pods were created in the order "web-1"
    And the claim "data-web-1" is still bound to the same volume
    When I run "kubectl get pods -l app=web"
    Then the output contains "web-1   1/1     Running   0"
    And the output does not contain "Evicted"

  @b:statefulset.recreate-failed-status
  Scenario: an evicted pod is seen as Failed with reason Evicted until the controller replaces it
    When pod "web-2" is evicted
    Then pod "web-2" is Failed
    And pod "web-2" has reason "Evicted"
    When the cluster settles
    Then pod "web-2" was recreated
    And pod "web-2" is Running
    And the claim "data-web-2" is still bound to the same volume

  @b:statefulset.no-deadlock-predecessor
  Scenario: a missing pod is recreated even while a pod above it is not ready
    When the readiness probe of pod "web-2" fails
    And 10 seconds pass
    And I run "kubectl delete pod web-0"
    And the cluster settles
    Then pod "web-0" was recreated
    And pod "web-2" was not recreated
    And the claim "data-web-0" is still bound to the same volume
    When I run "kubectl get pods -l app=web"
    Then the output contains "web-0   1/1     Running   0"
    And the output contains "web-2   0/1     Running   0"
