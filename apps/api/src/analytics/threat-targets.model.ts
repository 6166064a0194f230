import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AnalyticsNodeModel } from './analytics.model';

@ObjectType('ThreatTarget', { description: 'An asset offered as the target of a threat.' })
export class ThreatTargetModel {
  @Field(() => AnalyticsNodeModel)
  asset!: AnalyticsNodeModel;

  @Field({ description: 'Within maxHops of one of the threat’s entry points, controls ignored.' })
  reachable!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest steps from an entry point (0: an entry point itself); null when not reachable.',
  })
  hops?: number | null;
}

@ObjectType('ThreatTargets', {
  description: 'Assets a threat may be asked about: those it reaches first, nearest first, then the rest.',
})
export class ThreatTargetsModel {
  @Field(() => [ThreatTargetModel], { description: 'The first `first` of them.' })
  targets!: ThreatTargetModel[];

  @Field(() => Int, { description: 'Every asset matching, shown or not.' })
  totalCount!: number;

  @Field(() => Int, { description: 'How many of those the threat reaches.' })
  reachableCount!: number;
}
