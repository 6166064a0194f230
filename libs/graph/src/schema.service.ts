import { MultisetHash } from './content-digest';
import { QueryExecutor } from './query-executor';
import { Q, QueryName } from './query-names';
import { QueryRegistry } from './query-registry';

export interface SchemaStatus {
  expected: number;
  applied: number | null;
  upToDate: boolean;
}

/** The schema version is the number prefix of the last file in cypher/schema/. */
export function expectedSchemaVersion(registry: QueryRegistry): number {
  const versions = registry.schema().map((q) => Number(/schema\/(\d+)-/.exec(q.name)?.[1]));
  if (versions.some((v) => !Number.isInteger(v)))
    throw new Error('every cypher/schema file needs a NNN- prefix');
  return versions.length ? Math.max(...versions) : 0;
}

/**
 * Data changes a graph written by an older version needs once: each runs when the recorded
 * schema version is below its own (or none is recorded), before the new version is recorded.
 */
const MIGRATIONS: { version: number; query: QueryName }[] = [
  { version: 17, query: Q.migrateRelationshipOrganization },
  { version: 25, query: Q.migrateRealProperties },
];

/** Applies constraints and indexes idempotently (IF NOT EXISTS), migrates data, records the version. */
export class SchemaService {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly registry: QueryRegistry,
    /** A migration may rewrite every relationship of a large graph: it gets the import timeout. */
    private readonly migrationTimeoutMs?: number,
  ) {}

  async apply(): Promise<SchemaStatus> {
    const before = (await this.status()).applied;
    for (const q of this.registry.schema()) await this.executor.runSchemaStatement(q.text, q.name);
    const due = MIGRATIONS.filter((m) => before === null || before < m.version);
    for (const m of due) {
      await this.executor.writeTransaction((tx) => tx.run(m.query), m.query, this.migrationTimeoutMs);
    }
    // A migration rewrites content behind the digest's and the change log's back: the digest is
    // recomputed on the next read, and re-imports compare row by row again. An empty graph's
    // digest is known (a new database's first migration must not cost a whole-graph read later).
    if (due.length) {
      const [{ empty }] = await this.executor.executeRead(Q.graphIsEmpty);
      const digest = empty === true ? MultisetHash.empty().toBase64() : null;
      await this.executor.executeWrite(Q.graphDigestSet, { digest });
      await this.executor.executeWrite(Q.importRecordClearAll);
    }
    await this.executor.executeWrite(Q.schemaVersionSet, { version: expectedSchemaVersion(this.registry) });
    return this.status();
  }

  async status(): Promise<SchemaStatus> {
    const rows = await this.executor.executeRead(Q.schemaVersionGet);
    const applied = rows.length ? (rows[0].version as number) : null;
    const expected = expectedSchemaVersion(this.registry);
    return { expected, applied, upToDate: applied === expected };
  }
}
