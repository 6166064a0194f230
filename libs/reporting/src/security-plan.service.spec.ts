import { AttackGraph } from '@rampart/analytics';
import { ReportsConfig } from '@rampart/config';
import { Organization, OrganizationScope, ReportRun } from '@rampart/domain';
import { OrganizationRepository, ReportRunRepository } from '@rampart/graph';
import { runScoped } from '@rampart/access';
import {
  AnalyticsService,
  AttackGraphCache,
  EntityQueryService,
  FindingsService,
  RiskService,
} from '@rampart/analysis';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { Findings, Posture, ReportFactsService, Risks } from './report-facts.service';
import { SecurityPlanService } from './security-plan.service';

const NOW = new Date('2026-03-02T08:30:00.000Z');
const RF = { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.9 };
const ORG: Organization = {
  id: 'org-a',
  name: 'Acme',
  criticalThreshold: 3,
  reviewIntervalDays: 90,
  responseForce: RF,
};

function graph(): AttackGraph {
  const data = tinyData({
    nodes: {
      'sys-1': { criticality: 5 },
      'sys-2': { criticality: 2 },
      'fac-1': { criticality: 4 },
      'inf-1': { criticality: 3 },
      'p-1': {},
      'p-2': {},
      'sp-1': {},
      'sys-x': { criticality: 5 },
    },
    steps: [],
    controls: [
      { id: 'c-det', effectiveness: 0.5, protects: [], functions: ['detect'] },
      {
        id: 'c-resp',
        effectiveness: 0.5,
        protects: [],
        functions: ['respond', 'recover'],
        domains: ['personnel'],
        status: 'degraded',
      },
      { id: 'c-plan', effectiveness: 0.5, protects: [], status: 'planned', name: 'Plan' },
      { id: 'c-fail', effectiveness: 0.5, protects: [], functions: ['detect'], status: 'failed' },
    ].map((c) => ({ ...c, organizationId: 'org-a' })),
    threats: [
      { id: 'thr-a', name: 'Zulu', capability: 3, intent: 4, startsAt: [], organizationId: 'org-a' },
      { id: 'thr-b', name: 'Alpha', capability: 4, intent: 3, startsAt: [], organizationId: 'org-a' },
      {
        id: 'thr-c',
        name: 'Mid',
        capability: 5,
        intent: 5,
        startsAt: [],
        kind: 'state',
        organizationId: 'org-a',
      },
      { id: 'thr-lib', name: 'Library', startsAt: [] },
    ],
  });
  data.nodes = data.nodes.map((n) => ({ ...n, organizationId: n.id === 'sys-x' ? 'org-b' : 'org-a' }));
  return new AttackGraph(data);
}

const risk = (threatId: string, assetId: string, aboveTolerance: boolean, treatment?: string) => ({
  threatId,
  assetId,
  threat: { id: threatId, name: threatId },
  asset: { id: assetId, name: assetId, label: 'System', labels: ['System', 'Asset'], criticality: 5 },
  inherentLikelihood: 4,
  residualLikelihood: 4,
  consequence: 5,
  pathProbability: 1,
  inherentLevel: 'extreme',
  level: 'extreme',
  aboveTolerance,
  treatment,
});
const RISKS = [
  risk('thr-a', 'sys-1', true),
  risk('thr-a', 'sys-2', false, 'accept'),
  risk('thr-c', 'sys-1', true, 'treat'),
] as unknown as Risks;
const FINDINGS = ['PER-4', 'PER-4', 'PER-1'].map((ruleId) => ({
  ruleId,
  severity: 'high',
  clause: '7.1',
  nodes: [],
})) as unknown as Findings;
const POSTURE = {
  asOf: '2026-03-01',
  criticalAssets: 3,
  uncoveredCriticalAssets: 2,
  exposedCriticalAssets: 1,
  criticalCoverage: [{ requiredDomains: ['cyber'], coveredDomains: [], missingDomains: ['cyber'] }],
  commonModeUnits: ['c-det', 'sys-1', 'ghost'],
  findingsBySeverity: [],
} as unknown as Posture;

