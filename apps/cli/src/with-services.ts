import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccessModule } from '@rampart/access';
import { AnalysisModule } from '@rampart/analysis';
import { AuditModule } from '@rampart/audit';
import { AppConfig, ConfigModule } from '@rampart/config';
import { GraphContext, GraphModule } from '@rampart/graph';
import { InterchangeModule } from '@rampart/interchange';
import { OutputModule } from '@rampart/output';
import { ReportingModule } from '@rampart/reporting';
import { withGraph } from './with-graph';

/** Runs `fn` with the services the API answers from (no HTTP) on the resolved Neo4j. */
export async function withServices(
  config: AppConfig,
  say: (m: string) => void,
  fn: (app: INestApplicationContext, graph: GraphContext) => Promise<void>,
): Promise<void> {
  await withGraph(config, say, async (graph) => {
    const app = await NestFactory.createApplicationContext(
      {
        module: class RampartCli {},
        imports: [
          ConfigModule.forRoot(config),
          GraphModule.forRoot(graph),
          OutputModule,
          AuditModule,
          AccessModule,
          AnalysisModule,
          ReportingModule,
          InterchangeModule,
        ],
      },
      { logger: false },
    );
    try {
      await fn(app, graph);
    } finally {
      // Closes the driver too (GraphModule); withGraph's own close after it is harmless.
      await app.close().catch(() => undefined);
    }
  });
}
