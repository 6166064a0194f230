import { Injectable } from '@nestjs/common';
import { asOfDate, coverageOf } from '@rampart/analytics';
import { CoverageData, DomainError } from '@rampart/domain';
import { AnalyticsRepository, OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';

/** Five-domain coverage (analytics.md §5) of one asset or of all, critical first. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly organizations: OrganizationRepository,
    private readonly out: OutputMapper,
  ) {}

  async coverage(assetId: string, asOf?: string) {
    const [one] = await this.compute([assetId], asOfDate(asOf));
    if (!one) throw new DomainError('NOT_FOUND', `No asset has the id ${assetId}.`);
    return one;
  }

  async summary(opts: { organizationId?: string; asOf?: string; criticalOnly?: boolean; first?: number }) {
    const first = opts.first ?? 500;
    if (!Number.isInteger(first) || first < 1 || first > 5000) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `first must be a whole number from 1 to 5000; got ${first}.`,
      );
    }
    const day = asOfDate(opts.asOf);
    const rows = await this.compute(await this.repo.assetIds(opts.organizationId), day);
    const thresholds = new Map(
      (await this.organizations.list()).map((o) => [o.id, o.criticalThreshold ?? 4]),
    );
    return rows
      .map((r) => ({
        ...r,
        critical: (r.asset.criticality ?? 1) >= (thresholds.get(r.organizationId ?? '') ?? 4),
      }))
      .filter((r) => !opts.criticalOnly || r.critical)
      .sort(
        (a, b) =>
          (b.asset.criticality ?? 1) - (a.asset.criticality ?? 1) ||
          a.score - b.score ||
          a.assetId.localeCompare(b.assetId),
      )
      .slice(0, first);
  }

  /** Coverage with the data it came from (posture needs owners and control test dates). */
  async withData(ids: string[], asOf: string) {
    const data = await this.repo.coverageData(ids);
    const rows = await this.compute(ids, asOf, data);
    return rows.map((r, i) => ({ coverage: r, data: data[i] }));
  }

  private async compute(ids: string[], asOf: string, given?: CoverageData[]) {
    const data = given ?? (await this.repo.coverageData(ids));
    const intervals = new Map(
      (await this.organizations.list()).map((o) => [o.id, o.reviewIntervalDays ?? 365]),
    );
    return data.map((d) => ({
      ...coverageOf(d, asOf, intervals.get(d.organizationId ?? '') ?? 365),
      organizationId: d.organizationId,
      asset: this.out.node({
        id: d.id,
        name: d.name,
        labels: d.labels,
        criticality: d.criticality,
        classification: d.classification,
      }),
    }));
  }
}
