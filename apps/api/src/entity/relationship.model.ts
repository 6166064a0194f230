import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RELATIONSHIP_TYPES } from '@rampart/domain';
import { EntityModel } from './entity.model';

export enum DirectionEnum {
  OUT = 'OUT',
  IN = 'IN',
  BOTH = 'BOTH',
}
registerEnumType(DirectionEnum, {
  name: 'Direction',
  description: 'Relationship direction seen from an entity.',
});

export const RelationshipTypeEnum = Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, t])) as Record<
  (typeof RELATIONSHIP_TYPES)[number],
  string
>;
registerEnumType(RelationshipTypeEnum, {
  name: 'RelationshipType',
  description: 'Relationship types of the graph model (docs/spec/analytics.md §1).',
});

@ObjectType('Relationship', {
  description: 'A relationship seen from one entity, with the entity at the other end.',
})
export class RelationshipModel {
  @Field(() => RelationshipTypeEnum)
  type!: string;

  @Field(() => DirectionEnum, { description: 'OUT: from this entity; IN: to it.' })
  direction!: 'OUT' | 'IN';

  @Field(() => String, { nullable: true, description: 'HAS_ACCESS: read, write, admin or physical.' })
  mode?: string;

  @Field(() => String, { nullable: true, description: 'HAS_ACCESS: the need-to-know reason.' })
  justification?: string;

  @Field(() => String, { nullable: true })
  since?: string;

  @Field(() => String, { nullable: true })
  until?: string;

  @Field(() => String, { nullable: true, description: 'HOLDS_ROLE: the role, e.g. RSE.' })
  role?: string;

  @Field(() => String, { nullable: true })
  source?: string;

  @Field(() => EntityModel, { description: 'The entity at the other end.' })
  node!: EntityModel;
}

@InputType({ description: 'A relationship to add or remove (from and to as in docs/spec/analytics.md §1).' })
export class RelationshipInput {
  @Field()
  from!: string;

  @Field(() => RelationshipTypeEnum)
  type!: string;

  @Field()
  to!: string;

  @Field(() => String, { nullable: true, description: 'HAS_ACCESS: read, write, admin or physical.' })
  mode?: string;

  @Field(() => String, { nullable: true })
  justification?: string;

  @Field(() => String, { nullable: true })
  since?: string;

  @Field(() => String, { nullable: true })
  until?: string;

  @Field(() => String, { nullable: true, description: 'HOLDS_ROLE: the role.' })
  role?: string;
}

@ObjectType('RelationshipEdit', { description: 'The two ends of a relationship after an edit.' })
export class RelationshipEditModel {
  @Field(() => RelationshipTypeEnum)
  type!: string;

  @Field(() => EntityModel)
  from!: EntityModel;

  @Field(() => EntityModel)
  to!: EntityModel;
}

@ObjectType('DeleteEntityResult')
export class DeleteEntityResultModel {
  @Field()
  id!: string;

  @Field({ description: 'How many relationships were removed with it.' })
  relationshipsRemoved!: number;
}
