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
import { PostureReportService } from './posture-report.service';
import { Findings, Posture, ReportFactsService, Risks } from './report-facts.service';

const NOW = new Date('2026-03-02T08:30:00.000Z');

/** Controls of two organisations; one retired. */
function graph(): AttackGraph {
  const data = tinyData({
    nodes: { 'sys-1': { criticality: 5 } },
    steps: [],
    controls: [
      { id: 'c-1', effectiveness: 0.5, protects: ['sys-1'], organizationId: 'org-a' },
      { id: 'c-2', effectiveness: 0.5, protects: ['sys-1'], organizationId: 'org-a', status: 'retired' },
      { id: 'c-3', effectiveness: 0.5, protects: ['sys-1'], organizationId: 'org-b', status: 'failed' },
    ],
  });
  return new AttackGraph(data);
}

const POSTURE = {
  asOf: '2026-03-01',
  assets: 12,
  criticalAssets: 4,
  uncoveredCriticalAssets: 2,
  exposedCriticalAssets: 1,
  singlePointsOfFailure: 3,
  commonModeFailures: 0,
  risksAboveTolerance: 1,
  findings: 2,
  findingsBySeverity: [{ key: 'high', count: 2 }],
  criticalCoverage: [],
} as unknown as Posture;

const risk = (assetId: string, level: string, aboveTolerance: boolean) => ({
  threatId: 'thr',
  assetId,
  threat: { id: 'thr', name: 'Thief' },
  asset: { id: assetId, name: assetId, label: 'System', labels: ['System', 'Asset'], restricted: false },
  inherentLikelihood: 4,
  residualLikelihood: 3,
  consequence: 5,
  pathProbability: 0.5,
  inherentLevel: 'extreme',
  level,
  aboveTolerance,
});
const RISKS = [risk('sys-1', 'medium', false), risk('sys-2', 'high', true)] as unknown as Risks;
const FINDINGS = [
  { ruleId: 'PER-1', severity: 'high', clause: '7.1', message: 'm', nodes: [] },
] as unknown as Findings;

/** Real fact helpers; the reads (gather, organisations, third parties) replaced and recorded. */
function setup(orgs: Organization[]) {
  const calls: unknown[][] = [];
  const g = graph();
  const facts = new ReportFactsService(
    {} as OrganizationRepository,
    {} as AnalyticsService,
    {} as EntityQueryService,
    {} as AttackGraphCache,
    {} as RiskService,
    {} as FindingsService,
  );
  facts.gather = async (...a) => {
    calls.push(['gather', ...a]);
    return { posture: POSTURE, asOf: POSTURE.asOf, g, risks: RISKS, links: [], findings: FINDINGS };
  };
  facts.organizationsIn = async (...a) => (calls.push(['organizationsIn', ...a]), orgs);
  facts.thirdParties = async (...a) => {
    calls.push(['thirdParties', ...a]);
    return [{ provider: { id: 'sp-1', name: 'SP', kind: 'ServiceProvider' } }] as Awaited<
      ReturnType<ReportFactsService['thirdParties']>
    >;
  };
  return { service: new PostureReportService(facts), calls, g };
}

describe('PostureReportService', () => {
  it('reads the facts for the organisation and date asked, with the ten weakest links', async () => {
    const orgs = [{ id: 'org-a', name: 'Acme' }];
    const { service, calls, g } = setup(orgs);
    await service.build({ organizationId: 'org-a', asOf: '2026-03-01', now: NOW });
    expect(calls).toEqual([
      ['gather', 'org-a', '2026-03-01', 10],
      ['organizationsIn', 'org-a'],
      ['thirdParties', g, orgs, FINDINGS],
    ]);
  });

  it('heads the report with its name, schema, times and parameters, naming the one organisation', async () => {
    const { service } = setup([{ id: 'org-a', name: 'Acme', riskTolerance: 'low' }]);
    const r = await service.build({ organizationId: 'org-a', now: NOW });
    expect(r).toMatchObject({
      report: 'posture',
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: '2026-03-02T08:30:00.000Z',
      asOf: '2026-03-01',
      organization: { id: 'org-a', name: 'Acme' },
      parameters: { organizationId: 'org-a', asOf: '2026-03-01' },
    });
    expect(r.summary).toEqual({
      assets: 12,
      criticalAssets: 4,
      uncoveredCriticalAssets: 2,
      exposedCriticalAssets: 1,
      singlePointsOfFailure: 3,
      commonModeFailures: 0,
      risksAboveTolerance: 1,
      findings: 2,
      findingsBySeverity: { high: 2, medium: 0, low: 0 },
      riskTolerance: 'low',
      risks: 2,
      controls: 1, // c-1: c-2 is retired, c-3 another organisation's
      thirdParties: 1,
    });
  });

  it('names the only organisation when none is asked for, and none across several', async () => {
    const one = await setup([{ id: 'org-a', name: 'Acme' }]).service.build({ now: NOW });
    expect(one.organization).toEqual({ id: 'org-a', name: 'Acme' });
    expect(one.parameters).toEqual({ organizationId: null, asOf: '2026-03-01' });
    const two = await setup([
      { id: 'org-a', name: 'Acme' },
      { id: 'org-b', name: 'Bravo' },
    ]).service.build({ now: NOW });
    expect(two.organization).toBeNull();
    // Over every organisation: both organisations' controls in use.
    expect(two.summary.controls).toBe(2);
  });

  it('gives one risk tolerance only when every organisation shares it (medium by default)', async () => {
    const tolerance = async (orgs: Organization[]) =>
      (await setup(orgs).service.build({ now: NOW })).summary.riskTolerance;
    expect(
      await tolerance([
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B', riskTolerance: 'medium' },
      ]),
    ).toBe('medium');
    expect(
      await tolerance([
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B', riskTolerance: 'high' },
      ]),
    ).toBeNull();
  });

  it('draws its sections from the facts', async () => {
    const { service } = setup([{ id: 'org-a', name: 'Acme' }]);
    const r = await service.build({ organizationId: 'org-a', now: NOW });
    // The organisation's own controls only: c-3 (org-b) failed, but is not this report's.
    expect(r.controlsNeedingAttention.map((c) => [c.control.id, c.issue])).toEqual([['c-1', 'untested']]);
    expect(r.significantFindings).toEqual([
      {
        ruleId: 'PER-1',
        title: undefined,
        severity: 'high',
        clause: '7.1',
        domain: 'personnel',
        count: 1,
        examples: ['m'],
      },
    ]);
    expect(r.riskMatrix).toHaveLength(25);
    expect(r.domains.map((d) => d.domain)).toEqual([
      'governance',
      'personnel',
      'information',
      'cyber',
      'physical',
    ]);
    expect(r.domains[3].controls).toMatchObject({ implemented: 1, retired: 1, failed: 0 });
    expect(r.thirdParties.map((t) => t.provider.id)).toEqual(['sp-1']);
    expect(r.topRisks.map((t) => t.asset.id)).toEqual(['sys-2', 'sys-1']);
    expect(r.riskByLevel.map((l) => `${l.level} ${l.inherent}/${l.residual}`)).toEqual([
      'low 0/0',
      'medium 0/1',
      'high 0/1',
      'extreme 2/0',
    ]);
  });
});
