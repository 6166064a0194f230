import { AttackGraph } from './attack-graph';
import { reach } from './blast-radius';
import { chokePoints } from './choke-points';
import { minimalCutSets } from './cut-sets';
import { mostLikelyPaths, securityDepth } from './path-search';
import { workedExample } from './testing/worked-example';

const example = workedExample;

const threat = (g: AttackGraph, id: string) => g.threats.get(id) as never;

describe('attack paths (docs/spec/analytics.md §3)', () => {
  it('ranks paths by probability, counting a control on two nodes of a path once', () => {
    const g = example();
    const { paths, truncated } = mostLikelyPaths(g, threat(g, 'thr-t'), 'inf-data', 5);
    expect(truncated).toBe(false);
    expect(paths.map((p) => p.nodes)).toEqual([
      ['sys-web', 'sys-app', 'inf-data'],
      ['fac-site', 'fac-room', 'sys-app', 'inf-data'],
    ]);
    // 0.5 (c-fw) x 0.5 (c-mon, once although it protects sys-app and inf-data)
    expect(paths[0].probability).toBeCloseTo(0.25, 12);
    // 0.8 (c-fence degraded: 0.4 / 2) x 0.4 (c-lock; c-cctv planned) x 0.5 (c-mon; c-fw is network only)
    expect(paths[1].probability).toBeCloseTo(0.16, 12);
    expect(paths[1].steps.map((s) => [s.from, s.to, s.vector, s.controls.map((c) => c.id)])).toEqual([
      [null, 'fac-site', 'physical', ['c-fence']],
      ['fac-site', 'fac-room', 'physical', ['c-lock']],
      ['fac-room', 'sys-app', 'physical', ['c-mon']],
      ['sys-app', 'inf-data', 'logical', []],
    ]);
  });

  it('honours k and maxHops', () => {
    const g = example();
    expect(mostLikelyPaths(g, threat(g, 'thr-t'), 'inf-data', 1).paths).toHaveLength(1);
    expect(mostLikelyPaths(g, threat(g, 'thr-t'), 'inf-data', 5, { maxHops: 2 }).paths).toHaveLength(1);
    expect(mostLikelyPaths(g, threat(g, 'thr-t'), 'inf-data', 5, { maxHops: 1 }).paths).toHaveLength(0);
  });

  it('measures depth as the fewest distinct barriers, 0 when exposed', () => {
    const g = example();
    expect(securityDepth(g, threat(g, 'thr-t'), 'inf-data').depth).toBe(2);
    expect(securityDepth(g, threat(g, 'thr-t'), 'sys-app').depth).toBe(2);
    expect(securityDepth(g, threat(g, 'thr-t'), 'fac-room').depth).toBe(2);
    // The insider's access is a step no control applies to (c-plan has effectiveness 0).
    expect(securityDepth(g, threat(g, 'thr-insider'), 'inf-data').depth).toBe(0);
    expect(securityDepth(g, threat(g, 'thr-insider'), 'sys-app').depth).toBeNull();
  });
});

describe('minimal cut sets and choke points', () => {
  it('finds every minimal cut set up to order 3, with the common-mode identity provider', () => {
    const g = example();
    const r = minimalCutSets(g, threat(g, 'thr-t'), 'inf-data');
    expect(r).toMatchObject({ reachable: true, exposed: false });
    expect(
      r.cutSets.map((c) => [
        c.units.map((u) => u.id),
        c.order,
        Number(c.probability.toFixed(6)),
        c.commonMode,
      ]),
    ).toEqual([
      [['c-fw', 'c-mon'], 2, 0.25, false],
      [['c-mon', 'sys-idp'], 2, 0.1, true], // sys-idp takes out c-fw and c-lock: 0.5 x 0.4 x 0.5
      [['c-fence', 'c-lock', 'c-mon'], 3, 0.16, false],
    ]);
    expect(r.cutSets[1].units[1]).toEqual({
      id: 'sys-idp',
      kind: 'DEPENDENCY',
      domains: ['cyber', 'physical'],
    });
    expect(minimalCutSets(g, threat(g, 'thr-t'), 'inf-data', { maxOrder: 2 }).cutSets).toHaveLength(2);
  });

  it('reports exposure instead of cut sets, and nothing for an unreachable target', () => {
    const g = example();
    expect(minimalCutSets(g, threat(g, 'thr-insider'), 'inf-data')).toEqual({
      reachable: true,
      exposed: true,
      cutSets: [],
    });
    expect(minimalCutSets(g, threat(g, 'thr-insider'), 'sys-app').reachable).toBe(false);
  });

  it('finds the structural single point every path crosses', () => {
    const g = example();
    expect(chokePoints(g, threat(g, 'thr-t'), 'inf-data')).toEqual(['sys-app']);
    // Two disjoint routes into sys-app: the cut needs one node on each.
    expect(chokePoints(g, threat(g, 'thr-t'), 'sys-app').sort()).toEqual(['fac-site', 'sys-web']);
    expect(chokePoints(g, threat(g, 'thr-insider'), 'inf-data')).toEqual(['p-op']);
  });
});

describe('blast radius and exposure (docs/spec/analytics.md §4)', () => {
  it('reaches everything downstream structurally, with hop counts', () => {
    const g = example();
    const r = reach(g, ['fac-site'], 'forward', { mode: 'STRUCTURAL' });
    expect(r.map((n) => [n.id, n.hops, n.probability])).toEqual([
      ['fac-room', 1, 1],
      ['sys-app', 2, 1],
      ['inf-data', 3, 1],
    ]);
    expect(r[2].path).toEqual(['fac-site', 'fac-room', 'sys-app', 'inf-data']);
  });

  it('weighs probable reach by the most likely path, without the start node own controls', () => {
    const g = example();
    const r = reach(g, ['fac-site'], 'forward', { mode: 'PROBABLE' });
    // c-fence (on fac-site itself) does not count: fac-site is already compromised.
    expect(r.map((n) => [n.id, Number(n.probability.toFixed(6))])).toEqual([
      ['fac-room', 0.4],
      ['sys-app', 0.2],
      ['inf-data', 0.2],
    ]);
    expect(reach(g, ['fac-site'], 'forward', { mode: 'PROBABLE', threshold: 0.25 }).map((n) => n.id)).toEqual(
      ['fac-room'],
    );
  });

  it('answers the reverse question: who can reach an asset', () => {
    const g = example();
    const r = reach(g, ['inf-data'], 'reverse', { mode: 'PROBABLE', threshold: 0 });
    const p = Object.fromEntries(r.map((n) => [n.id, Number(n.probability.toFixed(6))]));
    expect(p).toEqual({
      'p-op': 1,
      'sys-app': 0.5,
      'sys-idp': 0.5,
      'fac-room': 0.5,
      'sys-web': 0.25,
      'fac-site': 0.2,
    });
    expect(r.find((n) => n.id === 'fac-site')?.path).toEqual(['fac-site', 'fac-room', 'sys-app', 'inf-data']);
  });
});
