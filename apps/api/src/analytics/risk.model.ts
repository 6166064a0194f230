import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { RestrictedField } from '../common/restricted-field';
import { RiskLevelEnum } from '../organization/organization.model';
import { AnalyticsNodeModel, CountModel } from './analytics.model';

@ObjectType('NamedRef')
export class NamedRefModel {
  @RestrictedField()
  restricted?: boolean;

  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('RiskAssessment', { description: 'docs/spec/analytics.md §6 for a (threat, asset) pair.' })
export class RiskAssessmentModel {
  @Field(() => ID, { nullable: true, description: 'The register entry, when there is one.' })
  riskId?: string;

  @Field(() => NamedRefModel)
  threat!: NamedRefModel;

  @Field(() => AnalyticsNodeModel)
  asset!: AnalyticsNodeModel;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => Int)
  inherentLikelihood!: number;

  @Field(() => Int)
  consequence!: number;

  @Field(() => Float, { description: 'Of the most likely attack path; 0 when unreachable.' })
  pathProbability!: number;

  @Field(() => Int)
  residualLikelihood!: number;

  @Field(() => RiskLevelEnum)
  inherentLevel!: string;

  @Field(() => RiskLevelEnum, { description: 'Residual level on the 5x5 matrix.' })
  level!: string;

  @Field()
  aboveTolerance!: boolean;

  @Field(() => String, { nullable: true })
  treatment?: string;
}

@ObjectType('ControlRef')
export class ControlRefModel {
  @RestrictedField()
  restricted?: boolean;

  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  domains!: string[];

  @Field(() => String, { nullable: true })
  status?: string;

  @Field(() => Float, { nullable: true })
  effectiveness?: number;
}

@ObjectType('WeakestLink')
export class WeakestLinkModel {
  @Field(() => ControlRefModel)
  control!: ControlRefModel;

  @Field(() => Float, {
    description: 'Rise of residual L x C summed over (threat, critical asset) pairs if it fails.',
  })
  riskIncrease!: number;

  @Field(() => Int, { description: 'Pairs whose paths it stands on.' })
  pairs!: number;

  @Field(() => [AnalyticsNodeModel], { description: 'Critical assets for which it alone is a cut.' })
  singlePointOfFailureFor!: AnalyticsNodeModel[];
}

@ObjectType('UncoveredAsset')
export class UncoveredAssetModel {
  @Field(() => AnalyticsNodeModel)
  asset!: AnalyticsNodeModel;

  @Field(() => [String])
  reasons!: string[];
}

@ObjectType('Posture', { description: 'Organisation totals (docs/spec/analytics.md §3, §5-§7).' })
export class PostureModel {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field()
  asOf!: string;

  @Field(() => Int)
  assets!: number;

  @Field(() => Int)
  criticalAssets!: number;

  @Field(() => Int)
  uncoveredCriticalAssets!: number;

  @Field(() => Int, { description: 'Critical assets with depth 0 against some threat.' })
  exposedCriticalAssets!: number;

  @Field(() => Int, { description: 'Distinct units that alone open a path to a critical asset.' })
  singlePointsOfFailure!: number;

  @Field(() => Int, { description: 'Of those, the cross-domain common-mode ones.' })
  commonModeFailures!: number;

  @Field(() => [ID])
  commonModeUnits!: string[];

  @Field(() => Int)
  risksAboveTolerance!: number;

  @Field(() => Int)
  findings!: number;

  @Field(() => [CountModel])
  findingsBySeverity!: CountModel[];

  @Field(() => [UncoveredAssetModel])
  uncovered!: UncoveredAssetModel[];
}
