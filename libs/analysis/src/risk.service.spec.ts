import { AttackGraph } from '@rampart/analytics';
import { DomainError, Organization, OrganizationScope } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { runScoped } from '@rampart/access';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { AttackGraphCache } from './attack-graph-cache.service';
import { CoverageService } from './coverage.service';
import { FindingsQuery, FindingsService } from './findings.service';
import { RiskService } from './risk.service';

const ORG_OF: Record<string, string> = {
  'sys-e': 'org-a',
  'sys-a': 'org-a',
  'sys-b': 'org-b',
  'sys-c': 'org-a',
  'sys-d': 'org-a',
};

/**
 * Threat thr (likelihood 4) enters at sys-e and targets four systems one network step away:
 * sys-a (3) and sys-b (5) open, sys-c (3) behind c-c 0.9 (p 0.1: likelihood 2), sys-d (3) behind
 * c-d 0.3 (p 0.7: likelihood 4). Residual L x C: sys-b 20, sys-a 12, sys-d 12, sys-c 6.
 */
function graph(): AttackGraph {
  const data = tinyData({
    nodes: {
      'sys-e': { criticality: 1 },
      'sys-a': { criticality: 3 },
      'sys-b': { criticality: 5 },
      'sys-c': { criticality: 3 },
      'sys-d': { criticality: 3 },
    },
    steps: ['sys-a', 'sys-b', 'sys-c', 'sys-d'].map((to): [string, string, 'network'] => [
      'sys-e',
      to,
      'network',
    ]),
    controls: [
      { id: 'c-c', effectiveness: 0.9, protects: ['sys-c'] },
      { id: 'c-d', effectiveness: 0.3, protects: ['sys-d'], domains: ['physical'] },
    ],
    // Targets in reverse: the order of the ranking must be the service's own.
    threats: [
      {
        id: 'thr',
        startsAt: ['sys-e'],
        targets: ['sys-d', 'sys-c', 'sys-b', 'sys-a'],
        capability: 4,
        intent: 4,
      },
    ],
  });
  data.nodes = data.nodes.map((n) => ({ ...n, organizationId: ORG_OF[n.id] }));
  return new AttackGraph(data);
}

// org-a tolerates high risks and counts criticality 3 as critical; org-b keeps the defaults.
const ORGS: Organization[] = [
  { id: 'org-a', name: 'A', riskTolerance: 'high', criticalThreshold: 3 },
  { id: 'org-b', name: 'B' },
];

function setup() {
  const state = { g: graph(), orgs: ORGS, findingsAsked: [] as FindingsQuery[] };
  const cache = { get: async () => state.g } as unknown as AttackGraphCache;
  const organizations = { list: async () => state.orgs } as unknown as OrganizationRepository;
  const out = new OutputMapper();
  const findings = {
    countBySeverity: async (q: FindingsQuery) => {
      state.findingsAsked.push(q);
      return new Map([
        ['high', 2],
        ['low', 1],
      ]);
    },
  } as unknown as FindingsService;
  const coverage = new CoverageService(cache, organizations, out);
  return { service: new RiskService(cache, organizations, coverage, findings, out), state };
}

