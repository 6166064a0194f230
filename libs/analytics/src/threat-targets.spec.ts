import { AttackGraphData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { rankTargets } from './threat-targets';

/** web (entry) -> app -> db; a vault nobody reaches; another organisation's asset. */
const node = (id: string, criticality: number, organizationId = 'A') => ({
  id,
  name: id.toUpperCase(),
  labels: ['System', 'Asset'],
  organizationId,
  criticality,
});
const DATA: AttackGraphData = {
  nodes: [
    node('web', 2),
    node('app', 3),
    node('db', 5),
    node('vault', 5),
    node('low', 1),
    node('b-x', 5, 'B'),
  ],
  steps: [
    { from: 'web', to: 'app', vector: 'network' },
    { from: 'app', to: 'db', vector: 'logical' },
    { from: 'app', to: 'b-x', vector: 'network' },
  ],
  controls: [],
  threats: [{ id: 't', name: 'T', startsAt: ['web'], targets: ['db'], organizationId: 'A' }],
  dependsOn: [],
};

describe('rankTargets', () => {
  const g = new AttackGraph(DATA);
  const t = g.threats.get('t')!;
  const ids = (r: ReturnType<typeof rankTargets>) => r.map((x) => [x.node.id, x.hops]);

  it('puts what the threat reaches first, nearest first, then the rest of its organisation, most critical first', () => {
    expect(ids(rankTargets(g, t, { maxHops: 8 }))).toEqual([
      ['web', 0],
      ['app', 1],
      ['db', 2],
      ['vault', undefined],
      ['low', undefined],
    ]);
  });

  it('stops at maxHops, searches id and name, leaves hidden assets out, and takes another organisation when asked', () => {
    expect(ids(rankTargets(g, t, { maxHops: 1 })).slice(0, 3)).toEqual([
      ['web', 0],
      ['app', 1],
      ['db', undefined],
    ]);
    expect(ids(rankTargets(g, t, { maxHops: 8, search: 'VAU' }))).toEqual([['vault', undefined]]);
    expect(ids(rankTargets(g, t, { maxHops: 8, hidden: (id) => id === 'app' }))).not.toContainEqual([
      'app',
      1,
    ]);
    expect(ids(rankTargets(g, t, { maxHops: 8, organizationId: 'B' }))).toEqual([['b-x', 2]]);
  });
});
