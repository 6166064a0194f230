import { assessRisk, residualLikelihood, riskPairs } from './risk';
import { workedExample } from './testing/worked-example';
import { weakestLinks } from './weakest-links';

const example = workedExample;

describe('risk (docs/spec/analytics.md §6)', () => {
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
    // Band edges reached through a product: a 0.8 control leaves P = 0.2 (0.19999999999999996).
    expect(residualLikelihood(4, 1 - 0.8)).toBe(3);
    expect(residualLikelihood(4, (1 - 0.5) * (1 - 0.9))).toBe(2);
    expect(residualLikelihood(4, 0.199)).toBe(2);
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
