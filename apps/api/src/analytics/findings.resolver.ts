import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { FindingsService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';
import { FindingModel, FindingRuleModel } from './findings.model';

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
