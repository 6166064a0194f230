import { AttackGraph } from '@rampart/analytics';
import { Organization } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { REPORT_SCHEMA_VERSION } from '@rampart/reports';
import {
  AnalyticsService,
  AttackGraphCache,
  EntityQueryService,
  FindingsService,
  RiskService,
} from '@rampart/analysis';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { Findings, Posture, ReportFactsService } from './report-facts.service';
import { UncoveredReportService } from './uncovered-report.service';

const NOW = new Date('2026-03-02T08:30:00.000Z');

// The steps match DEPTH below: thr-1 reaches sys-a only, thr-2 sys-a and sys-b, nobody sys-c or sys-d.
const GRAPH = new AttackGraph(
  tinyData({
    nodes: { 'sys-a': {}, 'sys-b': {}, 'sys-c': {}, 'sys-d': {}, 'sys-door': {}, 'sys-vpn': {} },
    steps: [
      ['sys-door', 'sys-a', 'network'],
      ['sys-vpn', 'sys-a', 'network'],
      ['sys-vpn', 'sys-b', 'network'],
      ['sys-c', 'sys-d', 'network'],
    ],
    controls: [{ id: 'c-1', name: 'Firewall', effectiveness: 0.5, protects: ['sys-a'] }],
    threats: [
      { id: 'thr-1', name: 'Burglar', startsAt: ['sys-door'] },
      { id: 'thr-2', name: 'Hacker', startsAt: ['sys-vpn'] },
    ],
  }),
);

const view = (id: string, criticality: number) => ({
  id,
  name: `${id} name`,
  label: 'System',
  labels: ['System', 'Asset'],
  restricted: false,
  criticality,
});
const coverage = (id: string, criticality: number, score: number, required: string[], covered: string[]) => ({
  assetId: id,
  score,
  asset: view(id, criticality),
  requiredDomains: required,
  coveredDomains: covered,
  missingDomains: required.filter((d) => !covered.includes(d)),
});
const uncovered = (
  id: string,
  criticality: number,
  reasons: number,
  why = { failedControls: [] as string[], untestedControls: [] as string[] },
) => ({
  asset: view(id, criticality),
  reasons: Array.from({ length: reasons }, (_, i) => `reason ${i + 1}`),
  why,
  coverage: coverage(id, criticality, 0.5, ['governance', 'cyber'], ['cyber']),
});

// sys-c before sys-d, sys-b after both: the order is the report's, not posture's.
const POSTURE = {
  asOf: '2026-03-01',
  findingsBySeverity: [],
  uncovered: [
    uncovered('sys-c', 3, 1),
    uncovered('sys-d', 3, 3),
    uncovered('sys-b', 5, 1),
    uncovered('sys-a', 3, 2, { failedControls: ['c-1'], untestedControls: ['c-gone'] }),
  ],
  criticalCoverage: [
    coverage('sys-low', 2, 0.1, ['governance', 'physical'], []),
    coverage('sys-top', 5, 0.5, ['governance', 'cyber', 'physical'], ['cyber']),
  ],
} as unknown as Posture;

const FINDINGS = [
  {
    ruleId: 'GOV-1',
    title: 'No owner',
    severity: 'high',
    clause: '6.1',
    message: 'owner missing',
    nodes: [{ id: 'sys-a' }, { id: 'sys-b' }],
  },
] as unknown as Findings;

/** Depth and paths per (threat, asset): sys-a exposed to thr-1, reached by thr-2; sys-b by thr-2. */
const DEPTH: Record<string, { depth: number; p: number; single?: string } | undefined> = {
  'thr-1/sys-a': { depth: 0, p: 0.3 },
  'thr-2/sys-a': { depth: 2, p: 0.6, single: 'c-1' },
  'thr-2/sys-b': { depth: 1, p: 0.2 },
};

function setup(orgs: Organization[] = [{ id: 'org-a', name: 'Acme' }]) {
  const calls: unknown[][] = [];
  const analytics = {
    securityDepth: async (t: string, a: string, ...rest: number[]) => {
      calls.push(['securityDepth', t, a, ...rest]);
      const d = DEPTH[`${t}/${a}`];
      return {
        reachable: Boolean(d),
        depth: d?.depth ?? null,
        cutSets: d?.single
          ? [
              { order: 1, commonMode: true, units: [{ id: d.single, name: 'Firewall', kind: 'CONTROL' }] },
              { order: 2, units: [] },
            ]
          : [],
        chokePoints: d ? [{ id: 'sys-gw', name: 'Gateway', label: 'System' }] : [],
      };
    },
    attackPaths: async (t: string, a: string, ...rest: number[]) => {
      calls.push(['attackPaths', t, a, ...rest]);
      return {
        paths: [{ probability: DEPTH[`${t}/${a}`]!.p, nodes: [{ name: 'Entry' }, { name: `${a} name` }] }],
      };
    },
  } as unknown as AnalyticsService;
  const entities = {
    relationshipsOf: async (...a: unknown[]) => {
      calls.push(['relationshipsOf', ...a]);
      return new Map([['sys-a', [{ node: { id: 'p-1', name: 'Pat', labels: ['Person', 'Asset'] } }]]]);
    },
  } as unknown as EntityQueryService;
  const cache = { get: async () => GRAPH } as unknown as AttackGraphCache;
  const facts = new ReportFactsService(
    {} as OrganizationRepository,
    analytics,
    entities,
    cache,
    {} as RiskService,
    {} as FindingsService,
  );
  facts.gather = async (...a) => {
    calls.push(['gather', ...a]);
    return { posture: POSTURE, asOf: '2026-03-01', g: GRAPH, risks: [], links: [], findings: FINDINGS };
  };
  facts.organizationsIn = async () => orgs;
  return { service: new UncoveredReportService(analytics, entities, facts), calls };
}

