import { Driver, ManagedTransaction, RecordShape, session } from 'neo4j-driver';
import { mapNeo4jError } from './neo4j-errors';
import { toNeo4jParams, toPlain } from './neo4j-value.mapper';
import { QueryRegistry } from './query-registry';
import { QueryName } from './query-names';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A transaction that runs registered queries by name and returns plain rows. */
export interface NamedTx {
  run(name: QueryName, params?: Params): Promise<Row[]>;
}

/**
 * The one executor for all Neo4j access: named queries, parameters only, a transaction timeout,
 * the database always set, the session closed in `finally`, errors mapped by their code.
 */
export class QueryExecutor {
  private committedWrites = 0;

  constructor(
    private readonly driver: Driver,
    private readonly registry: QueryRegistry,
    private readonly database: string,
    private readonly txTimeoutMs: number,
  ) {}

  /** Write transactions this process has committed: caches of the graph compare it. */
  get writesCommitted(): number {
    return this.committedWrites;
  }

  executeRead(name: QueryName, params: Params = {}): Promise<Row[]> {
    return this.readTransaction((tx) => tx.run(name, params), name);
  }

  executeWrite(name: QueryName, params: Params = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(name, params), name);
  }

  readTransaction<T>(work: (tx: NamedTx) => Promise<T>, label = 'read', timeoutMs?: number): Promise<T> {
    return this.execute(session.READ, work, label, timeoutMs);
  }

  /** `timeoutMs` overrides the default for long units of work such as a whole import file. */
  writeTransaction<T>(work: (tx: NamedTx) => Promise<T>, label = 'write', timeoutMs?: number): Promise<T> {
    return this.execute(session.WRITE, work, label, timeoutMs);
  }

  /** Schema commands cannot share a transaction with anything else: each runs on its own. */
  async runSchemaStatement(text: string, name: string): Promise<void> {
    const s = this.driver.session({ database: this.database, defaultAccessMode: session.WRITE });
    try {
      await s.run(text, {}, { timeout: this.txTimeoutMs, metadata: { query: name } });
    } catch (e) {
      throw mapNeo4jError(e, name);
    } finally {
      await s.close();
    }
  }

  private async execute<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: NamedTx) => Promise<T>,
    label: string,
    timeoutMs = this.txTimeoutMs,
  ): Promise<T> {
    const s = this.driver.session({ database: this.database, defaultAccessMode: mode });
    let current = label;
    const config = { timeout: timeoutMs, metadata: { app: 'rampart', query: label } };
    try {
      const unit = async (tx: ManagedTransaction) =>
        work({
          run: async (name, params = {}) => {
            current = name;
            const result = await tx.run<RecordShape>(
              this.registry.get(name).text,
              toNeo4jParams(params) as Params,
            );
            return result.records.map((r) => toPlain(r.toObject()) as Row);
          },
        });
      if (mode === session.READ) return await s.executeRead(unit, config);
      const result = await s.executeWrite(unit, config);
      this.committedWrites += 1;
      return result;
    } catch (e) {
      throw mapNeo4jError(e, current);
    } finally {
      await s.close();
    }
  }
}
