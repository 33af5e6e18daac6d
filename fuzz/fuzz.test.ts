/**
 * The fixed-seed property suite of `npm test`, and the fuzzer's own machinery: deterministic run
 * seeds and shards, replay tokens, replays that reproduce, manifests that load as generated,
 * results in the reports' shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadManifests } from '../engine/manifest';
import { parseFuzzFile } from '../reports/fuzz';
import { loadCatalogue } from '../reports/catalogue';
import {
  formatWeights,
  parseReplayToken,
  parseWeights,
  replayCounterexample,
  replayToken,
  runCampaign,
  runSeed,
} from './campaign';
import { manifestArbitrary, manifestYaml } from './manifests';
import { campaignBehaviours, campaignRecord, fuzzFile } from './results';
import { quoteParam } from './real';
import { unquote } from '../steps/support/quoting';

test('property suite: Deployments of up to 20 replicas and 15 operations keep every invariant (seed 1, 50 runs)', () => {
  const r = runCampaign({
    seed: 1,
    runs: 50,
    kinds: ['deployment'],
    limits: { maxReplicas: 20, maxCommands: 15 },
  });
  assert.deepEqual(
    r.failures.map((f) => f.feature ?? f.failure.message),
    [],
  );
  assert.equal(r.runs, 50);
  assert.ok(r.stateChanges > 50 * 20, `${r.stateChanges} state changes checked`);
});

test('property suite: StatefulSets of up to 8 replicas and 12 operations keep every invariant (seed 1, 50 runs)', () => {
  const r = runCampaign({
    seed: 1,
    runs: 50,
    kinds: ['statefulset'],
    limits: { maxReplicas: 8, maxCommands: 12 },
  });
  assert.deepEqual(
    r.failures.map((f) => f.feature ?? f.failure.message),
    [],
  );
});

test('run seeds are a pure function of the campaign seed and the index; shards split the runs exactly', () => {
  assert.equal(runSeed(42, 7), runSeed(42, 7));
  assert.notEqual(runSeed(42, 7), runSeed(42, 8));
  assert.notEqual(runSeed(42, 7), runSeed(43, 7));
  const seen: number[] = [];
  for (const index of [0, 1, 2])
    runCampaign({
      seed: 5,
      runs: 7,
      shard: { index, count: 3 },
      kinds: ['deployment'],
      limits: { maxReplicas: 2, maxCommands: 2 },
      onRun: (p) => seen.push(p.done),
    });
  // 7 runs over 3 shards: 3 + 2 + 2.
  assert.deepEqual(seen, [1, 2, 3, 1, 2, 1, 2]);
});

test('replay tokens: SEED:PATH:REPLAYPATH, with the colons of fast-check paths and replay paths', () => {
  const info = { seed: -12, path: '0:3:1', replayPath: 'BAC:b' };
  assert.equal(replayToken(info), '-12:0:3:1:BAC:b');
  assert.deepEqual(parseReplayToken('-12:0:3:1:BAC:b'), info);
  assert.deepEqual(parseReplayToken('7:0::'), { seed: 7, path: '0', replayPath: ':' });
  assert.throws(() => parseReplayToken('x:1'), /SEED:PATH:REPLAYPATH/);
  assert.deepEqual(parseWeights(formatWeights({ scale: 4, wait: 0 })), { scale: 4, wait: 0 });
  assert.throws(() => parseWeights('jump=2'), /--weights/);
});

test('a counterexample replays from its token alone, to the same failure and the same feature', () => {
  const cfg = {
    kinds: ['statefulset'] as const,
    limits: { maxReplicas: 6, maxCommands: 10 },
    plantedBugs: ['partition-ignored'],
  };
  const r = runCampaign({ seed: 1, runs: 10, ...cfg, kinds: [...cfg.kinds] });
  const [f] = r.failures;
  assert.ok(f, 'the planted bug is found');
  assert.equal(f.failure.invariant, 'statefulset.update-strategy');
  assert.ok(f.feature?.includes(`# seed: ${f.replay.seed}`));
  const again = replayCounterexample(
    { ...cfg, kinds: [...cfg.kinds] },
    parseReplayToken(replayToken(f.replay)),
  );
  assert.equal(again.failed, true);
  assert.equal(again.failure?.message, f.failure.message);
  assert.deepEqual(again.commands, f.commands);
  assert.equal(again.feature, f.feature);
  // Without the bug the same token passes.
  assert.equal(
    replayCounterexample({ ...cfg, kinds: [...cfg.kinds], plantedBugs: [] }, f.replay).failed,
    false,
  );
  // The results file the reports read.
  const file = parseFuzzFile(
    JSON.stringify(fuzzFile([campaignRecord('statefulset', r, 10, ['out/x.feature'])])),
  );
  assert.equal(file.campaigns[0].status, 'failed');
  assert.equal(file.campaigns[0].counterexamples[0].replayPath, f.replay.replayPath);
  assert.equal(file.campaigns[0].counterexamples[0].featureFile, 'out/x.feature');
});

test('generated manifests load from their YAML as the very objects that were generated', () => {
  for (const kind of ['deployment', 'statefulset'] as const)
    for (const obj of fc.sample(manifestArbitrary(kind, { maxReplicas: 20, maxCommands: 15 }), {
      seed: 3,
      numRuns: 40,
    })) {
      const loaded = loadManifests(manifestYaml(obj));
      assert.equal(loaded.error, undefined);
      assert.deepEqual(loaded.docs[0].object, JSON.parse(JSON.stringify(obj)));
    }
});

test('step parameters quote back to what the step receives', () => {
  for (const s of [`kubectl patch statefulset db -p '{"spec":{"replicas":2}}'`, 'a\\.b', 'plain'])
    assert.equal(unquote(quoteParam(s).slice(1, -1)), s);
});

test('every behaviour a campaign names is in the catalogue', () => {
  const ids = new Set(loadCatalogue().behaviours.map((b) => b.id));
  for (const kind of ['deployment', 'statefulset'] as const)
    for (const b of campaignBehaviours(kind)) assert.ok(ids.has(b), `${b} is not in reports/behaviours.yaml`);
});
