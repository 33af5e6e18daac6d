@errors @bad-yaml
Feature: Malformed YAML is rejected with the feature file and line

  A manifest that is not valid YAML fails to apply, and the error names the line of the feature
  file where the YAML goes wrong, never a stack trace. Nothing is applied from such a manifest.

  Scenario: an unclosed quote
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: "web
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      """
    Then the command fails with "features/errors/yaml.feature:13: invalid YAML: this quoted string is never closed"
    And pod "web" does not exist

  Scenario: a mapping that does not line up
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
          name: web
        labels:
          app: web
      """
    Then the command fails with "features/errors/yaml.feature:29: invalid YAML: All mapping items must start at the same column"

  Scenario: a duplicate key
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 3
        replicas: 5
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
    Then the command fails with "features/errors/yaml.feature:43: mapping key \"replicas\" already defined at line 42"
    And replicaset "web" does not exist

  Scenario: a tab used for indentation
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
      	name: web
      """
    Then the command fails with "features/errors/yaml.feature:65: tab character used for indentation (YAML allows only spaces)"

  Scenario: an alias bomb
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      a: &a [x, x, x, x, x, x, x, x, x]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      """
    Then the command fails with "features/errors/yaml.feature:72: YAML aliases expand too much"

  Scenario: a document that is not an object
    When I try to apply the manifest:
      """
      - apiVersion: v1
        kind: Pod
      """
    Then the command fails with "features/errors/yaml.feature:83: a manifest document must be an object with apiVersion and kind, not a list"

  Scenario: a YAML 1.1 boolean is applied with a warning
    kubectl reads an unquoted yes as true (YAML 1.1); this simulator reads it as the string "yes"
    (YAML 1.2). The manifest applies, with a warning naming the line.

    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels:
          enabled: yes
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      """
    Then the command succeeds
    And the command warns "features/errors/yaml.feature:99: warning: yes is the string \"yes\" in YAML 1.2 but the boolean true in YAML 1.1"
    And pod "web" exists
