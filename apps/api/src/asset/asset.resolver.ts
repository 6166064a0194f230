import { Args, Query, Resolver } from '@nestjs/graphql';
import { pageRequest } from '@rampart/domain';
import { AssetRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { toConnection } from '../common/connection.model';
import { AssetConnection, AssetsArgs } from './asset.model';

@Resolver()
export class AssetResolver {
  constructor(
    private readonly repo: AssetRepository,
    private readonly out: OutputMapper,
  ) {}

  @Query(() => AssetConnection, { description: 'Assets in id order, cursor-paginated.' })
  async assets(@Args() { first, after, organizationId }: AssetsArgs) {
    const page = await this.repo.page({ organizationId }, pageRequest(first, after));
    return toConnection(this.out.page(page, (a) => this.out.asset(a)));
  }
}
