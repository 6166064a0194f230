import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, text } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { csvUploads, isMultipart } from './interchange/csv-upload';

/** Builds the HTTP app (REST under /api (each controller's path says so), GraphQL at /graphql, health at /health) without listening. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bufferLogs: true, bodyParser: false });
  // Imports are whole files: their own, larger limit, read as text whatever the content type,
  // except multipart/form-data: the files of a CSV set, one part each.
  const importLimit = options.config.importBodyLimit;
  app.use('/api/import', csvUploads(importLimit));
  app.use('/api/import', text({ type: (req) => !isMultipart(req), limit: importLimit }));
  app.use(json({ limit: options.config.bodyLimit }));
  app.useLogger(app.get(PinoNestLogger));
  return app;
}
