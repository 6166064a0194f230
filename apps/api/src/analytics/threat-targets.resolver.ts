import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { RequirePermission } from '../auth/permission.decorator';
import { AnalyticsService } from '@rampart/analysis';
import { ThreatTargetsModel } from './threat-targets.model';

/** The target list of the attack-path picker: what the chosen threat can reach, first. */
@Resolver()
@RequirePermission('analytics:run')
export class ThreatTargetsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => ThreatTargetsModel, {
    description:
      'Assets for a threat’s attack paths: those its entry points reach within maxHops (fewest steps, then most critical, first), then the others of its organisation.',
  })
  threatTargets(
    @Args('threatId', { type: () => ID }) threatId: string,
    @Args('organizationId', {
      type: () => ID,
      nullable: true,
      description:
        'Assets of this organisation (default: the threat’s own; every one for a catalogue threat).',
    })
    organizationId?: string,
    @Args('search', {
      type: () => String,
      nullable: true,
      description: 'Text in the id or the name (any case).',
    })
    search?: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: '1 to 500.' }) first = 50,
    @Args('maxHops', { type: () => Int, defaultValue: 8, description: 'Bound on path length.' }) maxHops = 8,
  ) {
    return this.analytics.threatTargets(threatId, {
      organizationId: organizationId ?? undefined,
      search: search ?? undefined,
      first,
      maxHops,
    });
  }
}
