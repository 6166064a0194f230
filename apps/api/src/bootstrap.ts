import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, text } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';

/** Builds the HTTP app (REST under /api (each controller's path says so), GraphQL at /graphql, health at /health) without listening. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bufferLogs: true, bodyParser: false });
  // Imports are whole files: their own, larger limit, read as text whatever the content type.
  app.use('/api/import', text({ type: () => true, limit: options.config.importBodyLimit }));
  app.use(json({ limit: options.config.bodyLimit }));
  app.useLogger(app.get(PinoNestLogger));
  return app;
}
