import { assessRisk, residualLikelihood, riskPairs } from './risk';
import { tiny } from './testing/graph-builder';
import { weakestLinks } from './weakest-links';

/** The worked example of analytics.spec.ts (docs/metrics.md), with a register entry. */
function example() {
  return tiny({
    nodes: {
      'fac-site': { criticality: 1 },
      'fac-room': { criticality: 2 },
      'sys-web': { criticality: 3 },
      'sys-app': { criticality: 4 },
      'sys-idp': { criticality: 5 },
      'inf-data': { criticality: 5 },
      'p-op': {},
    },
    steps: [
      ['fac-site', 'fac-room', 'physical'],
      ['fac-room', 'sys-app', 'physical'],
      ['sys-web', 'sys-app', 'network'],
      ['sys-app', 'inf-data', 'logical'],
      ['sys-idp', 'sys-app', 'dependency'],
      ['p-op', 'inf-data', 'access'],
    ],
    controls: [
      { id: 'c-fw', effectiveness: 0.5, protects: ['sys-app'], vectors: ['network'], dependsOn: ['sys-idp'] },
      {
        id: 'c-mon',
        effectiveness: 0.5,
        protects: ['sys-app', 'inf-data'],
        vectors: ['network', 'logical', 'physical'],
      },
      {
        id: 'c-lock',
        effectiveness: 0.6,
        domains: ['physical'],
        protects: ['fac-room'],
        dependsOn: ['sys-idp'],
      },
      {
        id: 'c-fence',
        effectiveness: 0.4,
        domains: ['physical'],
        protects: ['fac-site'],
        status: 'degraded',
      },
    ],
    threats: [
      {
        id: 'thr-t',
        startsAt: ['sys-web', 'fac-site'],
        targets: ['inf-data', 'sys-app'],
        capability: 3,
        intent: 3,
      },
      { id: 'thr-insider', startsAt: ['p-op'], targets: ['inf-data'], capability: 5, intent: 4 },
    ],
  });
}

describe('risk (analytics.md §6)', () => {
  it('scales the inherent likelihood by the most likely path, never below 1', () => {
    const cases: [number, number, number][] = [
      [4, 0.6, 4],
      [4, 0.5, 4],
      [4, 0.3, 3],
      [4, 0.2, 3],
      [4, 0.1, 2],
      [4, 0.05, 2],
      [4, 0.01, 1],
      [2, 0.01, 1],
      [3, 0, 1],
    ];
    for (const [l, p, want] of cases) expect(residualLikelihood(l, p)).toBe(want);
  });

  it('assesses register entries and threat targets: inherent, residual, level, tolerance', () => {
    const g = example();
    expect(riskPairs(g).map((p) => `${p.threatId}>${p.assetId}`)).toEqual([
      'thr-t>inf-data',
      'thr-t>sys-app',
      'thr-insider>inf-data',
    ]);
    // L0 = round((3 + 3) / 2) = 3; best path 0.25 -> L 2; C = criticality 5: 2 x 5 = 10, high.
    expect(assessRisk(g, { threatId: 'thr-t', assetId: 'inf-data' }, 'medium')).toMatchObject({
      inherentLikelihood: 3,
      consequence: 5,
      pathProbability: 0.25,
      residualLikelihood: 2,
      inherentLevel: 'high',
      level: 'high',
      aboveTolerance: true,
    });
    // The insider is exposed (P = 1): L0 = round(4.5) = 5 stays 5; 5 x 5 extreme.
    expect(assessRisk(g, { threatId: 'thr-insider', assetId: 'inf-data' }, 'extreme')).toMatchObject({
      residualLikelihood: 5,
      level: 'extreme',
      aboveTolerance: false,
    });
  });

  it('ranks weakest links by the residual risk their failure adds over critical assets', () => {
    const g = example();
    const links = weakestLinks(g, (id) => (g.nodes.get(id)?.criticality ?? 1) >= 4);
    // c-fw or c-mon failing lifts the best path of thr-t to 0.5 (L 3): inf-data +5, sys-app +4.
    expect(links.map((l) => [l.controlId, l.riskIncrease, l.singlePointOfFailureFor])).toEqual([
      ['c-fw', 9, []],
      ['c-mon', 9, []],
      ['c-fence', 0, []],
      ['c-lock', 0, []],
    ]);
  });
});
