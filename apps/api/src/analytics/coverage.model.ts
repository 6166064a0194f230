import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { RestrictedField } from '../common/restricted-field';
import { AnalyticsNodeModel } from './analytics.model';

@ObjectType('CoverageControl')
export class CoverageControlModel {
  @RestrictedField()
  restricted?: boolean;

  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({
    description: 'On a container (or, for personnel, on a person with access) rather than the asset.',
  })
  inherited!: boolean;

  @Field(() => ID, { description: 'The node it protects.' })
  on!: string;

  @Field({ description: 'The name of the node it protects.' })
  onName!: string;
}

@ObjectType('DomainCoverage')
export class DomainCoverageModel {
  @Field()
  domain!: string;

  @Field()
  required!: boolean;

  @Field()
  covered!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Personnel: share of people with access who are protected.',
  })
  fraction?: number;

  @Field(() => [CoverageControlModel])
  controls!: CoverageControlModel[];
}

@ObjectType('Coverage', {
  description: 'The five security domains around an asset (docs/spec/analytics.md §5).',
})
export class CoverageModel {
  @Field(() => ID)
  assetId!: string;

  @Field(() => AnalyticsNodeModel)
  asset!: AnalyticsNodeModel;

  @Field(() => [String])
  requiredDomains!: string[];

  @Field(() => [String], { description: 'Every covered domain, required or not.' })
  coveredDomains!: string[];

  @Field(() => [String])
  missingDomains!: string[];

  @Field(() => Float, { description: 'Covered required domains / required domains.' })
  score!: number;

  @Field(() => [String], { description: 'deter, detect, delay, respond, recover among its controls.' })
  functions!: string[];

  @Field(() => [DomainCoverageModel])
  domains!: DomainCoverageModel[];

  @Field({ nullable: true })
  critical?: boolean;
}
