/**
 * Need-to-know redaction benchmark (issue 8): what the Redactor adds to a response, without a
 * database. Builds a redactor over R restricted nodes and walks a result of N analytics nodes
 * (a blast radius or coverage list: objects with ids, names, labels, numbers and a message each),
 * a fraction of them restricted.
 *
 *   npm run bench:redaction -- [--restricted 10000] [--nodes 10000] [--runs 20]
 */
import { performance } from 'node:perf_hooks';
import { Redactor } from '@rampart/output';
import { numberArg, percentile } from './bench-args';

const restrictedCount = numberArg('restricted', 10_000);
const nodes = numberArg('nodes', 10_000);
const runs = numberArg('runs', 20);

const id = (i: number) => `inf-${String(i).padStart(6, '0')}`;

const t0 = performance.now();
const redactor = new Redactor(
  Array.from({ length: restrictedCount }, (_, i) => ({
    id: id(i * 7),
    name: `Dataset ${i * 7}`,
    labels: ['Asset', 'Information'],
  })),
  Buffer.alloc(32, 1),
);
const build = performance.now() - t0;

const result = {
  impactScore: 123.4,
  nodes: Array.from({ length: nodes }, (_, i) => ({
    node: {
      id: id(i),
      name: `Dataset ${i}`,
      label: 'Information',
      labels: ['Asset', 'Information'],
      criticality: 4,
      restricted: false,
    },
    probability: 0.5,
    depth: 3,
    message: `Dataset ${i} (${id(i)}) is reached through sys-000001.`,
  })),
};
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const s = performance.now();
  redactor.value(result);
  times.push(performance.now() - s);
}
console.log(`| restricted nodes | result nodes | build redactor | walk p50 | walk p95 |`);
console.log(
  `| ${restrictedCount} | ${nodes} | ${build.toFixed(1)} ms | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms |`,
);
