import { Injectable } from '@nestjs/common';
import {
  AttackGraph,
  domainMaturity,
  domainOfClause,
  effectiveEffectiveness,
  isInForce,
  testedWithin,
} from '@rampart/analytics';
import {
  CONTROL_STATUSES,
  ControlData,
  DomainError,
  Organization,
  RISK_LEVELS,
  SECURITY_DOMAINS,
  SecurityDomain,
  riskLevel,
} from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { currentScope } from '@rampart/access';
import { primaryLabel } from '@rampart/output';
import {
  CONTROL_FUNCTION_KEYS,
  ControlAttention,
  DomainPosture,
  FindingGroup,
  NodeRef,
  RiskMatrixCount,
  RiskRow,
  ThirdPartyRow,
  UncoveredReport,
  WeakestLinkRow,
} from '@rampart/reports';
import { AnalyticsService } from '@rampart/analysis';
import { AttackGraphCache } from '@rampart/analysis';
import { FindingsService } from '@rampart/analysis';
import { RiskService } from '@rampart/analysis';
import { EntityQueryService } from '@rampart/analysis';

export type Posture = Awaited<ReturnType<RiskService['posture']>>;
export type Risks = Awaited<ReturnType<RiskService['risks']>>;
export type Links = Awaited<ReturnType<RiskService['weakestLinks']>>;
export type Findings = Awaited<ReturnType<FindingsService['list']>>;

/** Rows of lists a board reads: the rest is counted, not listed. */
export interface ReportFacts {
  posture: Posture;
  asOf: string;
  g: AttackGraph;
  risks: Risks;
  links: Links;
  findings: Findings;
}

export const LIST_LIMIT = { topRisks: 15, attention: 50, examples: 3 } as const;
const DEFAULT_REVIEW_DAYS = 365;
/** docs/spec/analytics.md §4 defaults for blast radius. */
const REACH = { maxHops: 6, threshold: 0.05 } as const;

export const ref = (n: {
  id: string;
  name: string;
  labels?: readonly string[];
  label?: string;
}): NodeRef => ({
  id: n.id,
  name: n.name,
  kind: n.label ?? primaryLabel(n.labels ?? []),
});

/**
 * The pieces the reports share, computed from the API's own services and the attack graph the
 * analytics use: risk rows and matrices, control effectiveness and maturity per domain, findings
 * by rule, third parties.
 */
