import { Args, Query, Resolver } from '@nestjs/graphql';
import { EntityQueryService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';
import { toConnection } from '../common/connection.model';
import { AssetConnection } from '../entity/entity.model';
import { AssetsArgs } from './asset.model';

@Resolver()
@RequirePermission('graph:read')
export class AssetResolver {
  constructor(private readonly entities: EntityQueryService) {}

  @Query(() => AssetConnection, {
    description: 'Assets of every kind in id order, filtered, cursor-paginated.',
  })
  assets(@Args() { first, after, organizationId, filter }: AssetsArgs) {
    return this.entities
      .page('ASSET', { ...filter, organizationId: organizationId ?? filter?.organizationId }, first, after)
      .then(toConnection);
  }
}
