@deployment @min-ready-seconds
Feature: minReadySeconds makes availability lag readiness

  A pod is available once it has been Ready for more than minReadySeconds (deployment.md §14).
  The Deployment's counts, its Available condition and the pace of a rolling update follow
  availability, not readiness.

  @b:deployment.min-ready-seconds @b:deployment.status
  Scenario: new pods are ready before they are available
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        minReadySeconds: 10
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
                image: nginx:1.25
      """
    And 5 seconds pass
    And I run "kubectl get deployments"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    3/3     3            0           5s
      """
    And deployment "web" has condition "Available" with status "False"
    When 10 seconds pass
    And I run "kubectl get deployments"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    3/3     3            3           15s
      """
    And deployment "web" has condition "Available" with status "True"

  @b:deployment.min-ready-seconds
  Scenario: a rolling update waits minReadySeconds for every new pod
    # 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0 → at least 3 available, at most 4 pods;
    # each of the 3 replacements must be available (Ready > 10 s) before an old pod goes, so the
    # rollout takes more than 3 × 10 s: 30 s in, the third new pod is not yet available and one old
    # pod still serves
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        minReadySeconds: 10
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
                image: nginx:1.25
      """
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    And 30 seconds pass
    Then deployment "web" always had at least 3 available pods
    And deployment "web" never had more than 4 pods
    When I run "kubectl get deployment web -o jsonpath='{.status.updatedReplicas} {.status.replicas} {.status.availableReplicas}'"
    Then the output is "3 4 3"
    When I run "kubectl rollout status deployment/web --watch=false"
    Then the output is:
      """
      Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
      """
    When the cluster settles
    Then deployment "web" has 3 available replicas
    When I run "kubectl rollout status deployment/web"
    Then the output is "deployment \"web\" successfully rolled out"
