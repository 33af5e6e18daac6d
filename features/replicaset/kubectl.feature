@replicaset @rs-kubectl
Feature: kubectl shows and scales a ReplicaSet

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
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

  @b:kubectl.get
  Scenario: kubectl get lists the ReplicaSet with its counts
    When I run "kubectl get rs web"
    Then the output is:
      """
      NAME   DESIRED   CURRENT   READY   AGE
      web    3         3         3       2s
      """

  @b:kubectl.output
  Scenario: a JSONPath filter with escaped quotes
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[?(@.status.phase==\"Running\")].status.phase}'"
    Then the output is "Running Running Running"

  @b:replicaset.scale @b:kubectl.mutations
  Scenario: kubectl scale changes the replica count
    When I run "kubectl scale replicaset web --replicas=5"
    Then the output is "replicaset.apps/web scaled"
    When the cluster settles
    Then 2 pods were created
    And replicaset "web" has 5 ready replicas

  @b:kubectl.errors
  Scenario: kubectl reports a ReplicaSet that does not exist
    When I try to run "kubectl get rs nope"
    Then the command fails with "Error from server (NotFound): replicasets.apps \"nope\" not found"
    And the output is ""