describe('RiskService', () => {
  it("ranks risks by residual likelihood x consequence, ties by asset id, each against its organisation's tolerance", async () => {
    const { service } = setup();
    const risks = await service.risks();
    expect(
      risks.map((r) => [r.assetId, r.residualLikelihood * r.consequence, r.level, r.aboveTolerance]),
    ).toEqual([
      ['sys-b', 20, 'extreme', true], // org-b: medium by default
      ['sys-a', 12, 'high', false], // org-a tolerates high
      ['sys-d', 12, 'high', false],
      ['sys-c', 6, 'medium', false],
    ]);
    expect(risks[0].threat).toEqual({ id: 'thr', name: 'thr' });
    expect(risks[0].asset).toMatchObject({ id: 'sys-b', label: 'System', criticality: 5 });
  });

  it("keeps one organisation's risks", async () => {
    const { service } = setup();
    expect((await service.risks('org-a')).map((r) => r.assetId)).toEqual(['sys-a', 'sys-d', 'sys-c']);
  });

  it('answers an unknown organisation, or one out of view, as one that does not exist', async () => {
    const { service } = setup();
    const e = await service.risks('org-x').catch((x: DomainError) => x);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'No organisation has the id org-x.' });
    const onlyA = OrganizationScope.of(['org-a']);
    await expect(runScoped(onlyA, () => service.weakestLinks(5, 'org-b'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(runScoped(onlyA, () => service.posture('org-b'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(runScoped(onlyA, () => service.risks('org-a'))).resolves.toHaveLength(3);
  });

  it.each([0, 501, 1.5])('refuses limit %p', async (limit) => {
    await expect(setup().service.weakestLinks(limit)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `limit must be a whole number from 1 to 500; got ${limit}.`,
    });
  });

  it('ranks weakest links with their control and the assets they alone protect', async () => {
    const { service } = setup();
    const links = await service.weakestLinks(10);
    // Failing c-c lifts sys-c from likelihood 2 to 4: (4 - 2) x 3.
    expect(
      links.map((l) => [l.controlId, l.riskIncrease, l.singlePointOfFailureFor.map((n) => n.id)]),
    ).toEqual([
      ['c-c', 6, ['sys-c']],
      ['c-d', 0, ['sys-d']],
    ]);
    expect(links[1].control).toEqual({
      id: 'c-d',
      name: 'c-d',
      domains: ['physical'],
      status: 'implemented',
      effectiveness: 0.3,
    });
    expect((await service.weakestLinks(1)).map((l) => l.controlId)).toEqual(['c-c']);
  });

  it('keeps the ranking per graph and organisation: a new graph recomputes it', async () => {
    const { service, state } = setup();
    expect(await service.weakestLinks(10)).toHaveLength(2);
    // Thresholds change only with the graph version: the same graph keeps its ranking.
    state.orgs = [{ ...ORGS[0], criticalThreshold: 5 }, ORGS[1]];
    expect(await service.weakestLinks(10)).toHaveLength(2);
    expect(await service.weakestLinks(10, 'org-b')).toEqual([]);
    state.g = graph();
    expect(await service.weakestLinks(10)).toEqual([]);
  });

  it('sums up the posture: critical assets by threshold, exposure, single points, risks and findings', async () => {
    const { service, state } = setup();
    const p = await service.posture(undefined, '2026-03-01');
    expect(p).toMatchObject({
      organizationId: undefined,
      asOf: '2026-03-01',
      assets: 5,
      criticalAssets: 4, // sys-e (1) is below org-a's threshold 3
      exposedCriticalAssets: 2, // sys-a, sys-b: no barrier at all
      singlePointsOfFailure: 2,
      commonModeFailures: 0,
      risksAboveTolerance: 1,
      findings: 3,
      findingsBySeverity: [
        { key: 'high', count: 2 },
        { key: 'medium', count: 0 },
        { key: 'low', count: 1 },
      ],
    });
    expect(p.criticalCoverage.map((c) => c.assetId)).toEqual(['sys-a', 'sys-b', 'sys-c', 'sys-d']);
    expect(p.uncovered.find((u) => u.asset.id === 'sys-c')?.reasons).toContain('untested controls: c-c');
    expect(state.findingsAsked).toEqual([{ organizationId: undefined, asOf: '2026-03-01' }]);
  });

  it("counts one organisation's assets only", async () => {
    const { service, state } = setup();
    const p = await service.posture('org-b');
    expect(p).toMatchObject({
      organizationId: 'org-b',
      assets: 1,
      criticalAssets: 1,
      risksAboveTolerance: 1,
    });
    // No date asked: today's, the same for posture and its findings.
    expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(state.findingsAsked).toEqual([{ organizationId: 'org-b', asOf: p.asOf }]);
  });
});
