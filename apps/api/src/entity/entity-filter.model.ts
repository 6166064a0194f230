import { Type } from '@nestjs/common';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '../common/connection.model';

// Filter inputs per kind. Field names are those of ENTITY_KINDS' filter tables (libs/domain):
// only those reach a query, so a field added here without a table entry filters nothing.

@InputType({ description: 'Filters every entity list accepts.' })
export class EntityFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only entities of this organisation.' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Only entities from this import source.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Text in the id or the name (any case).' })
  search?: string;
}

@InputType()
export class AssetFilterInput extends EntityFilterInput {
  @Field(() => Int, { nullable: true, description: 'Criticality at least this (1-5).' })
  criticalityAtLeast?: number;

  @Field(() => String, { nullable: true })
  classification?: string;
}

@InputType()
export class PersonFilterInput extends AssetFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these statuses.' })
  status?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these clearances.' })
  clearance?: string[];

  @Field(() => String, { nullable: true })
  employment?: string;
}

@InputType()
export class FacilityFilterInput extends AssetFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these levels.' })
  level?: string[];
}

@InputType()
export class SystemFilterInput extends AssetFilterInput {
  @Field(() => String, { nullable: true, description: 'ict or ot.' })
  systemKind?: string;

  @Field(() => Boolean, { nullable: true })
  internetFacing?: boolean;
}

@InputType()
export class OrgUnitFilterInput extends EntityFilterInput {
  @Field(() => Boolean, { nullable: true })
  topManagement?: boolean;
}

@InputType()
export class ServiceProviderFilterInput extends EntityFilterInput {
  @Field(() => Boolean, { nullable: true })
  contractHasSecurityClauses?: boolean;
}

@InputType()
export class ControlFilterInput extends EntityFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these statuses.' })
  status?: string[];

  @Field(() => String, { nullable: true, description: 'Serves this domain.' })
  domain?: string;

  @Field(() => String, { nullable: true, description: 'Has this function.' })
  function?: string;

  @Field(() => Float, { nullable: true })
  effectivenessAtLeast?: number;
}

@InputType()
export class ThreatFilterInput extends EntityFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these kinds.' })
  kind?: string[];

  @Field(() => Int, { nullable: true })
  capabilityAtLeast?: number;
}

@InputType()
export class RiskFilterInput extends EntityFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these treatments.' })
  treatment?: string[];
}

@InputType()
export class AttackPatternFilterInput extends EntityFilterInput {
  @Field(() => String, { nullable: true, description: 'attack-enterprise, attack-ics or capec.' })
  catalogue?: string;

  @Field(() => String, { nullable: true, description: 'e.g. T1078 or CAPEC-66.' })
  externalId?: string;

  @Field(() => String, { nullable: true })
  domain?: string;

  @Field(() => String, { nullable: true, description: 'An ATT&CK tactic, e.g. initial-access.' })
  tactic?: string;

  @Field(() => String, { nullable: true })
  platform?: string;
}

@InputType()
export class MitigationFilterInput extends EntityFilterInput {
  @Field(() => String, { nullable: true })
  catalogue?: string;

  @Field(() => String, { nullable: true })
  externalId?: string;
}

export interface EntityListArgsShape<I> extends PageArgs {
  filter?: I;
}

/** The arguments of one entity-list query: a page and that kind's filter (a class per filter type). */
export function EntityListArgs<I>(filter: Type<I>): Type<EntityListArgsShape<I>> {
  @ArgsType()
  class ListArgs extends PageArgs {
    @Field(() => filter, { nullable: true })
    filter?: I;
  }
  return ListArgs;
}
