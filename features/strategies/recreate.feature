@strategies @recreate
Feature: The recreate strategy: all old pods go before any new one starts

  A Deployment with `strategy.type: Recreate` scales the old ReplicaSet to zero, waits until its
  pods are gone, then scales the new one up. Never are both versions served, and there is a window
  in which the Service has no ready endpoint at all: the downtime the pattern accepts.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          type: Recreate
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
              version: v1
          spec:
            containers:
              - name: app
                image: nginx:1.27
      """

  @b:strategies.recreate
  Scenario: the rollout has a window with no ready endpoints and never serves both versions
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          type: Recreate
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
              version: v2
          spec:
            containers:
              - name: app
                image: nginx:1.28
      """
    And the cluster settles
    Then service "web" had no ready endpoints at some instant
    And service "web" never had ready endpoints from both "version=v1" and "version=v2"
    And deployment "web" never had more than 3 pods
    And 3 of the 3 ready endpoints of service "web" are pods matching "version=v2"
    When I run "kubectl rollout status deployment/web --watch=false"
    Then the output is "deployment \"web\" successfully rolled out"