const run = (id: string, parameters: ReportRun['parameters']): ReportRun => ({
  id,
  report: 'posture',
  format: 'pdf',
  generatedAt: `2026-02-01T00:00:00.000Z`,
  parameters,
  sha256: `sha-${id}`,
  bytes: 1,
  file: null,
  trigger: 'schedule',
});
const RUNS = [
  run('other', { organizationId: 'org-b' }),
  run('all', {}),
  run('null', { organizationId: null }),
  run('mine-limited', { organizations: 'org-a' }),
  ...Array.from({ length: 9 }, (_, i) => run(`a-${i}`, { organizationId: 'org-a' })),
];

/** Holders of the RSE role and the units they belong to, by person id. */
function setup(opts: { orgs?: Organization[]; holders?: [string, string, string[], string?][] } = {}) {
  const calls: unknown[][] = [];
  const holders = opts.holders ?? [];
  const node = (id: string, name: string) => ({ id, name, labels: ['Person'] });
  const entities = {
    all: async (...a: unknown[]) => (
      calls.push(['all', ...a]),
      [node('u-exec', 'Executive'), node('u-board', 'Board')]
    ),
    relationships: async (id: string, ...a: unknown[]) => {
      calls.push(['relationships', id, ...a]);
      if (id === 'org-a')
        return holders.map(([pid, role, , name = pid]) => ({ role, node: node(pid, name) }));
      return (holders.find((h) => h[0] === id)?.[2] ?? []).map((u) => ({ node: node(u, u) }));
    },
  } as unknown as EntityQueryService;
  const runs = {
    list: async (...a: unknown[]) => (calls.push(['runs', ...a]), RUNS),
  } as unknown as ReportRunRepository;
  const g = graph();
  const facts = new ReportFactsService(
    {} as OrganizationRepository,
    {} as AnalyticsService,
    entities,
    {} as AttackGraphCache,
    {} as RiskService,
    {} as FindingsService,
  );
  facts.gather = async (...a) => {
    calls.push(['gather', ...a]);
    return { posture: POSTURE, asOf: '2026-03-01', g, risks: RISKS, links: [], findings: FINDINGS };
  };
  facts.organizationsIn = async (...a) => (calls.push(['organizationsIn', ...a]), opts.orgs ?? [ORG]);
  const config = { schedules: [{ entry: '0 6 * * 1 plan pdf' }] } as ReportsConfig;
  return { service: new SecurityPlanService(config, entities, runs, facts), calls };
}

