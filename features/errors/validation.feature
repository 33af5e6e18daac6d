@errors @bad-manifest
Feature: Invalid manifests are rejected with the API server's message and the line of the field

  The API server decodes strictly (an unknown field is an error) and validates every object it
  is given. kubectl prints the rejection; here it is prefixed with the feature file and the line
  of the offending field. Nothing is created from a rejected document.
  @b:kubectl.apply.validation
  Scenario: an unknown field
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replica: 3
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
    Then the command fails with "features/errors/validation.feature:16: Error from server (BadRequest): ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: strict decoding error: unknown field \"spec.replica\""
    And replicaset "web" does not exist
  @b:kubectl.apply.validation
  Scenario: an unknown field deep in the pod template
    When I try to apply the manifest:
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
                imagePullPolicy: IfNotPresent
                imagee: nginx:1.25
      """
    Then the command fails with "features/errors/validation.feature:52: Error from server (BadRequest): ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\""
  @b:kubectl.apply.validation
  Scenario: a negative replica count
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: -1
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
    Then the command fails with "features/errors/validation.feature:64: The ReplicaSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    And replicaset "web" does not exist
  @b:deployment.validation.rolling-parameters @b:kubectl.apply.validation
  Scenario: maxSurge and maxUnavailable both zero
    A rolling update that may neither add nor remove a pod could never progress.

    When I try to apply the manifest:
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
            maxSurge: 0
            maxUnavailable: 0
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
    Then the command fails with "features/errors/validation.feature:95: The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "
    And the command fails with "may not be 0 when `maxSurge` is 0"
    And deployment "web" does not exist
  @b:deployment.validation.selector @b:kubectl.apply.validation
  Scenario: a selector that does not match the template's labels
    When I try to apply the manifest:
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
              app: frontend
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "features/errors/validation.feature:126: The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
    And the command fails with "`selector` does not match template `labels`"
    And deployment "web" does not exist
  @b:kubectl.apply.validation
  Scenario: a valid update after a rejected one changes nothing
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 2
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
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: -2
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
    Then the command fails with "features/errors/validation.feature:165: The ReplicaSet \"web\" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0"
    And replicaset "web" wants 2 replicas
    And no pods were created
    And no pods were deleted
