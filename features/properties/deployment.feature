@properties
Feature: Properties of Deployments, over generated manifests and operations

  Each Then step below is a property: it runs a small fuzz campaign of generated Deployments (every
  strategy variant: int and percentage surge and unavailability, 0 and 100%, Recreate,
  minReadySeconds, revisionHistoryLimit, probes, preStop hooks) and random operations (scale, set
  image to a working, an unpullable or a crashing image, rollback, pause and resume, restart, delete
  a pod, failing and passing readiness probes, time passing, settling), checking the invariants at
  every state change. A counterexample fails the step with the shrunk operations and the feature
  that reproduces it. The runs here are few, with a fixed seed; `kube-scenario fuzz` runs long
  campaigns.

  Background:
    Given properties are checked with seed 1 over 10 runs

  @b:deployment.rolling.surge-bound @b:deployment.rolling.availability-floor @b:deployment.recreate
  Scenario: a rollout never exceeds replicas + maxSurge, nor drops below replicas − maxUnavailable
    Then for any Deployment of up to 20 replicas and any 15 operations, the rollout bounds always hold

  @b:deployment.proportional-scaling @b:deployment.revision.numbering
  Scenario: scaling mid-rollout is proportional, and each template has one ReplicaSet
    Then for any Deployment of up to 10 replicas and any 15 operations, its ReplicaSets scale in proportion and keep one per template

  @b:deployment.status @b:deployment.history-limit
  Scenario: once no fault is left, a Deployment converges to its spec
    Then for any Deployment of up to 10 replicas and any 10 operations, it converges once no fault is left
