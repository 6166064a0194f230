import { Args, Float, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { AnalyticsService } from '@rampart/analysis';
import {
  AttackPathsModel,
  InterruptionModel,
  ReachModeEnum,
  ReachModel,
  SecurityDepthModel,
} from './analytics.model';
import { RequirePermission } from '../auth/permission.decorator';

const hops = (defaultValue: number) => ({
  type: () => Int,
  defaultValue,
  description: 'Bound on path length.',
});

/** docs/spec/analytics.md §3-§4 over GraphQL; the work is in AnalyticsService and libs/analytics. */
@Resolver()
@RequirePermission('analytics:run')
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => AttackPathsModel, { description: 'The k most likely attack paths of a threat to an asset.' })
  attackPaths(
    @Args('threatId', { type: () => ID }) threatId: string,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('k', { type: () => Int, defaultValue: 5 }) k: number,
    @Args('maxHops', hops(8)) maxHops: number,
    @Args('failed', {
      type: () => [ID],
      defaultValue: [],
      description:
        'What-if: controls or dependencies (an identity provider, say) taken as failed, with every control that depends on them.',
    })
    failed: string[],
  ) {
    return this.analytics.attackPaths(threatId, assetId, k, maxHops, failed);
  }

  @Query(() => SecurityDepthModel, {
    description: 'Depth, cut sets and choke points of a threat against an asset.',
  })
  securityDepth(
    @Args('threatId', { type: () => ID }) threatId: string,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('maxOrder', { type: () => Int, defaultValue: 3 }) maxOrder: number,
    @Args('maxHops', hops(8)) maxHops: number,
  ) {
    return this.analytics.securityDepth(threatId, assetId, maxOrder, maxHops);
  }

  @Query(() => InterruptionModel, {
    description: 'EASI probability of interruption on every path of a threat to an asset.',
  })
  interruption(
    @Args('threatId', { type: () => ID }) threatId: string,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('maxHops', hops(8)) maxHops: number,
  ) {
    return this.analytics.interruption(threatId, assetId, maxHops);
  }

  @Query(() => ReachModel, { description: 'What an attacker holding these nodes can reach.' })
  blastRadius(
    @Args('nodeIds', { type: () => [ID] }) nodeIds: string[],
    @Args('mode', { type: () => ReachModeEnum, defaultValue: ReachModeEnum.STRUCTURAL }) mode: ReachModeEnum,
    @Args('maxHops', hops(6)) maxHops: number,
    @Args('threshold', { type: () => Float, defaultValue: 0.05 }) threshold: number,
  ) {
    return this.analytics.blastRadius(nodeIds, mode, maxHops, threshold);
  }

  @Query(() => ReachModel, { description: 'Who and what can reach an asset (blast radius in reverse).' })
  exposure(
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('mode', { type: () => ReachModeEnum, defaultValue: ReachModeEnum.STRUCTURAL }) mode: ReachModeEnum,
    @Args('maxHops', hops(6)) maxHops: number,
    @Args('threshold', { type: () => Float, defaultValue: 0.05 }) threshold: number,
  ) {
    return this.analytics.exposure(assetId, mode, maxHops, threshold);
  }
}
