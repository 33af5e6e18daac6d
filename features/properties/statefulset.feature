@properties
Feature: Properties of StatefulSets, over generated manifests and operations

  Generated StatefulSets use both pod management policies, RollingUpdate with and without a
  partition (also one above the replicas), OnDelete, minReadySeconds, claim templates and every
  retention policy; the operations add partition patches to those of Deployments.

  Background:
    Given properties are checked with seed 1 over 10 runs

  @b:statefulset.identity @b:statefulset.ordered-scale-up @b:statefulset.ordered-scale-down @b:storage.claims-survive-pods
  Scenario: pods keep one identity each, are created and deleted in ordinal order, and keep their volumes
    Then for any StatefulSet of up to 5 replicas and any 10 operations, pods keep their identity, order and storage

  @b:statefulset.rolling-update @b:statefulset.partition @b:statefulset.on-delete @b:statefulset.history
  Scenario: updates follow the strategy and the partition, and revisions stay unique
    Then for any StatefulSet of up to 5 replicas and any 10 operations, updates respect the strategy and the revision history stays unique

  @b:statefulset.status @b:storage.retention-policy
  Scenario: once no fault is left, a StatefulSet converges to its spec
    Then for any StatefulSet of up to 5 replicas and any 10 operations, it converges once no fault is left
