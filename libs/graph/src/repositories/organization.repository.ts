import { Organization } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { toOrganization } from './row-mappers';

export class OrganizationRepository {
  constructor(private readonly executor: QueryExecutor) {}

  async get(id: string): Promise<Organization | null> {
    const rows = await this.executor.executeRead(Q.organizationGet, { id });
    return rows.length ? toOrganization(rows[0].organization as Record<string, unknown>) : null;
  }

  async list(): Promise<Organization[]> {
    const rows = await this.executor.executeRead(Q.organizationList);
    return rows.map((r) => toOrganization(r.organization as Record<string, unknown>));
  }
}
