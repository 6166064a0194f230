import { Controller, Get, Param } from '@nestjs/common';
import { DomainError } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { RequirePermission } from '../auth/permission.decorator';

@Controller('api/organizations')
@RequirePermission('graph:read')
export class OrganizationController {
  constructor(
    private readonly organizations: OrganizationRepository,
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
}
