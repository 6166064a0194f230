import { Injectable } from '@nestjs/common';
import { asOfDate, coverageDataOf, coverageOf } from '@rampart/analytics';
import { CoverageData, DomainError } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { AttackGraphCache } from './attack-graph-cache.service';

/** Most critical first, then least covered, then by id: the order of coverage lists and reports. */
export const coverageOrder = (
  a: { assetId: string; score: number; asset: { criticality?: number } },
  b: { assetId: string; score: number; asset: { criticality?: number } },
) =>
  (b.asset.criticality ?? 1) - (a.asset.criticality ?? 1) ||
  a.score - b.score ||
  a.assetId.localeCompare(b.assetId);

/**
 * coverageOf, kept per asset data, date and interval: the data of an asset is kept per graph and
 * carried over by a patch that did not change it (coverage-data.ts), so posture after an edit
 * recomputes only the assets the edit concerns (issue 21).
 */
const kept = new WeakMap<CoverageData, Map<string, ReturnType<typeof coverageOf>>>();
function keptCoverageOf(data: CoverageData, asOf: string, interval: number): ReturnType<typeof coverageOf> {
  let byKey = kept.get(data);
  if (!byKey) kept.set(data, (byKey = new Map()));
  const key = `${asOf} ${interval}`;
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = coverageOf(data, asOf, interval)));
  return c;
}

/** Five-domain coverage (docs/spec/analytics.md §5) of one asset or of all, critical first, in memory. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly cache: AttackGraphCache,
    private readonly organizations: OrganizationRepository,
    private readonly out: OutputMapper,
  ) {}

  async coverage(assetId: string, asOf?: string) {
    const [one] = await this.withData([assetId], asOfDate(asOf));
    if (!one) throw new DomainError('NOT_FOUND', `No asset has the id ${assetId}.`);
    return one.coverage;
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
    const [g, orgs] = await Promise.all([this.cache.get(), this.organizations.list()]);
    const thresholds = new Map(orgs.map((o) => [o.id, o.criticalThreshold ?? 4]));
    const ids = [...g.nodes.values()]
      .filter(
        (n) =>
          n.labels.includes('Asset') && (!opts.organizationId || n.organizationId === opts.organizationId),
      )
      .map((n) => n.id);
    return (await this.withData(ids, day))
      .map(({ coverage }) => ({
        ...coverage,
        critical: (coverage.asset.criticality ?? 1) >= (thresholds.get(coverage.organizationId ?? '') ?? 4),
      }))
      .filter((r) => !opts.criticalOnly || r.critical)
      .sort(coverageOrder)
      .slice(0, first);
  }

  /** Coverage with the data it came from (posture needs owners and control test dates). */
  async withData(ids: string[], asOf: string) {
    const [g, orgs] = await Promise.all([this.cache.get(), this.organizations.list()]);
    const intervals = new Map(orgs.map((o) => [o.id, o.reviewIntervalDays ?? 365]));
    return ids
      .map((id) => g.nodes.get(id)?.labels.includes('Asset') && coverageDataOf(g, id))
      .filter((d): d is CoverageData => Boolean(d))
      .map((data) => ({
        data,
        coverage: {
          ...keptCoverageOf(data, asOf, intervals.get(data.organizationId ?? '') ?? 365),
          organizationId: data.organizationId,
          asset: this.out.node({
            id: data.id,
            name: data.name,
            labels: data.labels,
            criticality: data.criticality,
            classification: data.classification,
          }),
        },
      }));
  }
}
