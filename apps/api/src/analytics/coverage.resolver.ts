import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CoverageService } from '@rampart/analysis';
import { RequirePermission } from '../auth/permission.decorator';
import { CoverageModel } from './coverage.model';

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
