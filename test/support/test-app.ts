import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { freshDemo, openGraph } from './test-graph';

/** The HTTP app on the test Neo4j with the demo organisation loaded fresh, logs silenced. */
export async function startDemoApp(
  config: AppConfig,
): Promise<{ app: INestApplication; graph: GraphContext }> {
  const graph = await openGraph(config);
  await freshDemo(graph, config);
  const app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
  await app.init();
  return { app, graph };
}
