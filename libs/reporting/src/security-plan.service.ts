import { Inject, Injectable } from '@nestjs/common';
import { AttackGraph, isInForce } from '@rampart/analytics';
import { ReportsConfig } from '@rampart/config';
import { AttackNode, ControlData, DomainError, Organization, ReportRun } from '@rampart/domain';
import { ReportRunRepository } from '@rampart/graph';
import { primaryLabel } from '@rampart/output';
import {
  DomainPosture,
  NodeRef,
  REPORT_SCHEMA_VERSION,
  SecurityPlanReport,
  planPriorities,
  planSections,
} from '@rampart/reports';
import { EntityQueryService } from '@rampart/analysis';
import { REPORTS_CONFIG } from './reports-config';
import { coversOnlyVisible } from './report-visibility';
import {
  Findings,
  ReportFacts,
  ReportFactsService,
  Risks,
  missingByDomain,
  ref,
} from './report-facts.service';
import { ReportOptions } from './uncovered-report.service';

const RECENT_REPORTS = 10;
const DAY_MS = 86_400_000;

type Plan = SecurityPlanReport;
type MissingDomains = Plan['risks']['missingDomains'];

/**
 * The draft security plan (ISO 22342; ISO 22340 6.2.2.5 a-g) of one organisation: every section
 * filled from the graph where it can be, with what a person must write (planSections).
 */
@Injectable()
export class SecurityPlanService {
  constructor(
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
    private readonly entities: EntityQueryService,
    private readonly runs: ReportRunRepository,
    private readonly facts: ReportFactsService,
  ) {}

  async build(opts: ReportOptions): Promise<SecurityPlanReport> {
    const org = await this.organization(opts.organizationId);
    const [facts, recent] = await Promise.all([
      this.facts.gather(org.id, opts.asOf, 5),
      this.runs.list(null, RECENT_REPORTS * 10),
    ]);
    const { posture, asOf, g, risks, findings } = facts;
    const controls = this.facts.controlsOf(g, org.id);
    const domains = this.facts.domainPostures(controls, [org], posture, findings);
    const mine = [...g.nodes.values()].filter((n) => n.organizationId === org.id);
    const context = await this.context(org, mine);
    const rows = risks.map((r) => this.facts.riskRow(r));
    const untreated = rows.filter((r) => r.aboveTolerance && !r.treatment);
    const missing = missingByDomain(posture);
    const body: Omit<SecurityPlanReport, 'sections'> = {
      report: 'plan',
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: opts.now.toISOString(),
      asOf,
      organization: { id: org.id, name: org.name },
      parameters: { organizationId: org.id, asOf },
      context,
      risks: this.riskSection(org, facts, missing),
      acceptance: {
        tolerance: org.riskTolerance ?? null,
        accepted: rows.filter((r) => r.treatment === 'accept'),
        untreatedAboveTolerance: untreated,
      },
      controls: this.controlSection(org, facts, controls, domains, untreated.length, missing),
      culture: cultureSection(mine, domains, findings),
      response: responseSection(org, controls),
      status: this.statusSection(org, asOf, recent),
    };
    return { ...body, sections: planSections(body) };
  }

  /** a) Who is accountable, and what the organisation holds. */
  private async context(org: Organization, mine: AttackNode[]): Promise<Plan['context']> {
    const { rse, rseInTopManagement, topManagement } = await this.accountability(org.id);
    return {
      rse,
      rseInTopManagement,
      topManagement,
      assetsByKind: assetsByKind(mine, org.criticalThreshold ?? 4),
      people: mine.filter((n) => n.labels.includes('Person')).length,
      serviceProviders: mine.filter((n) => n.labels.includes('ServiceProvider')).length,
    };
  }

  /** b) Risks and vulnerabilities and their impact on assets. */
  private riskSection(org: Organization, facts: ReportFacts, missing: MissingDomains): Plan['risks'] {
    const { posture, g, risks } = facts;
    return {
      criticalAssets: posture.criticalAssets,
      uncoveredCriticalAssets: posture.uncoveredCriticalAssets,
      exposedCriticalAssets: posture.exposedCriticalAssets,
      top: this.facts.topRisks(risks),
      threats: threatRows(g, org.id, risks),
      missingDomains: missing,
      commonModeFailures: posture.commonModeUnits.map((id) => {
        const c = g.controls.get(id);
        return c
          ? { id, name: c.name, kind: 'Control' }
          : ref(g.nodes.get(id) ?? { id, name: id, labels: [] });
      }),
    };
  }

  /** d) Strategies and controls, with the priorities the graph suggests. */
  private controlSection(
    org: Organization,
    facts: ReportFacts,
    controls: ControlData[],
    domains: DomainPosture[],
    untreatedAboveTolerance: number,
    missing: MissingDomains,
  ): Plan['controls'] {
    const planned = controls.filter((c) => c.status === 'planned');
    return {
      domains,
      planned: planned.map((c) => ({ id: c.id, name: c.name, kind: 'Control', domains: c.domains })),
      priorities: planPriorities({
        exposedCriticalAssets: facts.posture.exposedCriticalAssets,
        untreatedAboveTolerance,
        missingDomains: missing,
        weakestLinks: this.facts.weakestLinkRows(facts.links),
        failedControls: controls.filter((c) => c.status === 'failed').length,
        untestedControls: this.facts.untested(controls, [org], facts.asOf).length,
        plannedControls: planned.length,
      }),
    };
  }

