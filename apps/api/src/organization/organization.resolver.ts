import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Organization, User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { PageArgs, toConnection } from '../common/connection.model';
import { EntityQueryService } from '@rampart/analysis';
import { AssetConnection } from '../entity/entity.model';
import { OrganizationDeletionModel, OrganizationModel } from './organization.model';
import { OrganizationQueryService } from '@rampart/analysis';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';

@Resolver(() => OrganizationModel)
@RequirePermission('graph:read')
export class OrganizationResolver {
  constructor(
    private readonly orgs: OrganizationQueryService,
    private readonly entities: EntityQueryService,
    private readonly out: OutputMapper,
  ) {}

  @Query(() => OrganizationModel, {
    nullable: true,
    description: 'One organisation, or null when there is none with that id.',
  })
  async organization(@Args('id', { type: () => ID }) id: string) {
    const org = await this.orgs.get(id);
    return org && this.out.organization(org);
  }

  @Query(() => [OrganizationModel], { description: 'Every organisation the account may see, in id order.' })
  async organizations() {
    return (await this.orgs.list()).map((o) => this.out.organization(o));
  }

  @Mutation(() => OrganizationDeletionModel, {
    description:
      'Deletes an organisation: every entity of it and every relationship touching them, in one transaction (admin). dryRun: only count. Relationships other organisations state on its entities stop it unless force.',
  })
  @RequirePermission('graph:admin')
  async deleteOrganization(
    @Args('id', { type: () => ID }) id: string,
    @Args('dryRun', { defaultValue: false }) dryRun: boolean,
    @Args('force', { defaultValue: false }) force: boolean,
    @CurrentUser() user?: User,
  ) {
    const clearance = user?.clearance ?? null;
    return this.out.organizationDeletion(await this.orgs.delete(id, { dryRun, force, clearance }));
  }

  @ResolveField(() => AssetConnection, { description: "The organisation's assets, cursor-paginated." })
  assets(@Parent() org: Organization, @Args() { first, after }: PageArgs) {
    return this.entities.page('ASSET', { organizationId: org.id }, first, after).then(toConnection);
  }
}
