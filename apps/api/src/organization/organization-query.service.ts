import { Injectable } from '@nestjs/common';
import { DomainError, Organization } from '@rampart/domain';
import { OrganizationDeletion, OrganizationDeletionRepository, OrganizationRepository } from '@rampart/graph';
import { currentScope } from '../auth/organization-scope.context';

/**
 * The organisations the reader may see (issue 18): an account limited to some finds no other,
 * by list or by id, and cannot delete one it cannot see.
 */
@Injectable()
export class OrganizationQueryService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly deletion: OrganizationDeletionRepository,
  ) {}

  async list(): Promise<Organization[]> {
    const scope = currentScope();
    return (await this.organizations.list()).filter((o) => scope.sees(o.id));
  }

  async get(id: string): Promise<Organization | null> {
    return currentScope().sees(id) ? this.organizations.get(id) : null;
  }

  delete(id: string, opts: { dryRun?: boolean; force?: boolean }): Promise<OrganizationDeletion> {
    if (!currentScope().sees(id)) throw new DomainError('NOT_FOUND', `No organisation has id "${id}".`);
    return this.deletion.delete(id, opts);
  }
}
