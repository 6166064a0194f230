import { AttackGraph, domainMaturity } from '@rampart/analytics';
import { ControlData, Organization, OrganizationScope } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { runScoped } from '@rampart/access';
import {
  AnalyticsService,
  AttackGraphCache,
  EntityQueryService,
  FindingsService,
  RiskService,
} from '@rampart/analysis';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { Findings, Links, Posture, ReportFactsService, Risks, missingByDomain } from './report-facts.service';

const ORGS: Organization[] = [
  { id: 'org-a', name: 'A' },
  { id: 'org-b', name: 'B', reviewIntervalDays: 30, criticalThreshold: 2 },
  { id: 'org-c', name: 'C' },
];
const AS_OF = '2026-03-01';

const control = (id: string, over: Partial<ControlData> = {}): ControlData => ({
  id,
  name: id,
  domains: ['cyber'],
  functions: [],
  effectiveness: 0.5,
  status: 'implemented',
  protects: [],
  dependsOn: [],
  organizationId: 'org-a',
  ...over,
});

const risk = (assetId: string, over: Partial<Risks[number]> = {}) =>
  ({
    threatId: 'thr',
    assetId,
    threat: { id: 'thr', name: 'Thief' },
    asset: { id: assetId, name: assetId, label: 'System', labels: ['System', 'Asset'], restricted: false },
    inherentLikelihood: 4,
    residualLikelihood: 3,
    consequence: 2,
    pathProbability: 0.4,
    inherentLevel: 'medium',
    level: 'medium',
    aboveTolerance: false,
    ...over,
  }) as Risks[number];

const finding = (ruleId: string, severity: string, clause: string, nodeIds: string[] = []) =>
  ({
    ruleId,
    title: ruleId,
    severity,
    clause,
    message: `${ruleId} msg`,
    nodes: nodeIds.map((id) => ({ id })),
  }) as unknown as Findings[number];

/** The service over fakes that record their calls (a blast radius per provider id: see thirdParties). */
function setup() {
  const calls: unknown[][] = [];
  const log =
    (name: string, result: (...a: unknown[]) => unknown) =>
    async (...args: unknown[]) => (calls.push([name, ...args]), result(...args));
  const crit: Record<string, number[]> = { 'sp-1': [5, 2], 'sp-2': [5, 4], 'sp-4': [2] };
  const analytics = {
    blastRadius: log('blastRadius', (ids, mode) => {
      const id = (ids as string[])[0];
      return mode === 'STRUCTURAL'
        ? { nodes: crit[id].map((criticality) => ({ labels: ['System', 'Asset'], criticality })) }
        : { impactScore: id === 'sp-2' ? 1 : 3.5 };
    }),
  } as unknown as AnalyticsService;
  const clauses = [
    { id: 'sp-1', contractHasSecurityClauses: true },
    { id: 'sp-2', contractHasSecurityClauses: 'yes' },
  ];
  const entities = {
    all: log('all', (_, f) => ((f as { organizationId: string }).organizationId === 'org-a' ? clauses : [])),
  } as unknown as EntityQueryService;
  const risk = {
    posture: log('posture', () => ({ asOf: '2026-02-02' })),
    risks: log('risks', () => []),
    weakestLinks: log('weakestLinks', () => []),
  } as unknown as RiskService;
  const service = new ReportFactsService(
    { list: async () => ORGS } as unknown as OrganizationRepository,
    analytics,
    entities,
    { get: log('graph', () => GRAPH) } as unknown as AttackGraphCache,
    risk,
    { list: log('findings', () => []) } as unknown as FindingsService,
  );
  return { service, calls };
}
const GRAPH = new AttackGraph(tinyData({ nodes: {}, steps: [] }));

