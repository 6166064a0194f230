import { GraphContext } from '@rampart/graph';
import { ImportReport, NativeImporter } from './native/native-importer';

/** Loads the demo organisation when the graph holds no entity; otherwise leaves it alone. */
export async function loadDemoIfEmpty(graph: GraphContext, file: string): Promise<ImportReport | null> {
  if (!(await graph.health.isEmpty())) return null;
  const report = await new NativeImporter(graph).importFile(file);
  if (!report.ok)
    throw new Error(
      `the demo file ${file} is invalid: ${report.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return report;
}
