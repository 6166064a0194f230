import { Type } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EntityKind } from '@rampart/domain';
import { EntityView } from '@rampart/output';
import { toConnection } from '../common/connection.model';
import * as F from './entity-filter.model';
import * as M from './entity.model';
import { EntityQueryService } from '@rampart/analysis';
import { DirectionEnum, RelationshipModel, RelationshipTypeEnum } from './relationship.model';
import { RequirePermission } from '../auth/permission.decorator';

@Resolver(() => M.EntityModel)
@RequirePermission('graph:read')
export class EntityResolver {
  constructor(private readonly entities: EntityQueryService) {}

  @Query(() => M.EntityModel, { nullable: true, description: 'Any entity by id, or null.' })
  entity(@Args('id', { type: () => ID }) id: string) {
    return this.entities.get(id);
  }

  @ResolveField(() => [RelationshipModel], {
    description: 'Relationships of this entity with the entity at the other end, by type then other id.',
  })
  relationships(
    @Parent() e: EntityView,
    @Args('types', { type: () => [RelationshipTypeEnum], nullable: true }) types?: string[],
    @Args('direction', { type: () => DirectionEnum, defaultValue: DirectionEnum.BOTH })
    direction?: DirectionEnum,
    @Args('first', { type: () => Int, defaultValue: 100, description: 'At most this many (1-1000).' })
    first = 100,
  ) {
    return this.entities.relationships(
      e.id,
      types,
      direction ?? DirectionEnum.BOTH,
      Math.min(Math.max(first, 1), 1000),
    );
  }
}

/**
 * One cursor-paginated list query per entity kind: the same code, its own types (code-first
 * GraphQL needs a class per query signature).
 */
function listResolver<C, I>(
  kind: EntityKind,
  name: string,
  connection: Type<C>,
  filter: Type<I>,
  what: string,
) {
  const ListArgs = F.EntityListArgs(filter);

  @Resolver()
  @RequirePermission('graph:read')
  class ListResolver {
    constructor(readonly entities: EntityQueryService) {}

    @Query(() => connection, { name, description: `${what} in id order, filtered, cursor-paginated.` })
    list(@Args({ type: () => ListArgs }) { filter: f, first, after }: F.EntityListArgsShape<I>) {
      return this.entities.page(kind, f ?? {}, first, after).then(toConnection);
    }
  }
  return ListResolver;
}

export const LIST_RESOLVERS = [
  listResolver('ORG_UNIT', 'orgUnits', M.OrgUnitConnection, F.OrgUnitFilterInput, 'Org units'),
  listResolver(
    'SERVICE_PROVIDER',
    'serviceProviders',
    M.ServiceProviderConnection,
    F.ServiceProviderFilterInput,
    'Service providers',
  ),
  listResolver('PERSON', 'people', M.PersonConnection, F.PersonFilterInput, 'People'),
  listResolver('FACILITY', 'facilities', M.FacilityConnection, F.FacilityFilterInput, 'Facilities'),
  listResolver('SYSTEM', 'systems', M.SystemConnection, F.SystemFilterInput, 'Systems'),
  listResolver(
    'INFORMATION',
    'informationAssets',
    M.InformationConnection,
    F.AssetFilterInput,
    'Information assets',
  ),
  listResolver('PLAIN_ASSET', 'plainAssets', M.PlainAssetConnection, F.AssetFilterInput, 'Plain assets'),
  listResolver('CONTROL', 'controls', M.ControlConnection, F.ControlFilterInput, 'Controls'),
  listResolver('THREAT', 'threats', M.ThreatConnection, F.ThreatFilterInput, 'Threats'),
  listResolver('RISK', 'riskRegister', M.RiskConnection, F.RiskFilterInput, 'Risk-register entries'),
  listResolver(
    'ATTACK_PATTERN',
    'attackPatterns',
    M.AttackPatternConnection,
    F.AttackPatternFilterInput,
    'Attack patterns',
  ),
  listResolver(
    'MITIGATION',
    'mitigations',
    M.MitigationConnection,
    F.MitigationFilterInput,
    'Catalogue mitigations',
  ),
];
