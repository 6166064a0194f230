import { AttackGraph } from '@rampart/analytics';
import { DomainError, Organization } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper, Redactor } from '@rampart/output';
import { runRedacted } from '@rampart/access';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { workedExample } from '../../analytics/src/testing/worked-example';
import { AnalyticsService } from './analytics.service';
import { AttackGraphCache } from './attack-graph-cache.service';

/** The service over a fixed graph; `loads` counts the cache reads, `orgAsked` the organisation reads. */
function setup(g: AttackGraph = workedExample(), orgs: Organization[] = []) {
  const state = { loads: 0, orgAsked: [] as string[] };
  const cache = { get: async () => (state.loads++, g) } as unknown as AttackGraphCache;
  const organizations = {
    get: async (id: string) => (state.orgAsked.push(id), orgs.find((o) => o.id === id) ?? null),
  } as unknown as OrganizationRepository;
  return { service: new AnalyticsService(cache, organizations, new OutputMapper()), state };
}

const refusal = async (p: Promise<unknown>) => {
  const e = (await p.catch((x: unknown) => x)) as DomainError;
  expect(e).toBeInstanceOf(DomainError);
  return { code: e.code, message: e.message };
};

describe('AnalyticsService validation', () => {
  it.each([
    [
      'k',
      (s: AnalyticsService) => s.attackPaths('thr-t', 'inf-data', 0, 6),
      'k must be a whole number from 1 to 50; got 0.',
    ],
    [
      'k',
      (s: AnalyticsService) => s.attackPaths('thr-t', 'inf-data', 1.5, 6),
      'k must be a whole number from 1 to 50; got 1.5.',
    ],
    [
      'maxHops',
      (s: AnalyticsService) => s.securityDepth('thr-t', 'inf-data', 1, 13),
      'maxHops must be a whole number from 1 to 12; got 13.',
    ],
    [
      'maxOrder',
      (s: AnalyticsService) => s.securityDepth('thr-t', 'inf-data', 4, 6),
      'maxOrder must be a whole number from 1 to 3; got 4.',
    ],
    [
      'first',
      (s: AnalyticsService) => s.threatTargets('thr-t', { first: 501, maxHops: 6 }),
      'first must be a whole number from 1 to 500; got 501.',
    ],
    [
      'threshold',
      (s: AnalyticsService) => s.exposure('inf-data', 'PROBABLE', 6, 1.5),
      'threshold must be from 0 to 1; got 1.5.',
    ],
    [
      'threshold',
      (s: AnalyticsService) => s.blastRadius(['sys-app'], 'PROBABLE', 6, NaN),
      'threshold must be from 0 to 1; got NaN.',
    ],
  ])('refuses a bad %s before reading the graph', async (_, call, message) => {
    const { service, state } = setup();
    expect(await refusal(call(service))).toEqual({ code: 'VALIDATION_FAILED', message });
    expect(state.loads).toBe(0);
  });

  it('names an unknown threat, asset, failed unit or reach start as NOT_FOUND', async () => {
    const { service } = setup();
    expect(await refusal(service.attackPaths('thr-x', 'inf-data', 1, 6))).toEqual({
      code: 'NOT_FOUND',
      message: 'No threat has the id thr-x.',
    });
    expect((await refusal(service.interruption('thr-t', 'inf-x', 6))).message).toBe(
      'inf-x is not an asset or service provider of the graph.',
    );
    expect(
      (await refusal(service.attackPaths('thr-t', 'inf-data', 1, 6, ['c-fw', 'c-x', 'n-y']))).message,
    ).toBe('failed names no control or node: c-x, n-y.');
    expect((await refusal(service.blastRadius(['sys-app', 'sys-x'], 'STRUCTURAL', 6, 0))).code).toBe(
      'NOT_FOUND',
    );
    expect(await refusal(service.blastRadius([], 'STRUCTURAL', 6, 0))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'nodeIds must name at least one node.',
    });
  });
});

