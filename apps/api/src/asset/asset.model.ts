import { ArgsType, Field, ID } from '@nestjs/graphql';
import { PageArgs } from '../common/connection.model';
import { AssetFilterInput } from '../entity/entity-filter.model';

@ArgsType()
export class AssetsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only assets of this organisation.' })
  organizationId?: string;

  @Field(() => AssetFilterInput, { nullable: true })
  filter?: AssetFilterInput;
}
