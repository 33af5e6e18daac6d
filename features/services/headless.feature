@services @headless
Feature: A headless Service: no cluster IP, DNS answers with the ready pods themselves

  A Service with `clusterIP: None` gets no virtual IP. Cluster DNS answers its name with one A
  record per ready endpoint, and a pod whose `hostname` is set and whose `subdomain` names the
  Service gets `<hostname>.<svc>.<ns>.svc.cluster.local` while it is ready (statefulset.md §11).
  With `publishNotReadyAddresses: true` the endpoints are published ready whatever the pods' state.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        clusterIP: None
        selector:
          app: db
        ports:
          - name: pg
            port: 5432
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: db-a
        labels:
          app: db
      spec:
        hostname: db-a
        subdomain: db
        containers:
          - name: db
            image: postgres:16
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: db-b
        labels:
          app: db
      spec:
        hostname: db-b
        subdomain: db
        containers:
          - name: db
            image: postgres:16
      """

  @b:services.headless
  Scenario: the headless Service has no cluster IP and its name resolves to the ready pods
    When I run "kubectl get svc db"
    Then the output is:
      """
      NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE
      db     ClusterIP   None         <none>        5432/TCP   2s
      """
    And the DNS name "db.default.svc.cluster.local" resolves to pods "db-a, db-b"
    And the DNS name "db-a.db.default.svc.cluster.local" resolves to pod "db-a"
    And the DNS name "db-b.db" resolves to pod "db-b"

  @b:services.dns.headless-ready-only
  Scenario: an unready pod drops out of the headless answers, and comes back when ready
    When the readiness probe of pod "db-b" fails
    And 10 seconds pass
    Then the DNS name "db.default.svc.cluster.local" resolves to pods "db-a"
    And the DNS name "db-b.db.default.svc.cluster.local" does not resolve
    When the readiness probe of pod "db-a" fails
    And 10 seconds pass
    Then service "db" had no ready endpoints at some instant
    And the DNS name "db.default.svc.cluster.local" does not resolve
    When the readiness probe of pod "db-a" passes again
    And 10 seconds pass
    Then the DNS name "db.default.svc.cluster.local" resolves to pods "db-a"

  @b:services.dns.publish-not-ready
  Scenario: with publishNotReadyAddresses, unready pods are published too
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        clusterIP: None
        publishNotReadyAddresses: true
        selector:
          app: db
        ports:
          - name: pg
            port: 5432
      """
    And the readiness probe of pod "db-b" fails
    And 10 seconds pass
    Then the DNS name "db.default.svc.cluster.local" resolves to pods "db-a, db-b"
    And the DNS name "db-b.db.default.svc.cluster.local" resolves to pod "db-b"
