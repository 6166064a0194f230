import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EntityModel } from '../entity/entity.model';

export enum RiskLevelEnum {
  low = 'low',
  medium = 'medium',
  high = 'high',
  extreme = 'extreme',
}
registerEnumType(RiskLevelEnum, {
  name: 'RiskLevel',
  description: 'Residual risk levels of the 5x5 matrix, low to extreme.',
});

@ObjectType('ResponseForce', { description: 'Response force data for EASI (docs/spec/analytics.md §3).' })
export class ResponseForceModel {
  @Field(() => Float)
  timeSeconds!: number;

  @Field(() => Float)
  stdDevSeconds!: number;

  @Field(() => Float)
  communicationProbability!: number;
}

@ObjectType('Organization', {
  description: 'An organisation (tenant) and its risk settings.',
  implements: () => [EntityModel],
})
export class OrganizationModel extends EntityModel {
  @Field(() => RiskLevelEnum, { nullable: true, description: 'The highest residual risk level accepted.' })
  riskTolerance?: RiskLevelEnum;

  @Field(() => Int, { nullable: true })
  reviewIntervalDays?: number;

  @Field(() => Int, { nullable: true, description: 'Criticality at or above which an asset is critical.' })
  criticalThreshold?: number;

  @Field(() => [String], { nullable: true, description: 'Classification levels, low to high.' })
  classificationLevels?: string[];

  @Field(() => ResponseForceModel, { nullable: true })
  responseForce?: ResponseForceModel;
}

@ObjectType('ForeignReferences', {
  description: 'Relationships another organisation (or the threat library) states on entities of this one.',
})
export class ForeignReferencesModel {
  @Field(() => ID, {
    nullable: true,
    description: 'The organisation that states them; null: the threat library.',
  })
  organizationId!: string | null;

  @Field(() => Int)
  relationships!: number;

  @Field(() => [String], { description: 'Up to five, "from TYPE to".' })
  examples!: string[];
}

@ObjectType('LabelCount')
export class LabelCountModel {
  @Field({ description: 'Kind label: Person, System, ...; Asset for plain assets.' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('OrganizationDeletion', {
  description: 'What deleting an organisation removed, or on a dry run would remove.',
})
export class OrganizationDeletionModel {
  @Field(() => ID)
  organizationId!: string;

  @Field()
  dryRun!: boolean;

  @Field({ description: 'False on a dry run.' })
  deleted!: boolean;

  @Field(() => Int)
  entities!: number;

  @Field(() => [LabelCountModel])
  byLabel!: LabelCountModel[];

  @Field(() => Int, { description: 'Every relationship touching its entities.' })
  relationships!: number;

  @Field(() => [ForeignReferencesModel], {
    description: 'Relationships stated elsewhere on its entities: they stop a delete unless force.',
  })
  foreign!: ForeignReferencesModel[];
}
