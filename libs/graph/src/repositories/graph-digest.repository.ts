import { MultisetHash, nodeContentHash, nodeElement, relationshipElement } from '../content-digest';
import { NamedTx, QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { chunks } from './relationship-sync';

/** The digest as stored and as the stored content gives it (equal unless something is wrong). */
export interface DigestCheck {
  version: number;
  stored: string | null;
  computed: string;
  /** Entities whose stored content hash is not their content's. */
  staleContentHashes: number;
}

/**
 * The graph's content hash for the audit trail (issue 21). Every write keeps the digest in step
 * (GraphChange), so reading it is one query; only a graph whose digest was lost (written by an
 * older version, a migration, an organisation deletion) is read whole, once, to recompute it.
 */
export class GraphDigestRepository {
  constructor(
    private readonly executor: QueryExecutor,
    /** Recomputing reads the whole graph: it gets the import timeout. */
    private readonly timeoutMs?: number,
  ) {}

  /** SHA-256 (hex) of the digest of the graph's content. */
  async graphHash(): Promise<string> {
    const [row] = await this.executor.executeRead(Q.graphDigestGet);
    const stored = typeof row?.digest === 'string' ? MultisetHash.fromBase64(row.digest) : undefined;
    return (stored ?? (await this.recompute())).hex();
  }

  /** Recomputes the digest from the stored content (repairing stale content hashes) and stores it. */
  recompute(): Promise<MultisetHash> {
    return this.executor.writeTransaction(
      async (tx) => {
        // The lock every write takes first: no write interleaves with the reading.
        await tx.run(Q.graphDigestLock);
        const { digest, repairs } = await digestOfContent(tx);
        for (const rows of chunks(repairs, 1000)) await tx.run(Q.contentHashRepair, { rows });
        await tx.run(Q.graphDigestSet, { digest: digest.toBase64() });
        return digest;
      },
      Q.graphDigestLock,
      this.timeoutMs,
    );
  }

  /** Compares the stored digest with the content's, writing nothing (tests, checks). */
  check(): Promise<DigestCheck> {
    return this.executor.readTransaction(
      async (tx) => {
        const [row] = await tx.run(Q.graphDigestGet);
        const { digest, repairs } = await digestOfContent(tx);
        const stored = typeof row?.digest === 'string' ? MultisetHash.fromBase64(row.digest) : undefined;
        return {
          version: (row?.version as number | undefined) ?? 0,
          stored: stored?.hex() ?? null,
          computed: digest.hex(),
          staleContentHashes: repairs.length,
        };
      },
      Q.exportContentRows,
      this.timeoutMs,
    );
  }
}

async function digestOfContent(tx: NamedTx) {
  const digest = MultisetHash.empty();
  const repairs: { id: string; hash: string }[] = [];
  for (const row of await tx.run(Q.exportContentRows)) {
    const id = String(row.id);
    const props = row.props as Record<string, unknown>;
    const hash = nodeContentHash(row.labels as string[], props);
    if (props.contentHash !== hash) repairs.push({ id, hash });
    digest.add(nodeElement(id, hash));
    for (const [type, to, rel] of row.out as [string, string, Record<string, unknown>][])
      digest.add(relationshipElement(type, id, to, rel));
  }
  return { digest, repairs };
}
