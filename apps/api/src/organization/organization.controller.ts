import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { DomainError, User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { OrganizationQueryService } from '@rampart/analysis';

@Controller('api/organizations')
@RequirePermission('graph:read')
export class OrganizationController {
  constructor(
    private readonly organizations: OrganizationQueryService,
    private readonly out: OutputMapper,
  ) {}

  @Get()
  async list() {
    return { organizations: (await this.organizations.list()).map((o) => this.out.organization(o)) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const org = await this.organizations.get(id);
    if (!org) throw new DomainError('NOT_FOUND', `No organisation has id "${id}".`);
    return this.out.organization(org);
  }

  /** ?dryRun=true: only the counts; ?force=true: also remove relationships other organisations state on it. */
  @Delete(':id')
  @RequirePermission('graph:admin')
  async delete(
    @Param('id') id: string,
    @Query() q: Record<string, string | undefined>,
    @CurrentUser() user?: User,
  ) {
    const flag = (v?: string) => v === 'true' || v === '1';
    const opts = { dryRun: flag(q.dryRun), force: flag(q.force), clearance: user?.clearance ?? null };
    const d = await this.organizations.delete(id, opts);
    return this.out.organizationDeletion(d);
  }
}