describe('ReportFactsService', () => {
  it('gathers posture first, then the rest with the date posture settled on', async () => {
    const { service, calls } = setup();
    const facts = await service.gather('org-a', undefined, 7);
    expect(facts).toEqual({
      posture: { asOf: '2026-02-02' },
      asOf: '2026-02-02',
      g: GRAPH,
      risks: [],
      links: [],
      findings: [],
    });
    expect(calls).toEqual([
      ['posture', 'org-a', undefined],
      ['graph'],
      ['risks', 'org-a'],
      ['weakestLinks', 7, 'org-a'],
      ['findings', { organizationId: 'org-a', asOf: '2026-02-02' }],
    ]);
  });

  it('covers the organisations in view; an unknown one or one out of view is NOT_FOUND', async () => {
    const { service } = setup();
    expect((await service.organizationsIn()).map((o) => o.id)).toEqual(['org-a', 'org-b', 'org-c']);
    const limited = OrganizationScope.of(['org-a', 'org-b']);
    expect((await runScoped(limited, () => service.organizationsIn())).map((o) => o.id)).toEqual([
      'org-a',
      'org-b',
    ]);
    expect((await service.organizationsIn('org-b')).map((o) => o.id)).toEqual(['org-b']);
    await expect(runScoped(limited, () => service.organizationsIn('org-c'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No organisation has the id org-c.',
    });
  });

  it('lists risks above tolerance first, at most 15, as rows', () => {
    const { service } = setup();
    const risks = [
      ...Array.from({ length: 15 }, (_, i) => risk(`sys-${i + 10}`)),
      risk('sys-above', {
        aboveTolerance: true,
        treatment: 'treat',
        asset: { ...risk('sys-above').asset, name: 'Above', criticality: 4 },
      }),
    ];
    const top = service.topRisks(risks);
    expect(top).toHaveLength(15);
    expect(top.map((r) => r.asset.id).slice(0, 2)).toEqual(['sys-above', 'sys-10']);
    expect(top[0]).toEqual({
      threat: { id: 'thr', name: 'Thief', kind: 'Threat' },
      asset: { id: 'sys-above', name: 'Above', kind: 'System', criticality: 4 },
      inherentLikelihood: 4,
      residualLikelihood: 3,
      consequence: 2,
      pathProbability: 0.4,
      inherentLevel: 'medium',
      level: 'medium',
      aboveTolerance: true,
      treatment: 'treat',
    });
    expect(top[1]).toMatchObject({ asset: { criticality: 1 }, treatment: null });
  });

  it('counts risks per matrix cell, top row first, by residual or inherent likelihood, and per level', () => {
    const { service } = setup();
    const risks = [
      risk('a'),
      risk('b'),
      risk('c', { residualLikelihood: 5, consequence: 5, level: 'extreme' }),
    ];
    const cells = service.riskMatrix(risks);
    const counted = (cs: typeof cells) =>
      cs.filter((c) => c.count).map((c) => `${c.likelihood}x${c.consequence}:${c.count} ${c.level}`);
    expect(cells).toHaveLength(25);
    expect(cells[0]).toEqual({ likelihood: 5, consequence: 1, count: 0, level: 'medium' });
    expect(counted(cells)).toEqual(['5x5:1 extreme', '3x2:2 medium']);
    expect(counted(service.riskMatrix(risks, 'inherent'))).toEqual(['4x2:2 medium', '4x5:1 extreme']);
    const byLevel = service.riskByLevel(risks).map((l) => `${l.level} ${l.inherent}/${l.residual}`);
    expect(byLevel).toEqual(['low 0/0', 'medium 3/2', 'high 0/0', 'extreme 0/1']);
  });

  it('reads weakest links as rows, with defaults for what the graph lacks', () => {
    const links = [
      {
        riskIncrease: 6,
        singlePointOfFailureFor: [{}, {}],
        control: { id: 'c-1', name: 'Gate', domains: ['physical'] },
      },
    ] as unknown as Links;
    const [row] = setup().service.weakestLinkRows(links);
    expect(row).toMatchObject({ riskIncrease: 6, singlePointOfFailureFor: 2 });
    expect(row.control).toEqual({
      ...links[0].control,
      kind: 'Control',
      status: 'unknown',
      effectiveness: 0,
    });
  });

  it("puts failed, then degraded, then untested controls first, most protecting, then by name, by each organisation's interval", () => {
    const { service } = setup();
    const controls = [
      control('c-f1', { status: 'failed', protects: ['a'], name: 'Zeta' }),
      control('c-u1', { protects: ['a', 'b'], name: 'Y', lastTestedAt: '2025-01-01' }),
      control('c-t', { lastTestedAt: '2026-01-01' }),
      control('c-o', { protects: ['a'], lastTestedAt: '2025-12-01', organizationId: 'org-b' }),
      control('c-d', { status: 'degraded', name: 'B', lastTestedAt: '2026-02-01' }),
      control('c-p', { status: 'planned' }),
      control('c-r', { status: 'retired' }),
      control('c-u2', { protects: ['a', 'b'], name: 'X' }),
      control('c-f2', { status: 'failed', protects: ['a', 'b', 'c'], name: 'Alpha' }),
    ];
    const attention = service.controlsNeedingAttention(controls, ORGS, AS_OF);
    expect(attention.map((a) => [a.control.id, a.issue])).toEqual([
      ['c-f2', 'failed'],
      ['c-f1', 'failed'],
      ['c-d', 'degraded'],
      ['c-u2', 'untested'],
      ['c-u1', 'untested'],
      ['c-o', 'untested'], // tested 90 days ago: beyond org-b's 30
    ]);
    expect(attention[4].control).toMatchObject({ lastTestedAt: '2025-01-01', kind: 'Control' });
    expect(service.untested(controls, ORGS, AS_OF).map((c) => c.id)).toEqual(['c-u1', 'c-o', 'c-u2']);
  });

  it('gives each domain its controls, effectiveness in force, tests, coverage of critical assets and findings', () => {
    const { service } = setup();
    const controls = [
      control('c-1', { effectiveness: 0.8, functions: ['detect'], lastTestedAt: '2026-01-15' }),
      control('c-2', { effectiveness: 0.6, functions: ['delay'], status: 'degraded' }),
      control('c-3', { status: 'planned' }),
      control('c-4', { status: 'retired' }),
    ];
    const posture = {
      asOf: AS_OF,
      criticalCoverage: [
        { requiredDomains: ['cyber', 'physical'], coveredDomains: ['cyber'], missingDomains: ['physical'] },
        { requiredDomains: ['cyber'], coveredDomains: [], missingDomains: ['cyber'] },
      ],
    } as unknown as Posture;
    const findings = [
      finding('CYB-1', 'high', '9.2'),
      finding('CYB-2', 'low', '9.1'),
      finding('PHY-1', 'high', '10.1'),
    ];
    const [, , , cyber, physical] = service.domainPostures(controls, ORGS, posture, findings);
    expect(cyber).toEqual({
      domain: 'cyber',
      controls: { planned: 1, implemented: 1, degraded: 1, failed: 0, retired: 1 },
      inForce: 2,
      meanEffectiveness: (0.8 + 0.3) / 2, // degraded counts half
      tested: 1,
      functions: { deter: 0, detect: 1, delay: 1, respond: 0, recover: 0 },
      criticalRequired: 2,
      criticalCovered: 1,
      findings: { high: 1, medium: 0, low: 1 },
      maturity: domainMaturity({
        criticalRequired: 2,
        criticalCovered: 1,
        controls: 3,
        inForce: 2,
        tested: 1,
        highFindings: 1,
        findings: 2,
      }),
    });
    expect(physical).toMatchObject({
      inForce: 0,
      meanEffectiveness: null,
      criticalRequired: 1,
      criticalCovered: 0,
      findings: { high: 1 },
    });
    expect(missingByDomain(posture).map((m) => m.criticalAssets)).toEqual([0, 0, 0, 1, 1]);
  });

  it('groups findings by rule with at most three examples and the domain of the clause', () => {
    const { service } = setup();
    const groups = service.findingGroups(
      ['x', 'x', 'x', 'x']
        .map(() => finding('PER-1', 'high', '7.2, 6.1'))
        .concat(finding('GOV-9', 'low', '3.1')),
    );
    expect(groups.map((g) => [g.ruleId, g.domain, g.count, g.examples.length])).toEqual([
      ['PER-1', 'personnel', 4, 3],
      ['GOV-9', null, 1, 1],
    ]);
  });

  it('rates the service providers of the organisations covered by what they reach', async () => {
    const data = tinyData({
      nodes: { 'sp-4': {}, 'sp-1': {}, 'sp-2': {}, 'sp-3': {}, 'p-1': {}, 'p-2': {} },
      steps: [
        ['sp-1', 'p-1', 'supply-chain'],
        ['sp-1', 'p-2', 'supply-chain'],
        ['sp-1', 'p-2', 'access'],
      ],
    });
    const orgOf = new Map([
      ['sp-1', 'org-a'],
      ['sp-2', 'org-a'],
      ['sp-3', 'org-c'],
      ['sp-4', 'org-b'],
    ]);
    data.nodes = data.nodes.map((n) => ({ ...n, organizationId: orgOf.get(n.id) }));
    const { service, calls } = setup();
    const per5 = finding('PER-5', 'medium', '7.1', ['sp-1']);
    const findings = [per5, per5, finding('PER-4', 'low', '7.1', ['sp-1'])];
    const rows = await service.thirdParties(new AttackGraph(data), ORGS.slice(0, 2), findings);
    // sp-2 reaches two assets of criticality >= 4; sp-4 (org-b, threshold 2) and sp-1 one each, same impact: by name.
    // id, critical assets reachable, impact, clauses, people, PER-5 findings
    const row = (r: (typeof rows)[number]) =>
      `${r.provider.id} ${r.criticalAssetsReachable} ${r.impactScore} ${r.securityClauses} ${r.people} ${r.findings}`;
    expect(rows.map(row)).toEqual(['sp-2 2 1 null 0 0', 'sp-1 1 3.5 true 2 2', 'sp-4 1 3.5 null 0 0']);
    expect(calls.filter((c) => c[0] === 'all')).toEqual([
      ['all', 'SERVICE_PROVIDER', { organizationId: 'org-a' }],
      ['all', 'SERVICE_PROVIDER', { organizationId: 'org-b' }],
    ]);
    expect(calls.filter((c) => c[0] === 'blastRadius' && (c[1] as string[])[0] === 'sp-1')).toEqual([
      ['blastRadius', ['sp-1'], 'STRUCTURAL', 6, 0],
      ['blastRadius', ['sp-1'], 'PROBABLE', 6, 0.05],
    ]);
  });
});
