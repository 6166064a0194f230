import { AttackGraphData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { scopeGraphData } from './organization-scope';
import { mostLikelyPaths } from './path-search';

/**
 * Two organisations: A's threat enters A's portal and reaches A's data; B's control also guards
 * A's data (a cross-organisation reference), and B has a system of its own that A's portal
 * connects to. A catalogue pattern (no organisation) is shared.
 */
const DATA: AttackGraphData = {
  nodes: [
    { id: 'a-web', name: 'Portal', labels: ['System', 'Asset'], organizationId: 'A', criticality: 3 },
    { id: 'a-data', name: 'Data', labels: ['Information', 'Asset'], organizationId: 'A', criticality: 5 },
    { id: 'b-sys', name: 'B system', labels: ['System', 'Asset'], organizationId: 'B', criticality: 4 },
  ],
  steps: [
    { from: 'a-web', to: 'a-data', vector: 'logical' },
    { from: 'a-web', to: 'b-sys', vector: 'network' },
  ],
  controls: [
    {
      id: 'a-ctl',
      name: 'A control',
      domains: ['cyber'],
      functions: ['delay'],
      effectiveness: 0.5,
      status: 'implemented',
      protects: ['a-data'],
      dependsOn: ['b-sys'],
      organizationId: 'A',
    },
    {
      id: 'b-ctl',
      name: 'B guard',
      domains: ['physical'],
      functions: ['delay'],
      effectiveness: 0.5,
      status: 'implemented',
      protects: ['a-data', 'b-sys'],
      dependsOn: [],
      organizationId: 'B',
    },
  ],
  threats: [
    { id: 'a-thr', name: 'A threat', startsAt: ['a-web'], targets: ['a-data', 'b-sys'], organizationId: 'A' },
    { id: 'b-thr', name: 'B threat', startsAt: ['b-sys'], targets: ['b-sys'], organizationId: 'B' },
    { id: 'lib-thr', name: 'Catalogue group', startsAt: [], targets: [] },
  ],
  dependsOn: [{ from: 'a-ctl', to: 'b-sys' }],
  risks: [
    { id: 'a-risk', threatId: 'a-thr', assetId: 'a-data', organizationId: 'A' },
    { id: 'x-risk', threatId: 'a-thr', assetId: 'b-sys', organizationId: 'A' },
  ],
  owned: ['a-data', 'b-sys'],
};

describe('scopeGraphData: the graph an account limited to some organisations sees', () => {
  const onlyA = scopeGraphData(DATA, (org) => org === undefined || org === 'A');

  it('leaves out every entry of another organisation and everything that names one', () => {
    expect(onlyA.nodes.map((n) => n.id)).toEqual(['a-web', 'a-data']);
    expect(onlyA.steps).toEqual([{ from: 'a-web', to: 'a-data', vector: 'logical' }]);
    expect(onlyA.controls.map((c) => [c.id, c.protects, c.dependsOn])).toEqual([['a-ctl', ['a-data'], []]]);
    expect(onlyA.threats.map((t) => [t.id, t.startsAt, t.targets])).toEqual([
      ['a-thr', ['a-web'], ['a-data']],
      ['lib-thr', [], []],
    ]);
    expect(onlyA.dependsOn).toEqual([]);
    expect(onlyA.risks?.map((r) => r.id)).toEqual(['a-risk']);
    expect(onlyA.owned).toEqual(['a-data']);
  });

  it('computes as if the other organisation were not there (hand-checked path probability)', () => {
    const threat = (g: AttackGraph) => g.threats.get('a-thr')!;
    // Whole graph: web -> data passes A's control (0.5) and B's guard (0.5): P = 0.25.
    const whole = new AttackGraph(DATA);
    expect(
      mostLikelyPaths(whole, threat(whole), 'a-data', 1, { maxHops: 8 }).paths[0].probability,
    ).toBeCloseTo(0.25);
    // A alone: only A's control: P = 0.5.
    const scoped = new AttackGraph(onlyA);
    expect(
      mostLikelyPaths(scoped, threat(scoped), 'a-data', 1, { maxHops: 8 }).paths[0].probability,
    ).toBeCloseTo(0.5);
  });

  it('keeps everything when every organisation is in view', () => {
    expect(scopeGraphData(DATA, () => true)).toEqual(DATA);
  });
});
