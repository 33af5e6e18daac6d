@b:kubectl.apply.validation
@deployment @validation
Feature: The API server rejects an invalid Deployment

  ValidateDeploymentSpec and ValidateDeploymentStrategy (deployment.md §2): each rule names its
  field path and a detail message, and kubectl prints them as the API server's Invalid error.
  A rejected manifest creates nothing.

  @replicas
  @b:deployment.validation.replicas
  Scenario: replicas below 0 is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    And deployment "web" does not exist

  @selector
  @b:deployment.validation.selector
  Scenario: a missing selector is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid:"
    And the command fails with "* spec.selector: Required value"
    And deployment "web" does not exist

  @selector
  @b:deployment.validation.selector
  Scenario: an empty selector is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector: {}
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment"
    And deployment "web" does not exist

  @selector
  @b:deployment.validation.selector
  Scenario: a selector that does not match the template labels is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: other
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`"
    And deployment "web" does not exist

  @template
  @b:deployment.validation.template
  Scenario: a restartPolicy other than Always is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            restartPolicy: Never
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
    And deployment "web" does not exist

  @template
  @b:deployment.validation.template
  Scenario: activeDeadlineSeconds in the template is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            activeDeadlineSeconds: 30
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.template
  Scenario: an unknown strategy type is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          type: BlueGreen
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy: Unsupported value: "
    And the command fails with "supported values: \"Recreate\", \"RollingUpdate\""
    And deployment "web" does not exist

  @strategy @recreate
  @b:deployment.validation.template
  Scenario: rollingUpdate with the Recreate strategy is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          type: Recreate
          rollingUpdate:
            maxSurge: 1
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxSurge as a string that is not a percent is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxSurge: "5"
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: \"5\": a valid percent string must be a numeric string followed by an ending '%'"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxUnavailable as a malformed percent is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxUnavailable: abc%
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"abc%\": a valid percent string must be a numeric string followed by an ending '%'"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: a negative maxSurge is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxSurge: -1
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: a negative maxUnavailable is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxUnavailable: -1
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxSurge and maxUnavailable both 0 is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxSurge 0% and maxUnavailable 0: the raw values are both zero is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxSurge: 0%
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxUnavailable above 100% is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        strategy:
          rollingUpdate:
            maxUnavailable: 101%
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%"
    And deployment "web" does not exist

  @min-ready-seconds
  @b:deployment.validation.replicas
  Scenario: a negative minReadySeconds is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        minReadySeconds: -1
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"
    And deployment "web" does not exist

  @revision-history-limit
  @b:deployment.validation.replicas
  Scenario: a negative revisionHistoryLimit is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        revisionHistoryLimit: -1
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"
    And deployment "web" does not exist

  @progress-deadline
  @b:deployment.validation.replicas
  Scenario: a negative progressDeadlineSeconds is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        progressDeadlineSeconds: -1
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
    Then the command fails with "* spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0"
    And the command fails with "* spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds"
    And deployment "web" does not exist

  @progress-deadline @min-ready-seconds
  @b:deployment.validation.replicas
  Scenario: a progress deadline no longer than minReadySeconds is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        minReadySeconds: 10
        progressDeadlineSeconds: 10
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"
    And deployment "web" does not exist

  @progress-deadline @min-ready-seconds
  @b:deployment.validation.replicas
  Scenario: the default progress deadline with minReadySeconds 600 is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        minReadySeconds: 600
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
    Then the command fails with "The Deployment \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"
    And deployment "web" does not exist

  @strategy
  @b:deployment.validation.rolling-parameters
  Scenario: maxSurge has no upper bound
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        strategy:
          rollingUpdate:
            maxSurge: 200%
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
    Then the command succeeds
    When the cluster settles
    Then deployment "web" has 2 available replicas

  @strategy
  @b:deployment.validation.rolling-parameters @b:deployment.fenceposts
  Scenario: 0% and 1% are accepted although both resolve to 0 at 2 replicas
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        strategy:
          rollingUpdate:
            maxSurge: 0%
            maxUnavailable: 1%
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
    Then the command succeeds
    When the cluster settles
    Then deployment "web" has 2 available replicas

  @revision-history-limit
  @b:deployment.validation.replicas
  Scenario: revisionHistoryLimit 0 is valid
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        revisionHistoryLimit: 0
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
    Then the command succeeds
    When the cluster settles
    Then deployment "web" has 1 available replica

  @selector
  @b:deployment.validation.selector
  Scenario: the selector cannot change after creation
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
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
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
            tier: front
        template:
          metadata:
            labels:
              app: web
              tier: front
          spec:
            containers:
              - name: nginx
                image: nginx:1.25
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.selector: Invalid value: "
    And the command fails with "field is immutable"
    When I run "kubectl get deployment web -o jsonpath={.spec.selector.matchLabels}"
    Then the output is "{\"app\":\"web\"}"
