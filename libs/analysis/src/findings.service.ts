import { Injectable } from '@nestjs/common';
import { asOfDate, findingSettings } from '@rampart/analytics';
import { DomainError } from '@rampart/domain';
import {
  AnalyticsRepository,
  EntityRepository,
  FindingCount,
  FindingsRepository,
  OrganizationRepository,
  graphVersionOf,
} from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { currentScope } from '@rampart/access';

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

export interface FindingsQuery {
  ruleIds?: string[];
  severities?: string[];
  organizationId?: string;
  asOf?: string;
}

/** Runs the findings rules (cypher/findings) with each organisation's settings, as of a date. */
@Injectable()
export class FindingsService {
  /** Counts by rules, organisation, date and settings, for one graph version (the latest asked). */
  private counted?: { version: number; byKey: Map<string, Promise<FindingCount[]>> };

  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly findings: FindingsRepository,
    private readonly organizations: OrganizationRepository,
    private readonly entities: EntityRepository,
    private readonly out: OutputMapper,
  ) {}

  rules() {
    return this.findings.rules().map(({ id, title, severity, clause }) => ({ id, title, severity, clause }));
  }

  async list(opts: FindingsQuery) {
    const { rules, rows } = await this.run(opts);
    const records = await this.entities.get([...new Set(rows.flatMap((r) => r.nodeIds))]);
    // A node of an organisation out of view (a cross-organisation owner, say) is left out.
    const scope = currentScope();
    for (const [id, e] of records)
      if (!scope.includes(e.props.organizationId as string | undefined)) records.delete(id);
    const byId = new Map(rules.map((r) => [r.id, r]));
    return rows
      .map((row) => {
        const rule = byId.get(row.ruleId)!;
        return {
          ruleId: rule.id,
          title: rule.title,
          severity: rule.severity,
          clause: rule.clause,
          organizationId: row.organizationId,
          message: row.message,
          nodes: row.nodeIds.flatMap((id) => {
            const e = records.get(id);
            return e ? [this.out.entityNode(e)] : [];
          }),
        };
      })
      .sort(
        (a, b) =>
          (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
          a.ruleId.localeCompare(b.ruleId) ||
          (a.nodes[0]?.id ?? '').localeCompare(b.nodes[0]?.id ?? ''),
      );
  }

  /** How many findings per severity: posture's totals, counted in Neo4j (no row leaves it). */
  async countBySeverity(opts: FindingsQuery): Promise<Map<string, number>> {
    const { rules, params } = await this.prepare(opts);
    const scope = currentScope();
    const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
    const counts = new Map<string, number>();
    for (const c of await this.countsAtVersion(rules, params)) {
      // Organisations out of the reader's view have no findings for it (issue 18).
      if (scope.limited && !scope.sees(c.organizationId)) continue;
      const key = severityOf.get(c.ruleId) as string;
      counts.set(key, (counts.get(key) ?? 0) + c.count);
    }
    return counts;
  }

  /**
   * The counts, computed once per graph version (the version read first, so the counts come from
   * a snapshot at least as new: never stale); repeated postures and reports of a version share them.
   */
  private async countsAtVersion(
    rules: ReturnType<FindingsRepository['rules']>,
    params: Parameters<FindingsRepository['count']>[1],
  ): Promise<FindingCount[]> {
    const version = await graphVersionOf(this.analytics);
    if (this.counted?.version !== version) this.counted = { version, byKey: new Map() };
    const key = JSON.stringify([rules.map((r) => r.id), params]);
    let counts = this.counted.byKey.get(key);
    if (!counts) {
      const byKey = this.counted.byKey;
      counts = this.findings.count(rules, params);
      byKey.set(key, counts);
      counts.catch(() => byKey.delete(key)); // a failure is not kept
    }
    return counts;
  }

  private async run(opts: FindingsQuery) {
    const { rules, params } = await this.prepare(opts);
    const rows = await this.findings.run(rules, params);
    // Organisations out of the reader's view have no findings for it (issue 18).
    const scope = currentScope();
    return { rules, rows: scope.limited ? rows.filter((r) => scope.sees(r.organizationId)) : rows };
  }

  /** The rules asked for and the parameters they run with; unknown rules and organisations refused. */
  private async prepare(opts: FindingsQuery) {
    const all = this.findings.rules();
    const unknown = (opts.ruleIds ?? []).filter((id) => !all.some((r) => r.id === id));
    if (unknown.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unknown rule ${unknown.join(', ')}; the rules are ${all.map((r) => r.id).join(', ')}.`,
      );
    }
    const rules = all.filter(
      (r) =>
        (!opts.ruleIds?.length || opts.ruleIds.includes(r.id)) &&
        (!opts.severities?.length || opts.severities.includes(r.severity)),
    );
    const orgs = await this.organizations.list();
    const scope = currentScope();
    if (
      opts.organizationId &&
      !(orgs.some((o) => o.id === opts.organizationId) && scope.sees(opts.organizationId))
    ) {
      throw new DomainError('NOT_FOUND', `No organisation has the id ${opts.organizationId}.`);
    }
    const params = {
      organizationId: opts.organizationId ?? null,
      asOf: asOfDate(opts.asOf),
      settings: findingSettings(orgs),
    };
    return { rules, params };
  }
}
