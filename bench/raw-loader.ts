/**
 * The minimal hand-written loader the import is measured against (issue 21): the same nodes and
 * relationships as the import writes (the import's own row conversion), written in batches of
 * `UNWIND ... MERGE`, one transaction per batch, with none of the import's checks, sync or audit.
 *
 *   node dist-bench/bench/raw-loader.js <generated.json> [--batch 1000]
 */
import * as fs from 'node:fs';
import { NativeDocument, NodeRow, RelationshipRow } from '@rampart/domain';
import { loadConfig } from '@rampart/config';
import { Q, createGraphContext, graphOptionsFrom, resolveNeo4j } from '@rampart/graph';
import { documentToRows } from '@rampart/interchange';
import { numberArg } from './bench-args';

const batch = numberArg('batch', 1000);

function groups<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

async function main() {
  const file = process.argv[2];
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as NativeDocument;
  const { nodes, relationships } = documentToRows(doc, String(doc.organization?.id ?? 'org'), 'raw.json');
  const config = loadConfig(process.env);
  const neo4j = await resolveNeo4j(config.neo4j, (m) => console.error(m));
  const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
  try {
    for (const [, group] of groups<NodeRow>(nodes, (n) => n.labels.join(':'))) {
      for (let i = 0; i < group.length; i += batch) {
        const rows = group.slice(i, i + batch).map(({ id, props }) => ({ id, props }));
        await graph.executor.executeWrite(Q.benchRawMergeNodes, { labels: group[0].labels, rows });
      }
    }
    for (const [type, group] of groups<RelationshipRow>(relationships, (r) => r.type)) {
      for (let i = 0; i < group.length; i += batch) {
        const rows = group
          .slice(i, i + batch)
          .map(({ from, to, props }) => ({ from, to, key: props.key ?? '', props }));
        await graph.executor.executeWrite(Q.benchRawMergeRelationships, { type, rows });
      }
    }
    console.error(`raw loader: ${nodes.length} nodes, ${relationships.length} relationships`);
  } finally {
    await graph.close();
    await neo4j.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`raw loader: ${(e as Error).message}`);
  process.exit(1);
});
