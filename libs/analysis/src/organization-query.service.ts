import { Injectable } from '@nestjs/common';
import { maySee } from '@rampart/auth';
import { DEFAULT_CLASSIFICATION_LEVELS, DomainError, Organization } from '@rampart/domain';
import { OrganizationDeletion, OrganizationDeletionRepository, OrganizationRepository } from '@rampart/graph';
import { aboveClearanceError } from '@rampart/interchange';
import { currentScope } from '@rampart/access';

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

  /**
   * Deletes an organisation whole. Need-to-know holds for deletes too (issue 19): an account not
   * cleared for every entry of the organisation cannot delete it (a dry run still counts).
   */
  async delete(
    id: string,
    opts: { dryRun?: boolean; force?: boolean; clearance: string | null },
  ): Promise<OrganizationDeletion> {
    const org = await this.get(id);
    if (!org) throw new DomainError('NOT_FOUND', `No organisation has id "${id}".`);
    // Dry runs too: their counts would describe entries the account may not know of.
    const plan = await this.deletion.plan(id);
    const levels = org.classificationLevels ?? DEFAULT_CLASSIFICATION_LEVELS;
    const above = plan.classified
      .filter((c) => !maySee(opts.clearance, c.classification, levels))
      .reduce((n, c) => n + c.count, 0);
    if (above) throw aboveClearanceError(above, opts.clearance, 'delete');
    return this.deletion.delete(id, opts);
  }
}
