import { Args, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { RestrictedField } from '../common/restricted-field';
import { AnalyticsNodeModel } from './analytics.model';
import { CoverageService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';

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

@ObjectType('Coverage', { description: 'The five security domains around an asset (analytics.md §5).' })
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

@Resolver()
@RequirePermission('analytics:run')
export class CoverageResolver {
  constructor(private readonly service: CoverageService) {}

  @Query(() => CoverageModel, { description: 'Coverage of one asset, as of asOf (default today).' })
  coverage(
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('asOf', { type: () => String, nullable: true }) asOf?: string,
  ) {
    return this.service.coverage(assetId, asOf);
  }

  @Query(() => [CoverageModel], {
    description: 'Coverage of every asset, most critical first, then least covered.',
  })
  coverageSummary(
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('asOf', { type: () => String, nullable: true }) asOf?: string,
    @Args('criticalOnly', { type: () => Boolean, defaultValue: false }) criticalOnly?: boolean,
    @Args('first', { type: () => Int, defaultValue: 500 }) first?: number,
  ) {
    return this.service.summary({ organizationId, asOf, criticalOnly, first });
  }
}
