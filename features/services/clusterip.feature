@services @clusterip
Feature: A ClusterIP Service: a stable virtual IP, EndpointSlices with ready and not-ready endpoints, DNS

  A Service with a selector gets a cluster IP and the EndpointSlice controller lists the pods it
  selects in slices labelled `kubernetes.io/service-name`, one endpoint per pod, with
  `conditions.ready` following the pod's Ready condition (a pod whose readiness probe fails stays
  listed, not ready; a terminating pod is not ready). Cluster DNS answers `<svc>.<ns>.svc.cluster.local`
  with the cluster IP, whatever the endpoints (statefulset.md §11).

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
            targetPort: 8080
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-a
        labels:
          app: web
      spec:
        containers:
          - name: app
            image: nginx:1.27
            ports:
              - containerPort: 8080
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-b
        labels:
          app: web
      spec:
        containers:
          - name: app
            image: nginx:1.27
            ports:
              - containerPort: 8080
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-c
        labels:
          app: web
      spec:
        containers:
          - name: app
            image: nginx:1.27
            ports:
              - containerPort: 8080
            lifecycle:
              preStop:
                sleep:
                  seconds: 5
      """

  @b:services.clusterip
  Scenario: the Service and its EndpointSlice
    When I run "kubectl get svc web -o jsonpath='{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}'"
    Then the output is "ClusterIP 80 8080"
    When I run "kubectl get svc web -o wide"
    Then the output contains "ClusterIP"
    And the output contains "80/TCP    2s    app=web"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*]}{.addressType} {.ports[0].name} {.ports[0].port}{\"\n\"}{end}'"
    Then the output is "IPv4 http 8080"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name} {.conditions.ready}{\"\n\"}{end}' --sort-by=.metadata.name"
    Then the output contains "web-a true"
    And the output contains "web-b true"
    And the output contains "web-c true"

  @b:services.endpointslices.not-ready
  Scenario: a pod whose readiness probe fails stays in the slice as not ready, and is ready again when it passes
    When the readiness probe of pod "web-b" fails
    And 10 seconds pass
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name} ready={.conditions.ready} serving={.conditions.serving} terminating={.conditions.terminating}{\"\n\"}{end}'"
    Then the output contains "web-a ready=true serving=true terminating=false"
    And the output contains "web-b ready=false serving=false terminating=false"
    And the output contains "web-c ready=true serving=true terminating=false"
    When I run "kubectl describe svc web"
    Then the output does not contain "Endpoints:                (none)"
    When the readiness probe of pod "web-b" passes again
    And 10 seconds pass
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[?(@.targetRef.name==\"web-b\")]}{.conditions.ready}{end}'"
    Then the output is "true"

  @b:services.endpointslices.terminating
  Scenario: a terminating pod is listed as terminating and not ready until it is gone
    When I run "kubectl delete pod web-c --wait=false"
    And 1 second passes
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[?(@.targetRef.name==\"web-c\")]}ready={.conditions.ready} serving={.conditions.serving} terminating={.conditions.terminating}{end}'"
    Then the output is "ready=false serving=true terminating=true"
    When the cluster settles
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[*].targetRef.name}'"
    Then the output does not contain "web-c"
    And the output contains "web-a"

  @b:services.dns.clusterip
  Scenario: the Service name resolves to its cluster IP, with or without ready endpoints
    Then the DNS name "web.default.svc.cluster.local" resolves to the cluster IP of service "web"
    And the DNS name "web" resolves to the cluster IP of service "web"
    And the DNS name "web.default" resolves to the cluster IP of service "web"
    When the readiness probe of pod "web-a" fails
    And the readiness probe of pod "web-b" fails
    And the readiness probe of pod "web-c" fails
    And 10 seconds pass
    Then service "web" had no ready endpoints at some instant
    And the DNS name "web.default.svc.cluster.local" resolves to the cluster IP of service "web"
    And the DNS name "web.other.svc.cluster.local" does not resolve