  /** g) The plan's status: when it is next reviewed, and the reports run lately. */
  private statusSection(org: Organization, asOf: string, recent: ReportRun[]): Plan['status'] {
    const interval = org.reviewIntervalDays ?? 365;
    return {
      state: 'draft',
      reviewIntervalDays: interval,
      nextReviewDue: new Date(Date.parse(asOf) + interval * DAY_MS).toISOString().slice(0, 10),
      schedules: this.config.schedules.map((s) => s.entry),
      // This organisation's runs and those over every organisation; never another's alone.
      recentReports: recent
        .filter(
          (r) =>
            [org.id, null, undefined].includes(r.parameters.organizationId as string) && coversOnlyVisible(r),
        )
        .slice(0, RECENT_REPORTS)
        .map((r) => ({
          report: r.report,
          format: r.format,
          generatedAt: r.generatedAt,
          sha256: r.sha256,
        })),
    };
  }

  /** The plan is one organisation's: the one named, or the only one. */
  private async organization(organizationId?: string): Promise<Organization> {
    const orgs = await this.facts.organizationsIn(organizationId);
    if (orgs.length === 1) return orgs[0];
    throw new DomainError(
      'VALIDATION_FAILED',
      orgs.length
        ? `A security plan is written for one organisation; name one of ${orgs.map((o) => o.id).join(', ')} (organizationId, --org).`
        : 'There is no organisation to write a security plan for: import one first.',
    );
  }

  /**
   * The RSE (HOLDS_ROLE RSE on the organisation) and whether they sit in top management. With
   * several holders (GOV-3 flags the extra ones) the one in top management is the RSE.
   */
  private async accountability(orgId: string) {
    const top = await this.entities.all('ORG_UNIT', {
      organizationId: orgId,
      topManagement: true,
    });
    const topManagement = top.map(ref).sort((a, b) => a.name.localeCompare(b.name));
    const ids = new Set(topManagement.map((u) => u.id));
    const roles = await this.entities.relationships(orgId, ['HOLDS_ROLE'], 'IN', 100);
    const holders = roles
      .filter((r) => (r.role ?? '').toUpperCase() === 'RSE')
      .map((r) => r.node)
      .sort((a, b) => a.name.localeCompare(b.name));
    let first: NodeRef | null = null;
    for (const h of holders) {
      const units = await this.entities.relationships(h.id, ['MEMBER_OF'], 'OUT', 100);
      const inTop = units.some((u) => ids.has(u.node.id));
      if (inTop) return { rse: ref(h), rseInTopManagement: true, topManagement };
      first ??= ref(h);
    }
    return { rse: first, rseInTopManagement: first ? false : null, topManagement };
  }
}

/** Assets by kind (primary label), most numerous first, with how many are critical. */
function assetsByKind(mine: AttackNode[], threshold: number): Plan['context']['assetsByKind'] {
  const kinds = new Map<string, { kind: string; assets: number; critical: number }>();
  for (const n of mine.filter((x) => x.labels.includes('Asset'))) {
    const kind = primaryLabel(n.labels);
    const k = kinds.get(kind) ?? { kind, assets: 0, critical: 0 };
    k.assets += 1;
    if ((n.criticality ?? 1) >= threshold) k.critical += 1;
    kinds.set(kind, k);
  }
  return [...kinds.values()].sort((a, b) => b.assets - a.assets || a.kind.localeCompare(b.kind));
}

/** The organisation's threats, the most capable and intent first, with the assets each puts at risk. */
function threatRows(g: AttackGraph, orgId: string, risks: Risks): Plan['risks']['threats'] {
  return [...g.threats.values()]
    .filter((t) => t.organizationId === orgId)
    .map((t) => ({
      threat: { id: t.id, name: t.name, kind: 'Threat' },
      kind: t.kind ?? null,
      capability: t.capability ?? null,
      intent: t.intent ?? null,
      assetsAtRisk: new Set(risks.filter((r) => r.threatId === t.id).map((r) => r.assetId)).size,
    }))
    .sort(
      (a, b) =>
        (b.capability ?? 0) + (b.intent ?? 0) - (a.capability ?? 0) - (a.intent ?? 0) ||
        a.threat.name.localeCompare(b.threat.name),
    );
}

/** e) Culture: the people side the graph can see. */
function cultureSection(mine: AttackNode[], domains: DomainPosture[], findings: Findings): Plan['culture'] {
  const ruleCount = (id: string) => findings.filter((f) => f.ruleId === id).length;
  return {
    people: mine.filter((n) => n.labels.includes('Person')).length,
    personnelControlsInForce: domains.find((d) => d.domain === 'personnel')?.inForce ?? 0,
    vettingOverdue: ruleCount('PER-4'),
    separatedWithAccess: ruleCount('PER-1'),
    accessWithoutJustification: ruleCount('PER-3'),
  };
}

/** f) Response: controls in force by function, and the response force. */
function responseSection(org: Organization, controls: ControlData[]): Plan['response'] {
  const inForce = controls.filter(isInForce);
  const withFunction = (f: string) => inForce.filter((c) => c.functions.includes(f)).length;
  return {
    detectControls: withFunction('detect'),
    respondControls: withFunction('respond'),
    recoverControls: withFunction('recover'),
    responseForce: org.responseForce
      ? {
          timeSeconds: org.responseForce.timeSeconds,
          stdDevSeconds: org.responseForce.stdDevSeconds,
          communicationProbability: org.responseForce.communicationProbability,
        }
      : null,
  };
}
