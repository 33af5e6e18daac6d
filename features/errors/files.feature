@errors @manifest-files
Feature: Manifest files are read relative to the feature file, and their errors name the file
  @b:kubectl.apply
  Scenario: a manifest file is applied like a doc string
    Given the manifest file "manifests/web.yaml"
    Then replicaset "web" has 2 ready replicas

  Scenario: an error in a manifest file names that file and its line
    When I try to apply the manifest file "manifests/broken.yaml"
    Then the command fails with "features/errors/manifests/broken.yaml:8: mapping key \"replicas\" already defined at line 7"

  Scenario: a manifest file that does not exist
    When I try to apply the manifest file "manifests/missing.yaml"
    Then the command fails with "features/errors/files.feature:13: the manifest file \"manifests/missing.yaml\" does not exist"
