import { Args, Query, Resolver } from '@nestjs/graphql';
import { currentScope } from '@rampart/access';
import { AuditService } from '@rampart/audit';
import { RequirePermission } from '../auth/permission.decorator';
import { toConnection } from '../common/connection.model';
import { AuditConnectionModel, AuditLogArgs } from './audit.model';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @RequirePermission('audit:read')
  @Query(() => AuditConnectionModel, { description: 'The audit trail, newest first (admin, rse, auditor).' })
  async auditLog(@Args() { first, after, filter }: AuditLogArgs) {
    // A reader limited to some organisations reads only the records about them (issue 18).
    const scoped = { ...filter, organizationIds: currentScope().ids() };
    return toConnection(await this.audit.page(scoped, first, after));
  }
}
