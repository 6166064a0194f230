import { Injectable } from '@nestjs/common';
import { PostureReport, REPORT_SCHEMA_VERSION } from '@rampart/reports';
import { ReportFactsService } from './report-facts.service';
import { ReportOptions } from './uncovered-report.service';

const TOP_WEAKEST_LINKS = 10;

/**
 * Security performance report (ISO 22340 6.2.2.7): risk to assets, control effectiveness,
 * significant findings, third-party assurance and maturity by domain, from the API's services.
 */
@Injectable()
export class PostureReportService {
  constructor(private readonly facts: ReportFactsService) {}

  async build(opts: ReportOptions): Promise<PostureReport> {
    const { organizationId } = opts;
    const [{ posture, asOf, g, risks, links, findings }, orgs] = await Promise.all([
      this.facts.gather(organizationId, opts.asOf, TOP_WEAKEST_LINKS),
      this.facts.organizationsIn(organizationId),
    ]);
    const controls = this.facts.controlsOf(g, organizationId);
    const thirdParties = await this.facts.thirdParties(g, orgs, findings);
    const tolerances = new Set(orgs.map((o) => o.riskTolerance ?? 'medium'));
    // The organisation covered, named when there is one (asked for, or the only one).
    const org = orgs.length === 1 ? orgs[0] : null;
    return {
      report: 'posture',
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: opts.now.toISOString(),
      asOf,
      organization: org ? { id: org.id, name: org.name } : null,
      parameters: { organizationId: organizationId ?? null, asOf },
      summary: {
        ...this.facts.summary(posture),
        riskTolerance: tolerances.size === 1 ? [...tolerances][0] : null,
        risks: risks.length,
        controls: controls.filter((c) => c.status !== 'retired').length,
        thirdParties: thirdParties.length,
      },
      riskByLevel: this.facts.riskByLevel(risks),
      riskMatrix: this.facts.riskMatrix(risks),
      topRisks: this.facts.topRisks(risks),
      domains: this.facts.domainPostures(controls, orgs, posture, findings),
      controlsNeedingAttention: this.facts.controlsNeedingAttention(controls, orgs, asOf),
      weakestLinks: this.facts.weakestLinkRows(links),
      significantFindings: this.facts.findingGroups(findings),
      thirdParties,
    };
  }
}
