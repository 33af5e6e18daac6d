/**
 * Parameter types of the scenario language.
 *
 * {quoted}: a double-quoted string in which `\"` is a double quote and `\\` a backslash; every other
 * backslash is kept as written, so kubectl's escaped JSONPath keys (`deployment\.kubernetes\.io`)
 * reach kubectl unchanged (steps.md, Commands).
 *
 * {kind}: the lower-case kind words the steps use (`deployment`, `replicaset`, `statefulset`, `pod`,
 * `service`, `claim`), as API kinds.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { QUOTED, unquote } from './support/quoting';

defineParameterType({
  name: 'quoted',
  regexp: QUOTED,
  transformer: unquote,
});

export const KIND_WORDS: Record<string, string> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  pod: 'Pod',
  service: 'Service',
  claim: 'PersistentVolumeClaim',
  persistentvolumeclaim: 'PersistentVolumeClaim',
};

defineParameterType({
  name: 'kind',
  regexp: new RegExp(Object.keys(KIND_WORDS).join('|')),
  transformer: (word: string) => KIND_WORDS[word],
});
