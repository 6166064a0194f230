import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { PageArgs, toConnection } from '../common/connection.model';
import { AssetFilterInput } from '../entity/entity-filter.model';
import { EntityQueryService } from '@rampart/analysis';
import { AssetConnection } from '../entity/entity.model';
import { RequirePermission } from '../auth/permission.decorator';

@ArgsType()
export class AssetsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only assets of this organisation.' })
  organizationId?: string;

  @Field(() => AssetFilterInput, { nullable: true })
  filter?: AssetFilterInput;
}

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
