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

  /** Entities and relationships per organisation, the shared threat library last (`rampart status`). */
  async counts(): Promise<OrganizationCounts[]> {
    const rows = await this.executor.executeRead(Q.organizationCounts);
    return rows.map((r) => ({
      organizationId: (r.organizationId as string | null) ?? null,
      name: (r.name as string | null) ?? null,
      entities: r.entities as number,
      relationships: r.relationships as number,
    }));
  }
}

/** One row of `counts()`: organizationId null is the shared threat library (entities of no organisation). */
export interface OrganizationCounts {
  organizationId: string | null;
  name: string | null;
  entities: number;
  relationships: number;
}
