import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AnalyticsNodeModel } from './analytics.model';
import { FindingsService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';

@ObjectType('FindingRule', { description: 'A rule of analytics.md §7: one file in cypher/findings.' })
export class FindingRuleModel {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field({ description: 'high, medium or low.' })
  severity!: string;

  @Field({ description: 'The ISO 22340 clause it rests on.' })
  clause!: string;
}

@ObjectType('Finding')
export class FindingModel {
  @Field()
  ruleId!: string;

  @Field()
  title!: string;

  @Field()
  severity!: string;

  @Field()
  clause!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field()
  message!: string;

  @Field(() => [AnalyticsNodeModel], { description: 'The flagged node first, then those that explain it.' })
  nodes!: AnalyticsNodeModel[];
}

@Resolver()
@RequirePermission('analytics:run')
export class FindingsResolver {
  constructor(private readonly service: FindingsService) {}

  @Query(() => [FindingRuleModel], { description: 'Every findings rule.' })
  findingRules() {
    return this.service.rules();
  }

  @Query(() => [FindingModel], {
    description: 'Findings, high severity first; date rules as of `asOf` (default today).',
  })
  findings(
    @Args('ruleIds', { type: () => [String], nullable: true }) ruleIds?: string[],
    @Args('severity', { type: () => [String], nullable: true }) severity?: string[],
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('asOf', { type: () => String, nullable: true, description: 'ISO date, e.g. 2026-11-23.' })
    asOf?: string,
  ) {
    return this.service.list({ ruleIds, severities: severity, organizationId, asOf });
  }
}
