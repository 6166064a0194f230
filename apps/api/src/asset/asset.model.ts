import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, PageArgs } from '../common/connection.model';

export enum AssetKindEnum {
  PERSON = 'PERSON',
  FACILITY = 'FACILITY',
  SYSTEM = 'SYSTEM',
  INFORMATION = 'INFORMATION',
  ASSET = 'ASSET',
}
registerEnumType(AssetKindEnum, { name: 'AssetKind' });

@ObjectType('BusinessImpact', { description: 'Harm if the asset is compromised, each 1-5.' })
export class BusinessImpactModel {
  @Field(() => Int)
  confidentiality!: number;

  @Field(() => Int)
  integrity!: number;

  @Field(() => Int)
  availability!: number;
}

@ObjectType('Asset', {
  description: 'Anything protected: a person, facility, system, information or plain asset.',
})
export class AssetModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => AssetKindEnum)
  kind!: AssetKindEnum;

  @Field(() => [String], { description: 'Graph labels, e.g. [Asset, System].' })
  labels!: string[];

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { nullable: true })
  classification?: string;

  @Field(() => BusinessImpactModel, { nullable: true })
  businessImpact?: BusinessImpactModel;

  @Field(() => Int, { description: 'Max of the three impact scores; 1 when not assessed.' })
  criticality!: number;
}

@ObjectType()
export class AssetConnection extends Connection(AssetModel) {}

@ArgsType()
export class AssetsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only assets of this organisation.' })
  organizationId?: string;
}
