# A counterexample found by `kube-scenario fuzz` (shrunk to 2 operations).
# Fails: deployment "web" had 0 available pods (Ready, not terminating); its rollout bounds require at least 1 (replicas 1 − maxUnavailable 0) (after pod/web-668499d6d5-2kcgk removed by replicaset-controller)
# seed: -1332599088
# path: 0:1:1:1:1:1:3:3:2:2
# replayPath: DEI:F
# Replay the search: kube-scenario fuzz --replay -1332599088:0:1:1:1:1:1:3:3:2:2:DEI:F --kinds deployment --max-replicas 6 --max-ops 10 --plant surge-rounded-down
# Operations: restart, wait(1s)
# Planted bug: surge-rounded-down. The feature fails with it planted
# (npx cucumber-js THIS_FILE --world-parameters '{"plantBugs":true}') and passes without.
# The cluster is the default one every feature gets (3 nodes, seed 1).
@fuzz @b:deployment.rolling.surge-bound @b:deployment.rolling.availability-floor @b:deployment.recreate @planted-bug @plant:surge-rounded-down
Feature: Counterexample: 2 operations break the rollout bounds of deployment "web"

  Scenario: 2 operations break the rollout bounds of deployment "web"
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1%
            maxUnavailable: 0%
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            terminationGracePeriodSeconds: 0
            containers:
              - name: app
                image: app:v1
      """
    When I run "kubectl rollout restart deployment/web"
    And 1 second passes
    Then throughout the window deployment "web" kept within its rollout bounds

