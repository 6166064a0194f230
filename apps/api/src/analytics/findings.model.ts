import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AnalyticsNodeModel } from './analytics.model';

@ObjectType('FindingRule', {
  description: 'A rule of docs/spec/analytics.md §7: one file in cypher/findings.',
})
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
