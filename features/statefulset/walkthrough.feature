@statefulset @walkthrough
Feature: StatefulSet basics, the walkthrough

  The session every learner goes through (Kubernetes tutorial "StatefulSet Basics"): a headless
  Service `nginx` governs the network domain of the StatefulSet `web`, whose two pods get stable
  names (web-0, web-1), stable DNS names (web-0.nginx.default.svc.cluster.local) and a claim each
  from the template `www`, dynamically provisioned through the default StorageClass. Pods start in
  ordinal order, each only once the one before it is Running and Ready; deleted pods come back with
  the same names, DNS names and volumes.

  Background:
    Given a cluster with 3 nodes

  @b:statefulset.walkthrough @b:statefulset.ordered-scale-up @b:statefulset.identity @b:services.dns.pod-names @b:storage.dynamic-provisioning @b:storage.claims-survive-pods
  Scenario: create the StatefulSet, look at it, delete its pods and watch them come back
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: nginx
        labels:
          app: nginx
      spec:
        ports:
          - port: 80
            name: web
        clusterIP: None
        selector:
          app: nginx
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: nginx
        replicas: 2
        selector:
          matchLabels:
            app: nginx
        template:
          metadata:
            labels:
              app: nginx
          spec:
            terminationGracePeriodSeconds: 10
            containers:
              - name: nginx
                image: registry.k8s.io/nginx-slim:0.21
                ports:
                  - containerPort: 80
                    name: web
                volumeMounts:
                  - name: www
                    mountPath: /usr/share/nginx/html
        volumeClaimTemplates:
          - metadata:
              name: www
            spec:
              accessModes: ["ReadWriteOnce"]
              resources:
                requests:
                  storage: 1Gi
      """
    And I run "kubectl rollout status sts/web"
    Then the output is:
      """
      Waiting for 2 pods to be ready...
      Waiting for 1 pods to be ready...
      partitioned roll out complete: 2 new pods have been updated...
      """
    And pods were created in the order "web-0, web-1"
    And pod "web-0" was running and ready before pod "web-1" was created
    When I run "kubectl get service nginx"
    Then the output is:
      """
      NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
      nginx   ClusterIP   None         <none>        80/TCP    6s
      """
    When I run "kubectl get statefulset web"
    Then the output is:
      """
      NAME   READY   AGE
      web    2/2     6s
      """
    When I run "kubectl get pods -l app=nginx"
    Then the output is:
      """
      NAME    READY   STATUS    RESTARTS   AGE
      web-0   1/1     Running   0          6s
      web-1   1/1     Running   0          3s
      """
    When the cluster settles
    Then the DNS name "web-0.nginx.default.svc.cluster.local" resolves to pod "web-0"
    And the DNS name "web-1.nginx.default.svc.cluster.local" resolves to pod "web-1"
    When I run "kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name} {.spec.hostname} {.spec.subdomain}{\"\n\"}{end}'"
    Then the output is:
      """
      web-0 web-0 nginx
      web-1 web-1 nginx
      """
    When I run "kubectl get pvc -l app=nginx -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,CAPACITY:.status.capacity.storage,STORAGECLASS:.spec.storageClassName"
    Then the output is:
      """
      NAME        STATUS   CAPACITY   STORAGECLASS
      www-web-0   Bound    1Gi        standard
      www-web-1   Bound    1Gi        standard
      """
    When I run "kubectl delete pod -l app=nginx"
    Then the output is:
      """
      pod "web-0" deleted
      pod "web-1" deleted
      """
    When I run "kubectl rollout status sts/web"
    Then the output is:
      """
      Waiting for 2 pods to be ready...
      Waiting for 1 pods to be ready...
      partitioned roll out complete: 2 new pods have been updated...
      """
    When I run "kubectl get pods -l app=nginx"
    Then the output contains "web-0   1/1     Running   0"
    And the output contains "web-1   1/1     Running   0"
    When I run "kubectl delete pod -l app=nginx"
    And the cluster settles
    Then pods were deleted in the order "web-0, web-1"
    And pods were created in the order "web-0, web-1"
    And pod "web-0" was running and ready before pod "web-1" was created
    And pod "web-0" was recreated
    And pod "web-1" was recreated
    And the DNS name "web-0.nginx.default.svc.cluster.local" resolves to pod "web-0"
    And the DNS name "web-1.nginx.default.svc.cluster.local" resolves to pod "web-1"
    And the claim "www-web-0" is still bound to the same volume
    And the claim "www-web-1" is still bound to the same volume
