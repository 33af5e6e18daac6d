/**
 * `npm run bench [filter] [--quick]`: runs every benchmark and prints JSON lines.
 * --quick drops the largest size of each case.
 */
import { runCase, BenchCase } from './harness';
import { replicaSetBench } from './replicaset.bench';
import { deploymentRollingUpdateBench } from './deployment.bench';
import { statefulSetOrderedReadyBench } from './statefulset.bench';
import { fuzzBench } from './fuzz.bench';

const cases: BenchCase[] = [
  replicaSetBench,
  deploymentRollingUpdateBench,
  statefulSetOrderedReadyBench,
  fuzzBench,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.filter((a) => !a.startsWith('--'));
for (const c of cases) {
  if (filter.length && !filter.some((f) => c.name.includes(f))) continue;
  runCase(c, quick ? c.sizes.slice(0, -1) : c.sizes);
}
