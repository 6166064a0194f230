import { easiForPath, interruption, normalCdf } from './easi';
import { mostLikelyPaths } from './path-search';
import { tiny } from './testing/graph-builder';

const RF = { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.95 };
const det = (p: number, point: string) => ({ detectionProbability: p, detectionPoint: point });
const delay = (s: number, sd: number) => ({ delaySeconds: s, delayStdDevSeconds: sd });

/** The demo's activists against the plant SCADA (docs/demo-organisation.md, computed by hand there). */
function plant(extra: Parameters<typeof tiny>[0]['controls'] = []) {
  return tiny({
    nodes: { 'fac-plant': {}, 'fac-ops': {}, 'fac-control': {}, 'sys-scada': {}, 'sys-ews': {} },
    steps: [
      ['fac-plant', 'fac-ops', 'physical'],
      ['fac-ops', 'fac-control', 'physical'],
      ['fac-control', 'sys-scada', 'physical'],
      ['fac-control', 'sys-ews', 'physical'],
      ['sys-ews', 'sys-scada', 'network'],
    ],
    controls: [
      { id: 'fence', effectiveness: 0.6, status: 'degraded', protects: ['fac-plant'], ...delay(60, 15) },
      { id: 'pids', effectiveness: 0, protects: ['fac-plant'], ...det(0.8, 'middle') },
      { id: 'cctv', effectiveness: 0, protects: ['fac-plant', 'fac-control'], ...det(0.6, 'middle') },
      { id: 'doors', effectiveness: 0.5, protects: ['fac-ops'], ...det(0.7, 'beginning'), ...delay(130, 30) },
      { id: 'door', effectiveness: 0.5, protects: ['fac-control'], ...det(0.5, 'end'), ...delay(180, 45) },
      { id: 'cabinet', effectiveness: 0.5, protects: ['sys-scada'], vectors: ['physical'], ...delay(90, 20) },
      ...(extra ?? []),
    ],
    threats: [{ id: 'thr-activist', startsAt: ['fac-plant'] }],
  });
}

describe('EASI (docs/spec/analytics.md §3), against the hand-computed demo case', () => {
  it('has a correct normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.556)).toBeCloseTo(0.9401, 4);
    expect(normalCdf(-3.32)).toBeCloseTo(0.00045, 5);
  });

  it('scores the main path 0.8688 and the workstation path 0.6314, the most vulnerable', () => {
    const g = plant();
    const r = interruption(g, g.threats.get('thr-activist') as never, 'sys-scada', RF);
    expect(r.assessed).toBe(true);
    const byRoute = Object.fromEntries(r.paths.map((p) => [p.path.nodes.join('>'), p]));
    const main = byRoute['fac-plant>fac-ops>fac-control>sys-scada'];
    expect(main.probability).toBeCloseTo(0.8688, 4);
    expect(main.steps[0]).toMatchObject({
      detectionProbability: expect.closeTo(0.92, 12),
      delaySeconds: 60,
      varianceSeconds2: 225,
      detectionPoint: 'middle',
      remainingSeconds: 430,
      remainingVariance: 3381.25,
    });
    // cctv counts at its first step only: the control room adds the door alone.
    expect(main.steps[2].controls).toEqual(['door']);
    expect(main.criticalDetectionPoint).toBe('fac-plant');
    expect(r.mostVulnerable?.path.nodes).toEqual([
      'fac-plant',
      'fac-ops',
      'fac-control',
      'sys-ews',
      'sys-scada',
    ]);
    expect(r.mostVulnerable?.probability).toBeCloseTo(0.6314, 4);
  });

  it('raises P_I with more delay after detection (the sign check), and scores an undetected path 0', () => {
    const g = plant();
    const path = mostLikelyPaths(g, g.threats.get('thr-activist') as never, 'sys-scada', 10).paths.find(
      (p) => p.nodes.length === 4,
    )!;
    const slower = plant([{ id: 'vault', effectiveness: 0.1, protects: ['sys-scada'], ...delay(200, 10) }]);
    const slowerPath = mostLikelyPaths(
      slower,
      slower.threats.get('thr-activist') as never,
      'sys-scada',
      10,
    ).paths.find((p) => p.nodes.length === 4)!;
    expect(easiForPath(slower, slowerPath, RF).probability).toBeGreaterThan(
      easiForPath(g, path, RF).probability,
    );
    const blind = tiny({
      nodes: { 'fac-a': {}, 'sys-b': {} },
      steps: [['fac-a', 'sys-b', 'physical']],
      controls: [{ id: 'lock', effectiveness: 0.5, protects: ['sys-b'], ...delay(100, 10) }],
      threats: [{ id: 't', startsAt: ['fac-a'] }],
    });
    expect(interruption(blind, blind.threats.get('t') as never, 'sys-b', RF)).toMatchObject({
      assessed: false,
    });
    expect(interruption(g, g.threats.get('thr-activist') as never, 'sys-scada', undefined).assessed).toBe(
      false,
    );
  });
});
