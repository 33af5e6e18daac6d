/**
 * Inputs (steps.md): the cluster's size, manifests, image faults and feature gates.
 */
import { Given, When } from '@cucumber/cucumber';
import { normalizeImage } from '../engine';
import type { SimWorld } from './world';
import { fail } from './support/failure';

Given('a cluster with {int} node(s)', function (this: SimWorld, n: number) {
  if (n < 1) fail(`a cluster needs at least one node, not ${n}`);
  this.setNodeCount(n);
});

Given('the manifest:', function (this: SimWorld, yaml: string) {
  this.applyManifest(yaml, 'docstring', false);
});

Given('the manifest file {quoted}', function (this: SimWorld, file: string) {
  this.applyManifestFile(file, false);
});

When('I apply the manifest:', function (this: SimWorld, yaml: string) {
  this.applyManifest(yaml, 'docstring', false);
});

When('I apply the manifest file {quoted}', function (this: SimWorld, file: string) {
  this.applyManifestFile(file, false);
});

When('I try to apply the manifest:', function (this: SimWorld, yaml: string) {
  this.applyManifest(yaml, 'docstring', true);
});

When('I try to apply the manifest file {quoted}', function (this: SimWorld, file: string) {
  this.applyManifestFile(file, true);
});

Given('the image {quoted} cannot be pulled', function (this: SimWorld, image: string) {
  this.cluster.faults.setImage(normalizeImage(image), 'unpullable');
});

Given('containers of image {quoted} crash on start', function (this: SimWorld, image: string) {
  this.cluster.faults.setImage(normalizeImage(image), 'crash');
});

Given('containers of image {quoted} never become ready', function (this: SimWorld, image: string) {
  this.cluster.faults.setImage(normalizeImage(image), 'neverReady');
});

Given('the image {quoted} works again', function (this: SimWorld, image: string) {
  this.cluster.faults.setImage(normalizeImage(image), undefined);
});

Given('the feature gate {quoted} is enabled', function (this: SimWorld, gate: string) {
  this.setFeatureGate(gate, true);
});

Given('the feature gate {quoted} is disabled', function (this: SimWorld, gate: string) {
  this.setFeatureGate(gate, false);
});
