import { Asset, Page, PageRequest, toPage } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { toAsset } from './row-mappers';

export interface AssetFilter {
  organizationId?: string;
}

export class AssetRepository {
  constructor(private readonly executor: QueryExecutor) {}

  /** Assets in id order; one read transaction so the page and the count agree. */
  page(filter: AssetFilter, req: PageRequest): Promise<Page<Asset>> {
    const organizationId = filter.organizationId ?? null;
    return this.executor.readTransaction(async (tx) => {
      const rows = await tx.run(Q.assetPage, {
        organizationId,
        afterId: req.afterKey ?? null,
        limit: req.first + 1,
      });
      const [count] = await tx.run(Q.assetCount, { organizationId });
      const assets = rows.map((r) => toAsset(r.asset as Record<string, unknown>));
      return toPage(assets, req, (a) => a.id, count.total as number);
    }, Q.assetPage);
  }
}
