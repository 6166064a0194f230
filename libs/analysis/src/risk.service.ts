import { Injectable } from '@nestjs/common';
import {
  AttackGraph,
  WeakestLink,
  asOfDate,
  assessRisk,
  UncoveredReasons,
  assetThreats,
  describeReasons,
  riskPairs,
  sweepThreat,
  uncoveredReasons,
  weakestLinks,
} from '@rampart/analytics';
import { DomainError, Organization, RiskLevel } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { currentScope } from '@rampart/access';
import { AttackGraphCache } from './attack-graph-cache.service';
import { CoverageService } from './coverage.service';
import { FindingsService } from './findings.service';

/** Risk (docs/spec/analytics.md §6), weakest links and the organisation's posture. */
@Injectable()
export class RiskService {
  /** By the graph's analysis key: a rename keeps the ranking (names are read at answer time). */
  private readonly links = new WeakMap<object, Map<string, WeakestLink[]>>();

  constructor(
    private readonly cache: AttackGraphCache,
    private readonly organizations: OrganizationRepository,
    private readonly coverage: CoverageService,
    private readonly findings: FindingsService,
    private readonly out: OutputMapper,
  ) {}

  async risks(organizationId?: string) {
    const [g, orgs] = await Promise.all([this.cache.get(), this.orgs(organizationId)]);
    return riskPairs(g)
      .map((p) => {
        const orgId = g.nodes.get(p.assetId)?.organizationId ?? '';
        return assessRisk(g, p, (orgs.get(orgId)?.riskTolerance ?? 'medium') as RiskLevel);
      })
      .filter(
        (r): r is NonNullable<typeof r> =>
          Boolean(r) && (!organizationId || r?.organizationId === organizationId),
      )
      .map((r) => ({
        ...r,
        threat: { id: r.threatId, name: g.threats.get(r.threatId)?.name ?? r.threatId },
        asset: this.out.node(g.nodes.get(r.assetId)!),
      }))
      .sort(
        (a, b) =>
          b.residualLikelihood * b.consequence - a.residualLikelihood * a.consequence ||
          a.assetId.localeCompare(b.assetId),
      );
  }

  async weakestLinks(limit: number, organizationId?: string) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new DomainError('VALIDATION_FAILED', `limit must be a whole number from 1 to 500; got ${limit}.`);
    }
    const [g, orgs] = await Promise.all([this.cache.get(), this.orgs(organizationId)]);
    const critical = (id: string) => {
      const n = g.nodes.get(id);
      const org = orgs.get(n?.organizationId ?? '');
      return Boolean(
        n &&
        org &&
        (!organizationId || org.id === organizationId) &&
        n.labels.includes('Asset') &&
        (n.criticality ?? 1) >= (org.criticalThreshold ?? 4),
      );
    };
    return this.rankedLinks(g, organizationId ?? '', () => weakestLinks(g, critical))
      .slice(0, limit)
      .map((l) => {
        const c = g.controls.get(l.controlId);
        return {
          ...l,
          control: {
            id: l.controlId,
            name: c?.name ?? l.controlId,
            domains: c?.domains ?? [],
            status: c?.status,
            effectiveness: c?.effectiveness,
          },
          singlePointOfFailureFor: l.singlePointOfFailureFor.map((id) => this.out.node(g.nodes.get(id)!)),
        };
      });
  }

  async posture(organizationId?: string, asOf?: string) {
    const day = asOfDate(asOf);
    // The findings rules run in Neo4j while coverage and sweeps compute here: side by side.
    const findingsCounted = this.findings.countBySeverity({ organizationId, asOf: day });
    findingsCounted.catch(() => undefined); // awaited below; not unhandled if coverage fails first
    const [g, orgs] = await Promise.all([this.cache.get(), this.orgs(organizationId)]);
    const assets = [...g.nodes.values()].filter(
      (n) => n.labels.includes('Asset') && (!organizationId || n.organizationId === organizationId),
    );
    const critical = assets.filter(
      (n) => (n.criticality ?? 1) >= (orgs.get(n.organizationId ?? '')?.criticalThreshold ?? 4),
    );
    const coverage = await this.coverage.withData(
      critical.map((n) => n.id),
      day,
    );
    const spof = new Set<string>();
    const commonMode = new Set<string>();
    const uncovered: {
      asset: ReturnType<OutputMapper['node']>;
      reasons: string[];
      why: UncoveredReasons;
      coverage: (typeof coverage)[number]['coverage'];
    }[] = [];
    let exposed = 0;
    // One sweep per threat answers depth <= 1 and single points for every asset at once.
    const sweeps = [...g.threats.values()].map((t) => sweepThreat(g, t));
    for (const { coverage: cov, data } of coverage) {
      const t = assetThreats(g, sweeps, data.id);
      if (t.exposedTo.length) exposed += 1;
      for (const s of t.singlePoints) {
        spof.add(s.id);
        if (s.commonMode) commonMode.add(s.id);
      }
      const interval = orgs.get(data.organizationId ?? '')?.reviewIntervalDays ?? 365;
      const why = uncoveredReasons(cov, data, t, day, interval);
      const reasons = describeReasons(why, (id) => g.controls.get(id)?.name ?? id);
      if (reasons.length) uncovered.push({ asset: cov.asset, reasons, why, coverage: cov });
    }
    const findings = await findingsCounted;
    const bySeverity = ['high', 'medium', 'low'].map((key) => ({ key, count: findings.get(key) ?? 0 }));
    const risks = await this.risks(organizationId);
    return {
      organizationId,
      asOf: day,
      assets: assets.length,
      criticalAssets: critical.length,
      uncoveredCriticalAssets: uncovered.length,
      exposedCriticalAssets: exposed,
      singlePointsOfFailure: spof.size,
      commonModeFailures: commonMode.size,
      risksAboveTolerance: risks.filter((r) => r.aboveTolerance).length,
      findings: [...findings.values()].reduce((n, c) => n + c, 0),
      findingsBySeverity: bySeverity,
      uncovered,
      commonModeUnits: [...commonMode].sort(),
      /** Coverage of every critical asset (reports draw it; not a GraphQL field). */
      criticalCoverage: coverage.map((c) => c.coverage),
    };
  }

  /**
   * The whole ranking is one search per (pair, barrier): seconds on a 100k-person organisation.
   * It depends only on the graph (organisations' thresholds included), so it is kept per graph
   * version and organisation, and any limit is a slice of it.
   */
  private rankedLinks(g: AttackGraph, key: string, compute: () => WeakestLink[]): WeakestLink[] {
    let byOrg = this.links.get(g.analysisKey);
    if (!byOrg) this.links.set(g.analysisKey, (byOrg = new Map()));
    let ranked = byOrg.get(key);
    if (!ranked) byOrg.set(key, (ranked = compute()));
    return ranked;
  }

  private async orgs(organizationId?: string): Promise<Map<string, Organization>> {
    const list = await this.organizations.list();
    // An organisation out of the reader's view answers as one that does not exist (issue 18).
    if (
      organizationId &&
      !(list.some((o) => o.id === organizationId) && currentScope().sees(organizationId))
    ) {
      throw new DomainError('NOT_FOUND', `No organisation has the id ${organizationId}.`);
    }
    return new Map(list.map((o) => [o.id, o]));
  }
}
