import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { GraphChange } from './graph-change';
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
    /** RAMPART_READINESS_TIMEOUT_MS: the answer comes within this, whatever Neo4j does. */
    private readonly timeoutMs = 500,
  ) {}

  /**
   * Ready = the database answers a read and the schema version matches this build. Answers within
   * `timeoutMs` even while the driver still waits on Neo4j, and at once while Neo4j is known down.
   */
  async readiness(): Promise<Readiness> {
    const down = this.executor.unavailable;
    if (down) {
      const error = `Neo4j has been unreachable since ${down.since.toISOString()} (${down.cause}).`;
      return { database: 'down', schema: null, ready: false, error };
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Neo4j did not answer within ${this.timeoutMs} ms.`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([this.executor.executeRead(Q.ping), late]);
      const schema = await Promise.race([this.schema.status(), late]);
      return { database: 'up', schema, ready: schema.upToDate };
    } catch (e) {
      return {
        database: 'down',
        schema: null,
        ready: false,
        error: e instanceof Error ? e.message : String(e),
      };
    } finally {
      clearTimeout(timer);
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
      const change = new GraphChange();
      change.emptiedGraph();
      await change.commit(tx);
      return row.deleted as number;
    }, Q.graphDeleteAll);
  }
}