describe('AnalyticsService results', () => {
  it('fails what a failed node takes out, and names its units and the controls on each step', async () => {
    const { service } = setup();
    // sys-idp fails: c-fw and c-lock depend on it.
    const r = await service.attackPaths('thr-t', 'inf-data', 2, 6, ['sys-idp']);
    expect(r.failedControls).toEqual(['c-fw', 'c-lock']);
    expect(r.failed).toEqual([
      { id: 'sys-idp', kind: 'DEPENDENCY', domains: ['cyber', 'physical'], name: 'sys-idp' },
    ]);
    expect(r.paths.map((p) => [p.probability, p.hops, p.nodes.map((n) => n.id)])).toEqual([
      [0.5, 2, ['sys-web', 'sys-app', 'inf-data']],
      [0.4, 3, ['fac-site', 'fac-room', 'sys-app', 'inf-data']],
    ]);
    expect(r.paths[0].nodes[1]).toMatchObject({ id: 'sys-app', label: 'System', restricted: false });
    expect(r.paths[1].steps[0].controls).toEqual([
      { id: 'c-fence', name: 'c-fence', effectiveness: 0.2, status: 'degraded', domains: ['physical'] },
    ]);
    const both = await service.attackPaths('thr-t', 'inf-data', 1, 6, ['c-mon', 'sys-idp']);
    expect(both.failedControls).toEqual(['c-fw', 'c-lock', 'c-mon']);
  });

  it('leaves assets the reader may not see out of the targets and their counts', async () => {
    const { service } = setup();
    const open = await service.threatTargets('thr-t', { first: 3, maxHops: 6 });
    expect(open).toMatchObject({ totalCount: 7, reachableCount: 5 });
    const hidden = new Redactor([{ id: 'sys-web', name: 'sys-web', labels: ['System'] }], Buffer.alloc(32));
    const r = await runRedacted(hidden, () => service.threatTargets('thr-t', { first: 3, maxHops: 6 }));
    expect(r.targets.map((t) => [t.asset.id, t.reachable, t.hops])).toEqual([
      ['fac-site', true, 0],
      ['sys-app', true, 1],
      ['fac-room', true, 1],
    ]);
    expect(r).toMatchObject({ totalCount: 6, reachableCount: 4 });
  });

  it('gives the depth, the cut sets with names, no single point and the choke points', async () => {
    const { service } = setup();
    const r = await service.securityDepth('thr-t', 'inf-data', 2, 6);
    expect(r).toMatchObject({ reachable: true, depth: 2, exposed: false, singlePointsOfFailure: [] });
    expect(r.cutSets.map((c) => c.units.map((u) => `${u.kind}:${u.name}`))).toEqual([
      ['CONTROL:c-fw', 'CONTROL:c-mon'],
      ['CONTROL:c-mon', 'DEPENDENCY:sys-idp'],
    ]);
    expect(r.chokePoints.map((n) => n.id)).toEqual(['sys-app']);
    const one = await service.securityDepth('thr-t', 'inf-data', 1, 6);
    expect(one.cutSets).toEqual([]);
  });

  it("scores interruption with the response force of the asset's organisation", async () => {
    const data = tinyData({
      nodes: { 'sys-a': { criticality: 3 }, 'sys-b': {} },
      steps: [['sys-a', 'sys-b', 'network']],
      threats: [{ id: 'thr', startsAt: ['sys-a'] }],
    });
    data.nodes = data.nodes.map((n) => (n.id === 'sys-b' ? { ...n, organizationId: 'org-a' } : n));
    const rf = { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.9 };
    const { service, state } = setup(new AttackGraph(data), [{ id: 'org-a', name: 'A', responseForce: rf }]);
    const r = await service.interruption('thr', 'sys-b', 6);
    expect(state.orgAsked).toEqual(['org-a']);
    expect(r.responseForce).toEqual(rf);
    expect(r.responseForce).not.toBe(rf);
    expect(r).toMatchObject({
      assessed: false,
      reason: 'no control on its paths carries a detection probability',
    });
    const none = await service.interruption('thr', 'sys-a', 6);
    expect(state.orgAsked).toEqual(['org-a']); // sys-a has no organisation: nothing asked
    expect(none).toMatchObject({
      assessed: false,
      responseForce: undefined,
      reason: 'no response force is recorded for the organisation',
    });
  });

  it('sums the impact of reached assets and ranks them, ties by id', async () => {
    const { service } = setup();
    const r = await service.exposure('inf-data', 'PROBABLE', 6, 0.05);
    expect(r.impactScore).toBeCloseTo(7.45, 10);
    expect(r.topAssets.map((n) => n.id)).toEqual([
      'sys-idp',
      'sys-app',
      'fac-room',
      'p-op',
      'sys-web',
      'fac-site',
    ]);
    expect(r.byLabel).toEqual([
      { key: 'System', count: 3 },
      { key: 'Facility', count: 2 },
      { key: 'Person', count: 1 },
    ]);
    expect(r.byClassification).toEqual([{ key: 'unclassified', count: 6 }]);
    const blast = await service.blastRadius(['sys-app'], 'PROBABLE', 6, 0);
    expect(blast.nodes.map((n) => [n.id, n.hops, n.probability])).toEqual([['inf-data', 1, 0.5]]);
    expect(blast.impactScore).toBe(2.5);
    // Equal counts: by key.
    const site = await service.blastRadius(['fac-site'], 'STRUCTURAL', 6, 0);
    expect(site.byLabel.map((b) => b.key)).toEqual(['Facility', 'Information', 'System']);
  });

  it('names the threats reaching an asset by their likeliest entry, below the threshold left out', async () => {
    const { service } = setup();
    // thr-t: by sys-web (no barrier) 0.25, by fac-site (c-fence degraded: 0.8 x 0.2) 0.16.
    const probable = await service.exposure('inf-data', 'PROBABLE', 6, 0.05);
    expect(probable.threats).toEqual([
      { id: 'thr-t', name: 'thr-t', entryPoint: 'sys-web', probability: 0.25, hops: 2 },
      { id: 'thr-insider', name: 'thr-insider', entryPoint: 'p-op', probability: 1, hops: 1 },
    ]);
    const strict = await service.exposure('inf-data', 'PROBABLE', 6, 0.3);
    expect(strict.threats.map((t) => t.id)).toEqual(['thr-insider']);
    // The asset an entry point itself: entered at once.
    const entry = await service.exposure('sys-web', 'STRUCTURAL', 6, 0);
    expect(entry.threats).toEqual([
      { id: 'thr-t', name: 'thr-t', entryPoint: 'sys-web', probability: 1, hops: 0 },
    ]);
  });

  it('counts the barrier of entering the entry point, in PROBABLE mode only', async () => {
    // thr-f enters fac-x, behind a gate of 0.5, and steps on to sys-y unhindered.
    const g = new AttackGraph(
      tinyData({
        nodes: { 'fac-x': {}, 'sys-y': { criticality: 2 } },
        steps: [['fac-x', 'sys-y', 'physical']],
        controls: [{ id: 'c-gate', effectiveness: 0.5, protects: ['fac-x'], domains: ['physical'] }],
        threats: [{ id: 'thr-f', startsAt: ['fac-x'] }],
      }),
    );
    const { service } = setup(g);
    expect((await service.exposure('sys-y', 'PROBABLE', 6, 0.4)).threats).toEqual([
      { id: 'thr-f', name: 'thr-f', entryPoint: 'fac-x', probability: 0.5, hops: 1 },
    ]);
    // fac-x is reached (1 >= 0.6), but the threat gets in with 0.5 only.
    expect((await service.exposure('sys-y', 'PROBABLE', 6, 0.6)).threats).toEqual([]);
    expect((await service.exposure('sys-y', 'STRUCTURAL', 6, 0.6)).threats).toMatchObject([
      { probability: 1 },
    ]);
  });
});