@Injectable()
export class ReportFactsService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly analytics: AnalyticsService,
    private readonly entities: EntityQueryService,
    private readonly cache: AttackGraphCache,
    private readonly risk: RiskService,
    private readonly findings: FindingsService,
  ) {}

  /**
   * What every report starts from, read together: the posture as of a date (today by default),
   * the attack graph, the risks, the `weakest` weakest links and the findings, for one
   * organisation or all.
   */
  async gather(
    organizationId: string | undefined,
    asOf: string | undefined,
    weakest: number,
  ): Promise<ReportFacts> {
    const posture = await this.risk.posture(organizationId, asOf);
    const [g, risks, links, findings] = await Promise.all([
      this.cache.get(),
      this.risk.risks(organizationId),
      this.risk.weakestLinks(weakest, organizationId),
      this.findings.list({ organizationId, asOf: posture.asOf }),
    ]);
    return { posture, asOf: posture.asOf, g, risks, links, findings };
  }

  /** The organisations a report covers (one, or all the reader may see); an unknown id is NOT_FOUND. */
  async organizationsIn(organizationId?: string): Promise<Organization[]> {
    const scope = currentScope();
    const all = (await this.organizations.list()).filter((o) => scope.sees(o.id));
    const orgs = organizationId ? all.filter((o) => o.id === organizationId) : all;
    if (organizationId && !orgs.length) {
      throw new DomainError('NOT_FOUND', `No organisation has the id ${organizationId}.`);
    }
    return orgs;
  }

  summary(posture: Posture): UncoveredReport['summary'] {
    const bySeverity = new Map(posture.findingsBySeverity.map((s) => [s.key, s.count]));
    return {
      assets: posture.assets,
      criticalAssets: posture.criticalAssets,
      uncoveredCriticalAssets: posture.uncoveredCriticalAssets,
      exposedCriticalAssets: posture.exposedCriticalAssets,
      singlePointsOfFailure: posture.singlePointsOfFailure,
      commonModeFailures: posture.commonModeFailures,
      risksAboveTolerance: posture.risksAboveTolerance,
      findings: posture.findings,
      findingsBySeverity: {
        high: bySeverity.get('high') ?? 0,
        medium: bySeverity.get('medium') ?? 0,
        low: bySeverity.get('low') ?? 0,
      },
    };
  }

  riskRow(r: Risks[number]): RiskRow {
    return {
      threat: { id: r.threat.id, name: r.threat.name, kind: 'Threat' },
      asset: { ...ref(r.asset), criticality: r.asset.criticality ?? 1 },
      inherentLikelihood: r.inherentLikelihood,
      residualLikelihood: r.residualLikelihood,
      consequence: r.consequence,
      pathProbability: r.pathProbability,
      inherentLevel: r.inherentLevel,
      level: r.level,
      aboveTolerance: r.aboveTolerance,
      treatment: r.treatment ?? null,
    };
  }

  /** The highest residual risks, above tolerance first (risks() is already by residual L x C). */
  topRisks(risks: Risks): RiskRow[] {
    return [...risks.filter((r) => r.aboveTolerance), ...risks.filter((r) => !r.aboveTolerance)]
      .slice(0, LIST_LIMIT.topRisks)
      .map((r) => this.riskRow(r));
  }

  /** Pairs per cell of the 5x5 matrix, likelihood 5 (top row) to 1, by residual or inherent likelihood. */
  riskMatrix(risks: Risks, which: 'residual' | 'inherent' = 'residual'): RiskMatrixCount[] {
    const counts = new Map<string, number>();
    for (const r of risks) {
      const l = which === 'residual' ? r.residualLikelihood : r.inherentLikelihood;
      counts.set(`${l}:${r.consequence}`, (counts.get(`${l}:${r.consequence}`) ?? 0) + 1);
    }
    return [5, 4, 3, 2, 1].flatMap((likelihood) =>
      [1, 2, 3, 4, 5].map((consequence) => ({
        likelihood,
        consequence,
        count: counts.get(`${likelihood}:${consequence}`) ?? 0,
        level: riskLevel(likelihood, consequence),
      })),
    );
  }

  riskByLevel(risks: Risks) {
    return RISK_LEVELS.map((level) => ({
      level,
      inherent: risks.filter((r) => r.inherentLevel === level).length,
      residual: risks.filter((r) => r.level === level).length,
    }));
  }

  weakestLinkRows(links: Links): WeakestLinkRow[] {
    return links.map((l) => ({
      control: {
        id: l.control.id,
        name: l.control.name,
        kind: 'Control',
        domains: l.control.domains,
        status: l.control.status ?? 'unknown',
        effectiveness: l.control.effectiveness ?? 0,
      },
      riskIncrease: l.riskIncrease,
      singlePointOfFailureFor: l.singlePointOfFailureFor.length,
    }));
  }

  /** The organisation's controls (all organisations' without an id). */
  controlsOf(g: AttackGraph, organizationId?: string): ControlData[] {
    return [...g.controls.values()]
      .filter((c) => !organizationId || c.organizationId === organizationId)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Control effectiveness, coverage and maturity per domain (docs/metrics.md, Maturity). */
  domainPostures(
    controls: ControlData[],
    orgs: Organization[],
    posture: Posture,
    findings: Findings,
  ): DomainPosture[] {
    const tested = this.testedFn(orgs, posture.asOf);
    return SECURITY_DOMAINS.map((domain) => {
      const mine = controls.filter((c) => c.domains.includes(domain));
      const inForce = mine.filter(isInForce);
      const byStatus = Object.fromEntries(
        CONTROL_STATUSES.map((s) => [s, mine.filter((c) => c.status === s).length]),
      ) as DomainPosture['controls'];
      const required = posture.criticalCoverage.filter((c) => c.requiredDomains.includes(domain));
      const severity = (s: string) =>
        findings.filter((f) => f.severity === s && domainOfClause(f.clause) === domain).length;
      const found = { high: severity('high'), medium: severity('medium'), low: severity('low') };
      const testedCount = inForce.filter(tested).length;
      const criticalCovered = required.filter((c) => c.coveredDomains.includes(domain)).length;
      return {
        domain,
        controls: byStatus,
        inForce: inForce.length,
        meanEffectiveness: inForce.length
          ? inForce.reduce((s, c) => s + effectiveEffectiveness(c), 0) / inForce.length
          : null,
        tested: testedCount,
        functions: Object.fromEntries(
          CONTROL_FUNCTION_KEYS.map((f) => [f, inForce.filter((c) => c.functions.includes(f)).length]),
        ) as DomainPosture['functions'],
        criticalRequired: required.length,
        criticalCovered,
        findings: found,
        maturity: domainMaturity({
          criticalRequired: required.length,
          criticalCovered,
          controls: mine.length - byStatus.retired,
          inForce: inForce.length,
          tested: testedCount,
          highFindings: found.high,
          findings: found.high + found.medium + found.low,
        }),
      };
    });
  }

  /** Failed, then degraded, then untested controls in force; the ones protecting most first. */
  controlsNeedingAttention(controls: ControlData[], orgs: Organization[], asOf: string): ControlAttention[] {
    const tested = this.testedFn(orgs, asOf);
    const issueOf = (c: ControlData): ControlAttention['issue'] | null =>
      c.status === 'failed'
        ? 'failed'
        : c.status === 'degraded'
          ? 'degraded'
          : c.status === 'implemented' && !tested(c)
            ? 'untested'
            : null;
    const rank = { failed: 0, degraded: 1, untested: 2 };
    return controls
      .flatMap((c) => {
        const issue = issueOf(c);
        return issue
          ? [
              {
                control: {
                  id: c.id,
                  name: c.name,
                  kind: 'Control',
                  domains: c.domains,
                  status: c.status,
                  effectiveness: c.effectiveness,
                  lastTestedAt: c.lastTestedAt ?? null,
                },
                issue,
                protects: c.protects.length,
              },
            ]
          : [];
      })
      .sort(
        (a, b) =>
          rank[a.issue] - rank[b.issue] ||
          b.protects - a.protects ||
          a.control.name.localeCompare(b.control.name),
      )
      .slice(0, LIST_LIMIT.attention);
  }

  /** Every rule that fired, high severity first (findings arrive sorted so). */
  findingGroups(findings: Findings): FindingGroup[] {
    const groups = new Map<string, FindingGroup>();
    for (const f of findings) {
      const g = groups.get(f.ruleId) ?? {
        ruleId: f.ruleId,
        title: f.title,
        severity: f.severity,
        clause: f.clause,
        domain: domainOfClause(f.clause),
        count: 0,
        examples: [],
      };
      g.count += 1;
      if (g.examples.length < LIST_LIMIT.examples) g.examples.push(f.message);
      groups.set(f.ruleId, g);
    }
    return [...groups.values()];
  }

  /** Each service provider: contract clauses, its people, and what they can reach (6.2.2.9). */
  async thirdParties(g: AttackGraph, orgs: Organization[], findings: Findings): Promise<ThirdPartyRow[]> {
    const inScope = new Map(orgs.map((o) => [o.id, o]));
    const providers = [...g.nodes.values()].filter(
      (n) => n.labels.includes('ServiceProvider') && inScope.has(n.organizationId ?? ''),
    );
    const clauses = new Map<string, unknown>();
    for (const o of orgs) {
      for (const e of await this.entities.all('SERVICE_PROVIDER', { organizationId: o.id })) {
        clauses.set(e.id, e.contractHasSecurityClauses);
      }
    }
    const rows: ThirdPartyRow[] = [];
    for (const p of providers) {
      const threshold = inScope.get(p.organizationId ?? '')?.criticalThreshold ?? 4;
      const structural = await this.analytics.blastRadius([p.id], 'STRUCTURAL', REACH.maxHops, 0);
      const probable = await this.analytics.blastRadius([p.id], 'PROBABLE', REACH.maxHops, REACH.threshold);
      const clause = clauses.get(p.id);
      rows.push({
        provider: ref(p),
        securityClauses: typeof clause === 'boolean' ? clause : null,
        people: g.stepsFrom(p.id).filter((s) => s.vector === 'supply-chain').length,
        criticalAssetsReachable: structural.nodes.filter(
          (n) => n.labels.includes('Asset') && (n.criticality ?? 1) >= threshold,
        ).length,
        impactScore: probable.impactScore,
        findings: findings.filter((f) => f.ruleId === 'PER-5' && f.nodes.some((n) => n.id === p.id)).length,
      });
    }
    return rows.sort(
      (a, b) =>
        b.criticalAssetsReachable - a.criticalAssetsReachable ||
        b.impactScore - a.impactScore ||
        a.provider.name.localeCompare(b.provider.name),
    );
  }

  /** Controls in force not tested within their organisation's review interval. */
  untested(controls: ControlData[], orgs: Organization[], asOf: string): ControlData[] {
    const tested = this.testedFn(orgs, asOf);
    return controls.filter((c) => isInForce(c) && !tested(c));
  }

  private testedFn(orgs: Organization[], asOf: string) {
    const interval = new Map(orgs.map((o) => [o.id, o.reviewIntervalDays ?? DEFAULT_REVIEW_DAYS]));
    return (c: ControlData) =>
      testedWithin(c.lastTestedAt, asOf, interval.get(c.organizationId ?? '') ?? DEFAULT_REVIEW_DAYS);
  }
}

/** Critical assets missing each domain (posture's coverage of the critical assets). */
export function missingByDomain(posture: Posture): { domain: SecurityDomain; criticalAssets: number }[] {
  return SECURITY_DOMAINS.map((domain) => ({
    domain,
    criticalAssets: posture.criticalCoverage.filter((c) => c.missingDomains.includes(domain)).length,
  }));
}
