@strategies @ramped
Feature: The ramped (rolling) strategy: versions replace each other a pod at a time, with no downtime

  A RollingUpdate Deployment with maxSurge 1 and maxUnavailable 0 adds one new pod, waits until it
  is available, then removes one old pod, and so on. The Service always has at least as many ready
  endpoints as the Deployment wants replicas, and for a while it serves both versions.

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
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
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

  @b:strategies.ramped
  Scenario: the rollout keeps every replica available and never runs more than one extra pod
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
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
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    And service "web" always had at least 3 ready endpoints
    And 3 pods were created
    And 3 of the 3 ready endpoints of service "web" are pods matching "version=v2"

  @b:strategies.ramped
  Scenario: midway, the Service serves both versions
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
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
    And 2 seconds pass
    Then 1 of the 3 ready endpoints of service "web" are pods matching "version=v2"
