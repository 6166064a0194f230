import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { RiskService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';
import { PostureModel, RiskAssessmentModel, WeakestLinkModel } from './risk.model';

@Resolver()
@RequirePermission('analytics:run')
export class RiskResolver {
  constructor(private readonly service: RiskService) {}

  @Query(() => [RiskAssessmentModel], {
    description: 'Register entries and threat targets, highest residual first.',
  })
  risks(@Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string) {
    return this.service.risks(organizationId);
  }

  @Query(() => [WeakestLinkModel], {
    description: 'Controls whose failure raises residual risk over critical assets most.',
  })
  weakestLinks(
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ) {
    return this.service.weakestLinks(limit, organizationId);
  }

  @Query(() => PostureModel)
  posture(
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('asOf', { type: () => String, nullable: true }) asOf?: string,
  ) {
    return this.service.posture(organizationId, asOf);
  }
}
