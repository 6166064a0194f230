import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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

@ObjectType('ResponseForce', { description: 'Response force data for EASI (analytics.md §3).' })
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
