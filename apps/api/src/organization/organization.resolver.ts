import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Organization, pageRequest } from '@rampart/domain';
import { AssetRepository, OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { AssetConnection } from '../asset/asset.model';
import { PageArgs, toConnection } from '../common/connection.model';
import { OrganizationModel } from './organization.model';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(
    private readonly orgRepo: OrganizationRepository,
    private readonly assetRepo: AssetRepository,
    private readonly out: OutputMapper,
  ) {}

  @Query(() => OrganizationModel, {
    nullable: true,
    description: 'One organisation, or null when there is none with that id.',
  })
  async organization(@Args('id', { type: () => ID }) id: string) {
    const org = await this.orgRepo.get(id);
    return org && this.out.organization(org);
  }

  @Query(() => [OrganizationModel], { description: 'Every organisation in the graph.' })
  async organizations() {
    return (await this.orgRepo.list()).map((o) => this.out.organization(o));
  }

  @ResolveField(() => AssetConnection, { description: "The organisation's assets, cursor-paginated." })
  async assets(@Parent() org: Organization, @Args() { first, after }: PageArgs) {
    const page = await this.assetRepo.page({ organizationId: org.id }, pageRequest(first, after));
    return toConnection(this.out.page(page, (a) => this.out.asset(a)));
  }
}
