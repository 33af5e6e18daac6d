/**
 * How each invariant reads in a feature: the Then step that checks it over the window (defined in
 * steps/property_steps.ts from this table), a short title, and the behaviours of the catalogue
 * (reports/behaviours.yaml) it speaks to.
 */
import type { InvariantId } from '../engine/invariants';

export interface InvariantPhrase {
  /** The Then step, with NAME for the workload: `throughout the window deployment NAME kept …`. */
  step: string;
  /** `the rollout bounds`, for titles: "3 operations break the rollout bounds of deployment "web"". */
  title: string;
  behaviours: string[];
}

export const INVARIANT_PHRASES: Record<InvariantId, InvariantPhrase> = {
  'deployment.rollout-bounds': {
    step: 'throughout the window deployment NAME kept within its rollout bounds',
    title: 'the rollout bounds',
    behaviours: [
      'deployment.rolling.surge-bound',
      'deployment.rolling.availability-floor',
      'deployment.recreate',
    ],
  },
  'deployment.proportional-scaling': {
    step: 'throughout the window deployment NAME scaled its ReplicaSets in proportion',
    title: 'proportional scaling',
    behaviours: ['deployment.proportional-scaling'],
  },
  'deployment.replicasets': {
    step: 'throughout the window deployment NAME kept its ReplicaSets consistent',
    title: 'the ReplicaSet history',
    behaviours: ['deployment.revision.numbering', 'deployment.rolling.rollover'],
  },
  'statefulset.identity': {
    step: 'throughout the window statefulset NAME kept one pod per identity',
    title: 'pod identity',
    behaviours: ['statefulset.identity'],
  },
  'statefulset.ordering': {
    step: 'throughout the window statefulset NAME created and deleted pods in ordinal order',
    title: 'ordered creation and deletion',
    behaviours: ['statefulset.ordered-scale-up', 'statefulset.ordered-scale-down'],
  },
  'statefulset.update-strategy': {
    step: 'throughout the window statefulset NAME respected its update strategy',
    title: 'the update strategy',
    behaviours: ['statefulset.rolling-update', 'statefulset.partition', 'statefulset.on-delete'],
  },
  'statefulset.storage': {
    step: 'throughout the window statefulset NAME kept each claim bound to its volume',
    title: 'stable storage',
    behaviours: ['storage.claims-survive-pods', 'storage.retention-policy'],
  },
  'statefulset.revisions': {
    step: 'throughout the window statefulset NAME kept its revisions unique',
    title: 'the revision history',
    behaviours: ['statefulset.history', 'statefulset.rollback'],
  },
};

/** The liveness step: `deployment "web" has converged`. */
export const CONVERGED_STEP = 'KIND NAME has converged';

export const CONVERGENCE_BEHAVIOURS: Record<'deployment' | 'statefulset', string[]> = {
  deployment: ['deployment.status', 'deployment.history-limit', 'pods.gc.cascade'],
  statefulset: ['statefulset.status', 'storage.retention-policy', 'pods.gc.cascade'],
};

/** The Then step text for an invariant and a workload name. */
export function invariantStep(invariant: InvariantId, name: string): string {
  return INVARIANT_PHRASES[invariant].step.replace('NAME', `"${name}"`);
}

export function convergedStep(kind: 'deployment' | 'statefulset', name: string): string {
  return CONVERGED_STEP.replace('KIND', kind).replace('NAME', `"${name}"`);
}
