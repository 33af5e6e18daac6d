@strategies @canary
Feature: Canary: a few pods of the new version behind the same Service, then promotion

  Two Deployments share the labels the Service selects (`app: web`) and differ in `version`. With
  9 replicas of v1 and 1 of v2, one ready endpoint in ten is v2: about 10% of the connections.
  Promotion scales v2 up and v1 down to zero.

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
        name: web-v1
      spec:
        replicas: 9
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
        replicas: 1
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

  @b:strategies.canary
  Scenario: one endpoint in ten is the canary
    Then 1 of the 10 ready endpoints of service "web" are pods matching "version=v2"
    And 9 of the 10 ready endpoints of service "web" are pods matching "version=v1"
    When I run "kubectl get deployments"
    Then the output contains "web-v1   9/9     9            9"
    And the output contains "web-v2   1/1     1            1"

  @b:strategies.canary
  Scenario: promoting the canary: v2 scales up, then v1 scales down
    When I run "kubectl scale deployment web-v2 --replicas=10"
    Then the output is "deployment.apps/web-v2 scaled"
    When the cluster settles
    Then 10 of the 19 ready endpoints of service "web" are pods matching "version=v2"
    When I run "kubectl scale deployment web-v1 --replicas=0"
    And the cluster settles
    Then service "web" always had at least 10 ready endpoints
    And 10 of the 10 ready endpoints of service "web" are pods matching "version=v2"
