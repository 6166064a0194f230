import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { SchemaService, SchemaStatus } from '../schema.service';

export interface Readiness {
  database: 'up' | 'down';
  schema: SchemaStatus | null;
  ready: boolean;
  error?: string;
}

/** The Neo4j server answering, as `dbms.components()` names it. */
export interface Neo4jServerInfo {
  name: string;
  version: string;
  edition: string;
}

export class GraphHealthRepository {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly schema: SchemaService,
  ) {}

  /** Ready = the database answers a read and the schema version matches this build. */
  async readiness(): Promise<Readiness> {
    try {
      await this.executor.executeRead(Q.ping);
      const schema = await this.schema.status();
      return { database: 'up', schema, ready: schema.upToDate };
    } catch (e) {
      return {
        database: 'down',
        schema: null,
        ready: false,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  }

  async server(): Promise<Neo4jServerInfo> {
    const [row] = await this.executor.executeRead(Q.healthComponents);
    return {
      name: String(row.name),
      version: (row.versions as string[]).join(', '),
      edition: String(row.edition),
    };
  }

  async isEmpty(): Promise<boolean> {
    const [row] = await this.executor.executeRead(Q.graphIsEmpty);
    return row.empty === true;
  }

  /** Deletes every entity (tests, explicit resets). */
  async deleteAll(): Promise<number> {
    return this.executor.writeTransaction(async (tx) => {
      const [row] = await tx.run(Q.graphDeleteAll);
      await tx.run(Q.graphVersionBump);
      return row.deleted as number;
    }, Q.graphDeleteAll);
  }
}
