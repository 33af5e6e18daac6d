@strategies @blue-green
Feature: Blue/green: two Deployments side by side, and a Service selector that switches between them

  Version v1 (blue) and version v2 (green) run as two full Deployments. The Service selects
  `version: v1`; once v2 is up and ready, patching the selector to `version: v2` moves every endpoint
  at once: the Service never serves from both versions, and never from none. Switching back is the
  rollback.

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
          version: v1
        ports:
          - name: http
            port: 80
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-v1
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
            version: v1
        template:
          metadata:
            labels:
              app: web
              version: v1
          spec:
            containers:
              - name: app
                image: nginx:1.27
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-v2
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
            version: v2
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

  @b:strategies.blue-green
  Scenario: switching the selector with kubectl patch moves the endpoints at once
    Then 3 of the 3 ready endpoints of service "web" are pods matching "version=v1"
    When I run "kubectl patch service web -p '{\"spec\":{\"selector\":{\"version\":\"v2\"}}}'"
    Then the output is "service/web patched"
    When the cluster settles
    Then 3 of the 3 ready endpoints of service "web" are pods matching "version=v2"
    When I run "kubectl get svc web -o jsonpath='{.spec.selector}'"
    Then the output is "{\"app\":\"web\",\"version\":\"v2\"}"

  @b:strategies.blue-green
  Scenario: the switch never serves from both versions, nor from none
    When I run "kubectl patch service web -p '{\"spec\":{\"selector\":{\"version\":\"v2\"}}}'"
    And the cluster settles
    Then service "web" never had ready endpoints from both "version=v1" and "version=v2"
    And service "web" always had at least 3 ready endpoints
    And no pods were created
    And no pods were deleted

  @b:strategies.blue-green
  Scenario: switching with kubectl apply, and back again as the rollback
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
          version: v2
        ports:
          - name: http
            port: 80
      """
    And the cluster settles
    Then service "web" never had ready endpoints from both "version=v1" and "version=v2"
    And 3 of the 3 ready endpoints of service "web" are pods matching "version=v2"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
          version: v1
        ports:
          - name: http
            port: 80
      """
    And the cluster settles
    Then service "web" never had ready endpoints from both "version=v1" and "version=v2"
    And service "web" always had at least 3 ready endpoints
    And 3 of the 3 ready endpoints of service "web" are pods matching "version=v1"