describe('UncoveredReportService', () => {
  it('orders the uncovered assets: exposed first, then most critical, then most reasons', async () => {
    const { service, calls } = setup();
    const r = await service.build({ organizationId: 'org-a', asOf: '2026-03-01', now: NOW });
    expect(r.uncovered.map((u) => u.asset.id)).toEqual(['sys-a', 'sys-b', 'sys-d', 'sys-c']);
    expect(calls[0]).toEqual(['gather', 'org-a', '2026-03-01', 10]);
    expect(r).toMatchObject({
      report: 'uncovered',
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: NOW.toISOString(),
      asOf: '2026-03-01',
      organization: { id: 'org-a', name: 'Acme' },
      parameters: { organizationId: 'org-a', asOf: '2026-03-01' },
    });
  });

  it('describes an uncovered asset: owner, coverage, named controls, findings on it and actions', async () => {
    const { service } = setup();
    const [a, b] = (await service.build({ now: NOW })).uncovered;
    expect(a).toMatchObject({
      asset: { id: 'sys-a', name: 'sys-a name', kind: 'System', criticality: 3, classification: null },
      owner: { id: 'p-1', name: 'Pat', kind: 'Person' },
      reasons: ['reason 1', 'reason 2'],
      requiredDomains: ['governance', 'cyber'],
      coveredDomains: ['cyber'],
      missingDomains: ['governance'],
      score: 0.5,
      failedControls: [{ id: 'c-1', name: 'Firewall', kind: 'Control' }],
      untestedControls: [{ id: 'c-gone', name: 'c-gone', kind: 'Control' }],
      findings: [{ ruleId: 'GOV-1', title: 'No owner', severity: 'high', message: 'owner missing' }],
    });
    expect(a.actions[0]).toBe(
      'Close the open way in for Burglar (no control stands in it): one control at Gateway would stand on every path.',
    );
    expect(b).toMatchObject({ owner: null, findings: [{ ruleId: 'GOV-1' }] });
    expect(b.actions).toContain('Appoint an owner (governance).');
  });

  it('lists the threats reaching each asset, most likely first, with their single points and choke points', async () => {
    const { service, calls } = setup();
    const [a, , c] = (await service.build({ now: NOW })).uncovered;
    expect(a.threats).toEqual([
      {
        threat: { id: 'thr-2', name: 'Hacker', kind: 'Threat' },
        depth: 2,
        probability: 0.6,
        path: ['Entry', 'sys-a name'],
        singlePointsOfFailure: [{ id: 'c-1', name: 'Firewall', kind: 'CONTROL', commonMode: true }],
        chokePoints: [{ id: 'sys-gw', name: 'Gateway', kind: 'System' }],
      },
      expect.objectContaining({
        threat: { id: 'thr-1', name: 'Burglar', kind: 'Threat' },
        depth: 0,
        probability: 0.3,
      }),
    ]);
    expect(c.threats).toEqual([]);
    // Only the threats whose sweep reaches the asset are searched: depth at order 1 within 8 hops,
    // then the most likely path; none for sys-c and sys-d, which no threat reaches.
    expect(calls.filter((x) => x[2] === 'sys-b')).toEqual([
      ['securityDepth', 'thr-2', 'sys-b', 1, 8],
      ['attackPaths', 'thr-2', 'sys-b', 1, 8],
    ]);
    expect(calls.filter((x) => x[2] === 'sys-c' || x[2] === 'sys-d')).toEqual([]);
    // Every owner in one call, not one per asset.
    expect(calls.filter((x) => x[0] === 'relationshipsOf')).toEqual([
      ['relationshipsOf', ['sys-c', 'sys-d', 'sys-b', 'sys-a'], ['OWNS'], 'IN', 1],
    ]);
  });

  it('draws the heatmap of every critical asset in coverage order', async () => {
    const { service } = setup();
    const r = await service.build({ now: NOW });
    expect(r.heatmap).toEqual([
      {
        asset: { id: 'sys-top', name: 'sys-top name', kind: 'System' },
        domains: {
          governance: 'missing',
          personnel: 'not-required',
          information: 'not-required',
          cyber: 'covered',
          physical: 'missing',
        },
      },
      {
        asset: { id: 'sys-low', name: 'sys-low name', kind: 'System' },
        domains: {
          governance: 'missing',
          personnel: 'not-required',
          information: 'not-required',
          cyber: 'not-required',
          physical: 'missing',
        },
      },
    ]);
  });

  it('names the organisation only when it covers exactly one', async () => {
    const two = setup([
      { id: 'org-a', name: 'Acme' },
      { id: 'org-b', name: 'Bravo' },
    ]);
    const r = await two.service.build({ now: NOW });
    expect(r.organization).toBeNull();
    expect(r.parameters).toEqual({ organizationId: null, asOf: '2026-03-01' });
  });
});
