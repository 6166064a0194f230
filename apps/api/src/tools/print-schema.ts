import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { loadConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { createApp } from '../bootstrap';
import { createLogger } from '../logging';

/**
 * Writes the GraphQL schema the API serves (SDL) to the file the web client's types are generated
 * from. The schema is built from the resolvers alone: no database is touched.
 */
export async function printGraphqlSchema(): Promise<string> {
  const config = loadConfig();
  // Resolvers and services are only constructed, never called, while the schema is built.
  const graph = { close: async () => undefined } as unknown as GraphContext;
  const app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
  await app.init();
  try {
    return printSchema(app.get(GraphQLSchemaHost).schema);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  const out = process.argv[2];
  printGraphqlSchema()
    .then((sdl) => {
      if (out) fs.writeFileSync(path.resolve(out), `${sdl}\n`);
      else process.stdout.write(`${sdl}\n`);
    })
    .catch((e: unknown) => {
      console.error(`print-schema: ${(e as Error).message}`);
      process.exit(1);
    });
}
