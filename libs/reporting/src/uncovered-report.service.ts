import { Injectable } from '@nestjs/common';
import { SECURITY_DOMAINS, SecurityDomain, ThreatData } from '@rampart/domain';
import { AttackGraph, HopCounts } from '@rampart/analytics';
import {
  REPORT_SCHEMA_VERSION,
  ThreatExposure,
  UncoveredAsset,
  UncoveredReport,
  uncoveredActions,
} from '@rampart/reports';
import { AnalyticsService } from '@rampart/analysis';
import { coverageOrder } from '@rampart/analysis';
import { EntityQueryService } from '@rampart/analysis';
import { Findings, ReportFactsService, ref } from './report-facts.service';

export interface ReportOptions {
  organizationId?: string;
  asOf?: string;
  /** The generation time (tests pass a fixed one). */
  now: Date;
}

const TOP_WEAKEST_LINKS = 10;
/** Steps after the entry point a report's paths may take (the API's default). */
const MAX_HOPS = 8;

/**
 * The uncovered critical assets report (docs/spec/analytics.md §5), from the same services the API answers
 * with: its numbers are the API's numbers (posture, coverage, securityDepth, attackPaths, risks,
 * weakestLinks, findings), already through the output mapper.
 */
@Injectable()
export class UncoveredReportService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly entities: EntityQueryService,
    private readonly facts: ReportFactsService,
  ) {}

  async build(opts: ReportOptions): Promise<UncoveredReport> {
    const { organizationId } = opts;
    const [{ posture, asOf, g, risks, links, findings }, orgs] = await Promise.all([
      this.facts.gather(organizationId, opts.asOf, TOP_WEAKEST_LINKS),
      this.facts.organizationsIn(organizationId),
    ]);
    const findingsOn = findingsByNode(findings);
    // Posture computed every critical asset's coverage: the heatmap, in the API's coverage order.
    const heat = [...posture.criticalCoverage].sort(coverageOrder);
    const name = (id: string) => ({ id, name: g.controls.get(id)?.name ?? g.nodes.get(id)?.name ?? id });
    const uncovered: UncoveredAsset[] = [];
    // One query for every owner and one sweep per threat: not one round trip and search per asset.
    const owners = await this.entities.relationshipsOf(
      posture.uncovered.map((u) => u.asset.id),
      ['OWNS'],
      'IN',
      1,
    );
    const reachers = threatReach(g);
    for (const u of posture.uncovered) {
      const cov = u.coverage;
      const owner = owners.get(u.asset.id)?.[0]?.node;
      const entry = {
        asset: {
          ...ref(u.asset),
          criticality: u.asset.criticality ?? 1,
          classification: u.asset.classification ?? null,
        },
        owner: owner ? ref(owner) : null,
        reasons: u.reasons,
        requiredDomains: cov.requiredDomains as SecurityDomain[],
        coveredDomains: cov.coveredDomains as SecurityDomain[],
        missingDomains: cov.missingDomains as SecurityDomain[],
        score: cov.score,
        failedControls: u.why.failedControls.map((id) => ({ ...name(id), kind: 'Control' })),
        untestedControls: u.why.untestedControls.map((id) => ({ ...name(id), kind: 'Control' })),
        threats: await this.threatsReaching(
          u.asset.id,
          reachers.filter((r) => r.hops.has(u.asset.id)).map((r) => r.threat),
        ),
        findings: findingsOn.get(u.asset.id) ?? [],
        actions: [] as string[],
      };
      entry.actions = uncoveredActions(entry);
      uncovered.push(entry);
    }
    // Exposed first, then the most critical, then the most reasons.
    const exposed = (u: UncoveredAsset) => (u.threats.some((t) => t.depth === 0) ? 1 : 0);
    uncovered.sort(
      (a, b) =>
        exposed(b) - exposed(a) ||
        b.asset.criticality - a.asset.criticality ||
        b.reasons.length - a.reasons.length ||
        a.asset.name.localeCompare(b.asset.name),
    );
    return {
      report: 'uncovered',
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: opts.now.toISOString(),
      asOf,
      organization: orgs.length === 1 ? { id: orgs[0].id, name: orgs[0].name } : null,
      parameters: { organizationId: organizationId ?? null, asOf },
      summary: this.facts.summary(posture),
      uncovered,
      heatmap: heat.map((c) => ({
        asset: ref(c.asset),
        domains: Object.fromEntries(
          SECURITY_DOMAINS.map((d) => [
            d,
            c.coveredDomains.includes(d)
              ? 'covered'
              : c.requiredDomains.includes(d)
                ? 'missing'
                : 'not-required',
          ]),
        ) as UncoveredReport['heatmap'][number]['domains'],
      })),
      riskMatrix: this.facts.riskMatrix(risks),
      weakestLinks: this.facts.weakestLinkRows(links),
    };
  }

  /** Every threat that reaches the asset: depth, single points, choke points, most likely path. */
  private async threatsReaching(assetId: string, threats: readonly ThreatData[]): Promise<ThreatExposure[]> {
    const out: ThreatExposure[] = [];
    for (const t of threats) {
      const depth = await this.analytics.securityDepth(t.id, assetId, 1, MAX_HOPS);
      if (!depth.reachable) continue;
      const best = (await this.analytics.attackPaths(t.id, assetId, 1, MAX_HOPS)).paths[0];
      out.push({
        threat: { id: t.id, name: t.name, kind: 'Threat' },
        depth: depth.depth ?? 0,
        probability: best?.probability ?? 0,
        path: best ? best.nodes.map((n) => n.name) : [],
        singlePointsOfFailure: depth.cutSets
          .filter((c) => c.order === 1)
          .map((c) => ({
            id: c.units[0].id,
            name: c.units[0].name,
            kind: c.units[0].kind,
            commonMode: c.commonMode,
          })),
        chokePoints: depth.chokePoints.map(ref),
      });
    }
    return out.sort((a, b) => b.probability - a.probability || a.threat.name.localeCompare(b.threat.name));
  }
}

/** The findings on each node they name. */
function findingsByNode(findings: Findings): Map<string, UncoveredAsset['findings']> {
  const on = new Map<string, UncoveredAsset['findings']>();
  for (const f of findings) {
    for (const n of f.nodes) {
      const list = on.get(n.id) ?? [];
      list.push({ ruleId: f.ruleId, title: f.title, severity: f.severity, message: f.message });
      on.set(n.id, list);
    }
  }
  return on;
}

/**
 * Per threat, the nodes it reaches within MAX_HOPS with controls ignored: one breadth-first sweep
 * from its entry points. A threat absent here cannot reach the asset (securityDepth would answer
 * unreachable), so only the others are searched per asset.
 */
export function threatReach(g: AttackGraph): { threat: ThreatData; hops: HopCounts }[] {
  return [...g.threats.values()].map((threat) => ({
    threat,
    hops: g.hops(
      g.entriesOf(threat).map((e) => e.id),
      'forward',
      MAX_HOPS,
    ),
  }));
}
