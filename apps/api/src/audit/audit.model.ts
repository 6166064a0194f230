import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/connection.model';
import { JSONObjectScalar } from '../common/json-object.scalar';

@ObjectType('AuditRecord', { description: 'One entry of the hash-chained audit trail.' })
export class AuditRecordModel {
  @Field(() => Int, { description: 'Place in the chain, from 1.' })
  seq!: number;
  @Field()
  at!: string;
  @Field({ description: 'Username, cli:<os user> or schedule.' })
  actor!: string;
  @Field({ description: 'sign-in, or the policy action: graph:write, graph:import, graph:export, ...' })
  action!: string;
  @Field({ description: 'GraphQL field, METHOD /path or CLI command.' })
  operation!: string;
  @Field({ description: 'success or failure' })
  outcome!: string;
  @Field(() => String, { nullable: true })
  requestId!: string | null;
  @Field(() => String, { nullable: true })
  target!: string | null;
  @Field(() => JSONObjectScalar, { nullable: true })
  counts!: Record<string, number> | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the graph content before a write.' })
  graphHashBefore!: string | null;
  @Field(() => String, { nullable: true })
  graphHashAfter!: string | null;
  @Field(() => String, { nullable: true })
  detail!: string | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'The organisations the operation concerned, when known.',
  })
  organizations?: string[];
  @Field({ description: 'SHA-256 of the record before.' })
  prevHash!: string;
  @Field({ description: 'SHA-256 of this record.' })
  hash!: string;
}

@ObjectType('AuditConnection')
export class AuditConnectionModel extends Connection(AuditRecordModel) {}

@InputType('AuditFilterInput')
export class AuditFilterInput {
  @Field({ nullable: true })
  action?: string;
  @Field({ nullable: true })
  actor?: string;
  @Field({ nullable: true, description: 'ISO date-time, inclusive.' })
  since?: string;
  @Field({ nullable: true, description: 'ISO date-time, inclusive.' })
  until?: string;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { defaultValue: 50, description: '1 to 500.' })
  first!: number;
  @Field({ nullable: true })
  after?: string;
  @Field(() => AuditFilterInput, { nullable: true })
  filter?: AuditFilterInput;
}
