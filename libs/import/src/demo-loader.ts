import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { GraphContext } from '@rampart/graph';
import { nativeToRows } from './native-to-rows';

export interface DemoLoadResult {
  loaded: boolean;
  nodes: number;
  relationships: number;
}

/** Loads the demo organisation when the graph holds no entity; otherwise leaves it alone. */
export async function loadDemoIfEmpty(graph: GraphContext, file: string): Promise<DemoLoadResult> {
  if (!(await graph.health.isEmpty())) return { loaded: false, nodes: 0, relationships: 0 };
  const doc = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const rows = nativeToRows(doc, path.basename(file));
  const counts = await graph.seed.write(rows.nodes, rows.relationships);
  return { loaded: true, ...counts };
}
