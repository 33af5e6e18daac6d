@errors @bad-kind
Feature: Objects of unknown kinds, or without a kind, are rejected with the line

  The API server serves each kind in one version; kubectl answers anything else with "no matches
  for kind". A document without apiVersion or kind fails kubectl's own validation.
  @b:kubectl.apply.kinds
  Scenario: a misspelt kind
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deploymnt
      metadata:
        name: web
      """
    Then the command fails with "features/errors/kinds.feature:11: no matches for kind \"Deploymnt\" in version \"apps/v1\""
  @b:kubectl.apply.kinds
  Scenario: a known kind in a version that is not served
    When I try to apply the manifest:
      """
      apiVersion: extensions/v1beta1
      kind: Deployment
      metadata:
        name: web
      """
    Then the command fails with "features/errors/kinds.feature:21: no matches for kind \"Deployment\" in version \"extensions/v1beta1\""
  @b:kubectl.apply.kinds
  Scenario: a document without a kind
    When I try to apply the manifest:
      """
      apiVersion: v1
      metadata:
        name: web
      """
    Then the command fails with "features/errors/kinds.feature:30: error validating data: kind not set"
  @b:kubectl.apply.kinds
  Scenario: a document without an apiVersion
    When I try to apply the manifest:
      """
      kind: Pod
      metadata:
        name: web
      """
    Then the command fails with "features/errors/kinds.feature:39: error validating data: apiVersion not set"
  @b:kubectl.apply.kinds @b:kubectl.apply
  Scenario: one bad document among good ones
    kubectl applies every document it can and reports the others.

    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: first
      spec:
        containers:
          - name: nginx
            image: nginx:1.25
      ---
      apiVersion: apps/v1
      kind: ReplicaSett
      metadata:
        name: web
      """
    Then the command fails with "features/errors/kinds.feature:60: no matches for kind \"ReplicaSett\" in version \"apps/v1\""
    And pod "first" exists