describe('SecurityPlanService', () => {
  it('is written for exactly one organisation', async () => {
    const none = setup({ orgs: [] }).service.build({ now: NOW });
    await expect(none).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'There is no organisation to write a security plan for: import one first.',
    });
    const two = setup({ orgs: [ORG, { id: 'org-b', name: 'B' }] }).service.build({ now: NOW });
    await expect(two).rejects.toThrow(
      'A security plan is written for one organisation; name one of org-a, org-b',
    );
  });

  it('reads the facts of its organisation with five weakest links, and the recent runs', async () => {
    const { service, calls } = setup();
    const r = await service.build({ organizationId: 'org-a', asOf: '2026-03-01', now: NOW });
    expect(calls.slice(0, 3)).toEqual([
      ['organizationsIn', 'org-a'],
      ['gather', 'org-a', '2026-03-01', 5],
      ['runs', null, 100],
    ]);
    expect(calls[3]).toEqual(['all', 'ORG_UNIT', { organizationId: 'org-a', topManagement: true }]);
    expect(r).toMatchObject({
      report: 'plan',
      organization: { id: 'org-a', name: 'Acme' },
      parameters: { organizationId: 'org-a', asOf: '2026-03-01' },
    });
    expect(r.sections.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('takes as RSE the holder in top management, else the first by name', async () => {
    const inTop = await setup({
      holders: [
        ['p-zed', 'rse', ['u-board'], 'Zed'],
        ['p-amy', 'RSE', ['u-ops'], 'Amy'],
        ['p-cis', 'CISO', ['u-board']],
      ],
    }).service.build({ now: NOW });
    expect(inTop.context).toMatchObject({ rse: { id: 'p-zed', name: 'Zed' }, rseInTopManagement: true });
    expect(inTop.context.topManagement.map((u) => u.name)).toEqual(['Board', 'Executive']);
    const outside = await setup({
      holders: [
        ['p-zed', 'RSE', [], 'Zed'],
        ['p-amy', 'RSE', ['u-ops'], 'Amy'],
      ],
    }).service.build({ now: NOW });
    expect(outside.context).toMatchObject({ rse: { id: 'p-amy', name: 'Amy' }, rseInTopManagement: false });
    const nobody = await setup({ holders: [['p-cis', 'CISO', ['u-board']]] }).service.build({ now: NOW });
    expect(nobody.context).toMatchObject({ rse: null, rseInTopManagement: null });
  });

  it("describes the organisation's holdings: assets by kind (critical by its threshold), people, providers", async () => {
    const { context } = await setup().service.build({ now: NOW });
    expect(context.assetsByKind).toEqual([
      { kind: 'Person', assets: 2, critical: 0 },
      { kind: 'System', assets: 2, critical: 1 },
      { kind: 'Facility', assets: 1, critical: 1 },
      { kind: 'Information', assets: 1, critical: 1 },
    ]);
    expect(context).toMatchObject({ people: 2, serviceProviders: 1 });
  });

  it('ranks its own threats by capability and intent, then name, counting the assets at risk', async () => {
    const { risks } = await setup().service.build({ now: NOW });
    expect(risks.threats.map((t) => [t.threat.name, t.kind, t.assetsAtRisk])).toEqual([
      ['Mid', 'state', 1],
      ['Alpha', null, 0],
      ['Zulu', null, 2],
    ]);
    expect(risks.commonModeFailures).toEqual([
      { id: 'c-det', name: 'c-det', kind: 'Control' },
      { id: 'sys-1', name: 'sys-1', kind: 'System' },
      { id: 'ghost', name: 'ghost', kind: 'Entity' },
    ]);
    expect(risks.missingDomains.find((m) => m.domain === 'cyber')).toEqual({
      domain: 'cyber',
      criticalAssets: 1,
    });
  });

  it('separates accepted risks from those above tolerance without a treatment', async () => {
    const { acceptance } = await setup().service.build({ now: NOW });
    expect(acceptance.tolerance).toBeNull();
    expect(acceptance.accepted.map((r) => [r.threat.id, r.asset.id])).toEqual([['thr-a', 'sys-2']]);
    expect(acceptance.untreatedAboveTolerance.map((r) => [r.threat.id, r.asset.id])).toEqual([
      ['thr-a', 'sys-1'],
    ]);
  });

  it('counts controls by function in force, people findings, and copies the response force', async () => {
    const { controls, culture, response } = await setup().service.build({ now: NOW });
    expect(controls.planned).toEqual([{ id: 'c-plan', name: 'Plan', kind: 'Control', domains: ['cyber'] }]);
    expect(response).toEqual({
      detectControls: 1,
      respondControls: 1,
      recoverControls: 1,
      responseForce: RF,
    });
    expect(response.responseForce).not.toBe(RF);
    expect(culture).toEqual({
      people: 2,
      personnelControlsInForce: 1,
      vettingOverdue: 2,
      separatedWithAccess: 1,
      accessWithoutJustification: 0,
    });
  });

  it('dates the next review by the interval and lists its recent reports, never another organisation alone', async () => {
    const { status } = await setup().service.build({ now: NOW });
    expect(status).toMatchObject({
      state: 'draft',
      reviewIntervalDays: 90,
      nextReviewDue: '2026-05-30',
      schedules: ['0 6 * * 1 plan pdf'],
    });
    expect(status.recentReports).toHaveLength(10);
    expect(status.recentReports.map((r) => r.sha256).slice(0, 4)).toEqual([
      'sha-all',
      'sha-null',
      'sha-mine-limited',
      'sha-a-0',
    ]);
    // A limited reader: runs over every organisation are not for it, those over its own are.
    const limited = await runScoped(OrganizationScope.of(['org-a']), () =>
      setup().service.build({ now: NOW }),
    );
    expect(limited.status.recentReports.map((r) => r.sha256).slice(0, 2)).toEqual([
      'sha-mine-limited',
      'sha-a-0',
    ]);
  });
});
