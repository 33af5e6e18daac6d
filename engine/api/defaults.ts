/** API defaulting per kind (SetDefaults_*). Filled in per kind; see deployment.md §1, statefulset.md §1. */
import type { KObject } from './types';

export function defaultObject(_obj: KObject): void {}
