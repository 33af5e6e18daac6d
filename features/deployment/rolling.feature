@b:deployment.rolling.surge-bound @b:deployment.rolling.availability-floor @b:deployment.fenceposts
@deployment @rolling
Feature: A rolling update keeps the pod count and the availability inside maxSurge and maxUnavailable

  maxSurge resolves rounding up and maxUnavailable rounding down, against spec.replicas; when
  both resolve to 0, maxUnavailable becomes 1 (ResolveFenceposts, deployment.md §4). During the
  rollout there are never more than replicas + maxSurge pods and always at least
  replicas - maxUnavailable available ones (§6.4).

  Scenario Outline: the default 25% / 25% with <replicas> replicas
    # maxSurge = ceil(25% of <replicas>) = <surge>, maxUnavailable = floor(25% of <replicas>) = <unavailable>
    # so at least <replicas> - <unavailable> = <min> available, at most <replicas> + <surge> = <max> pods
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: <replicas>
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
    And the cluster settles
    Then deployment "web" always had at least <min> available pods
    And deployment "web" never had more than <max> pods
    And <replicas> pods were created
    And <replicas> pods were deleted
    And deployment "web" has <replicas> updated replicas
    And deployment "web" has <replicas> available replicas
    When I run "kubectl rollout status deployment/web --watch=false"
    Then the output is:
      """
      deployment "web" successfully rolled out
      """

    @default-strategy
    Examples:
      | replicas | surge | unavailable | min | max |
      | 1        | 1     | 0           | 1   | 2   |
      | 3        | 1     | 0           | 3   | 4   |
      | 4        | 1     | 1           | 3   | 5   |
      | 10       | 3     | 2           | 8   | 13  |
      | 20       | 5     | 5           | 15  | 25  |

  Scenario Outline: maxSurge <maxSurge> and maxUnavailable <maxUnavailable> with <replicas> replicas
    # <note>
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: <replicas>
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: <maxSurge>
            maxUnavailable: <maxUnavailable>
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
    And the cluster settles
    Then deployment "web" always had at least <min> available pods
    And deployment "web" never had more than <max> pods
    And deployment "web" has <replicas> updated replicas
    And deployment "web" has <replicas> available replicas

    @ints
    Examples: integers
      | replicas | maxSurge | maxUnavailable | min | max | note                                                         |
      | 10       | 2        | 3              | 7   | 12  | ints are taken as they are: at least 10 - 3, at most 10 + 2  |
      | 5        | 1        | 10             | 0   | 6   | maxUnavailable 10 is clamped to the 5 replicas: at least 0   |
      | 4        | 4        | 0              | 4   | 8   | at least 4 - 0, at most 4 + 4                                |

    @percentages
    Examples: percentages
      | replicas | maxSurge | maxUnavailable | min | max | note                                                                      |
      | 10       | 39%      | 39%            | 7   | 14  | surge = ceil(3.9) = 4, unavailable = floor(3.9) = 3: at least 7, at most 14 |
      | 10       | 50%      | 10%            | 9   | 15  | surge = ceil(5) = 5, unavailable = floor(1) = 1: at least 9, at most 15     |
      | 3        | 200%     | 0%             | 3   | 9   | maxSurge has no upper bound: surge = 6, unavailable 0: at least 3, at most 9 |
      | 2        | 0%       | 1%             | 1   | 2   | both resolve to 0, the fencepost makes unavailable 1: at least 1, at most 2 |

    @max-surge-0
    Examples: maxSurge 0
      | replicas | maxSurge | maxUnavailable | min | max | note                                                        |
      | 4        | 0        | 1              | 3   | 4   | no surge: old pods go first; at least 4 - 1, at most 4 + 0  |
      | 10       | 0        | 25%            | 8   | 10  | unavailable = floor(2.5) = 2: at least 8, at most 10        |

    @max-unavailable-0
    Examples: maxUnavailable 0
      | replicas | maxSurge | maxUnavailable | min | max | note                                                        |
      | 4        | 1        | 0              | 4   | 5   | no pod goes before its replacement is available: at least 4 |
      | 10       | 25%      | 0              | 10  | 13  | surge = ceil(2.5) = 3: at least 10, at most 13              |

  @sequence
  @b:deployment.rolling.sequence
  Scenario: 10 replicas with 25% / 25% scale in the documented steps
    # surge 3, unavailable 2 (§6.5): create new=3 with old 10→8 in one sync; 8/5; 3/5; 3/10; 0/10
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 10
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
    And the cluster settles
    And I run "kubectl describe deployment web"
    Then the output contains "Replicas:               10 desired | 10 updated | 10 total | 10 available | 0 unavailable"
    And the output contains "StrategyType:           RollingUpdate"
    And the output contains "RollingUpdateStrategy:  25% max unavailable, 25% max surge"
    And the output contains "to 3"
    And the output contains "to 8 from 10"
    And the output contains "to 5 from 3"
    And the output contains "to 3 from 8"
    And the output contains "to 10 from 5"
    And the output contains "to 0 from 3"
