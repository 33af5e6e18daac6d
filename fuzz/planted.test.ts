/**
 * The planted-bug catalogue: every bug the engine can plant is caught by its fixed campaign (seed
 * and budget in fuzz/planted.ts), with a counterexample that passes without the bug. The README's
 * table is this test's data (`kube-scenario fuzz --catalogue --update-readme`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEPLOYMENT_PLANTED_BUGS } from '../engine/controllers/deployment';
import { PLANTED_BUGS } from '../engine/controllers/statefulset';
import { GC_PLANTED_BUGS } from '../engine/controllers/garbagecollector';
import {
  PLANTED_BUG_CATALOGUE,
  README_TABLE_END,
  README_TABLE_START,
  runPlantedBug,
  withCatalogueTable,
} from './planted';

test('the catalogue lists every planted bug of the engine, at least 12', () => {
  const engine = [
    ...Object.keys(DEPLOYMENT_PLANTED_BUGS),
    ...Object.keys(PLANTED_BUGS),
    ...Object.keys(GC_PLANTED_BUGS),
  ].sort();
  assert.deepEqual(PLANTED_BUG_CATALOGUE.map((e) => e.id).sort(), engine);
  assert.ok(engine.length >= 12);
});

for (const e of PLANTED_BUG_CATALOGUE) {
  test(`planted bug ${e.id} is caught (${e.kind}, seed ${e.seed}, at most ${e.runs} runs)`, () => {
    const row = runPlantedBug(e);
    assert.ok(row.caught, `not caught in ${e.runs} runs`);
    assert.ok(row.feature?.includes(`@plant:${e.id}`), 'its counterexample is printed as a feature');
    assert.ok(row.runsToDetection! <= e.runs);
  });
}

test('the README table goes between its markers', () => {
  const readme = `# x\n${README_TABLE_START}\nold\n${README_TABLE_END}\nrest\n`;
  assert.equal(
    withCatalogueTable(readme, '| a |\n'),
    `# x\n${README_TABLE_START}\n\n| a |\n\n${README_TABLE_END}\nrest\n`,
  );
  assert.throws(() => withCatalogueTable('# x\n', ''), /no "<!-- planted-bug-table:start/);
});
