import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@rampart/config';
import { GraphModule } from '@rampart/graph';
import { ServicesModule } from '../../api/src/services.module';
import { withGraph } from './with-graph';

/** Runs `fn` with the API's services (no HTTP) on the resolved Neo4j: the CLI answers as the API does. */
export async function withServices(
  config: AppConfig,
  say: (m: string) => void,
  fn: (app: INestApplicationContext) => Promise<void>,
): Promise<void> {
  await withGraph(config, say, async (graph) => {
    const app = await NestFactory.createApplicationContext(
      { module: class RampartCli {}, imports: [GraphModule.forRoot(graph), ServicesModule.forRoot(config)] },
      { logger: false },
    );
    try {
      await fn(app);
    } finally {
      // Closes the driver too (GraphModule); withGraph's own close after it is harmless.
      await app.close().catch(() => undefined);
    }
  });
}
