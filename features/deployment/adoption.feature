@deployment @adoption
Feature: A Deployment adopts an existing ReplicaSet that its selector matches

  The Deployment controller claims orphan ReplicaSets whose labels match its selector (deployment.md
  §3). An adopted ReplicaSet whose template equals the Deployment's (ignoring pod-template-hash) is
  its new ReplicaSet: its pods are kept and no pod is created.

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-orphan
        labels:
          app: web
      spec:
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
                image: nginx:1.25
      """

  @b:deployment.adoption
  Scenario: the matching ReplicaSet is adopted and its pods kept
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
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
                image: nginx:1.25
      """
    And the cluster settles
    Then replicaset "web-orphan" is owned by deployment "web"
    And no pods were created
    And no pods were deleted
    And deployment "web" has 3 available replicas
    When I run "kubectl get rs"
    Then the output is:
      """
      NAME         DESIRED   CURRENT   READY   AGE
      web-orphan   3         3         3       2s
      """

  @b:deployment.adoption @b:deployment.revision.numbering
  Scenario: an adopted ReplicaSet with another template is rolled over
    # 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0 → at most 3 + 1 = 4 pods. (The pods of
    # web-orphan count as the Deployment's only from the adoption on, so the window's start, before
    # the Deployment existed, would read 0 available: the availability floor is not checked here.)
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
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
                image: nginx:1.26
      """
    And the cluster settles
    Then replicaset "web-orphan" is owned by deployment "web"
    And deployment "web" never had more than 4 pods
    And 3 pods were created
    And 3 pods were deleted
    When I run "kubectl get rs web-orphan -o jsonpath='{.spec.replicas}'"
    Then the output is "0"
    # kubectl counts a ReplicaSet without a revision annotation as revision 0 (deploymentutil.Revision),
    # so the adopted one is the previous revision: history lists it and undo goes back to it.
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      0         <none>
      1         <none>
      """
    When I run "kubectl rollout undo deployment/web"
    Then the output is "deployment.apps/web rolled back"
    When the cluster settles
    And I run "kubectl get rs web-orphan -o jsonpath='{.spec.replicas}'"
    Then the output is "3"
