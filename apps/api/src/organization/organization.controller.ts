import { Controller, Delete, Get, Param } from '@nestjs/common';
import { DomainError, User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { OrganizationQueryService } from '@rampart/analysis';
import { z } from 'zod';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { ValidQuery, param } from '../common/valid-query';

/** DELETE /api/organizations/:id?dryRun=&force= */
export const deleteOrganizationQuery = z.object({ dryRun: param.flag(), force: param.flag() });
export type DeleteOrganizationQuery = z.output<typeof deleteOrganizationQuery>;

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
    @ValidQuery(deleteOrganizationQuery) q: DeleteOrganizationQuery,
    @CurrentUser() user?: User,
  ) {
    const opts = { dryRun: q.dryRun, force: q.force, clearance: user?.clearance ?? null };
    const d = await this.organizations.delete(id, opts);
    return this.out.organizationDeletion(d);
  }
}
