/**
 * Time (steps.md): the only steps during which virtual time passes.
 */
import { When } from '@cucumber/cucumber';
import type { SimWorld } from './world';

When('{int} second(s) pass(es)', function (this: SimWorld, n: number) {
  this.advance(n * 1000);
});

When('{int} minute(s) pass(es)', function (this: SimWorld, n: number) {
  this.advance(n * 60_000);
});

When('the cluster settles', function (this: SimWorld) {
  this.settle();
});
