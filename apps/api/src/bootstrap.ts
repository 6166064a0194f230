import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { json, static as serveStatic } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { bodyErrors, installHttpGuards } from './common/http-guards';
import { csvUploads } from './interchange/csv-upload';
import { spoolImports } from './interchange/import-spool';
import { importGate } from './interchange/import-gate';

/** Builds the HTTP app (REST under /api (each controller's path says so), GraphQL at /graphql, health at /health) without listening. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bufferLogs: true, bodyParser: false });
  // Imports are whole files: their own, larger limit, spooled to disk whatever the content type,
  // except multipart/form-data: the files of a CSV set, one part each, in memory.
  installHttpGuards(app, options.config, (m) => options.logger.warn(m));
  const importLimit = options.config.importBodyLimit;
  // The queue first: a waiting import's body is not read yet, so memory is one body per turn.
  app.use('/api/import', importGate(options.config.importQueue));
  app.use('/api/import', csvUploads(importLimit));
  app.use('/api/import', spoolImports(importLimit));
  app.use(json({ limit: options.config.bodyLimit }));
  app.use(bodyErrors(options.config));
  serveWebUi(app, options.config.webDir);
  app.useLogger(app.get(PinoNestLogger));
  return app;
}

/** The analysts' UI at / (hash routes: one index.html); a clear answer when it was not built. */
function serveWebUi(app: INestApplication, webDir: string): void {
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    app.use(
      serveStatic(webDir, {
        index: 'index.html',
        // Built assets carry a content hash; index.html must be asked again after an upgrade.
        setHeaders: (res, file) =>
          res.setHeader(
            'cache-control',
            file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
          ),
      }),
    );
    return;
  }
  app.use('/', (req: { method: string; path: string }, res: WebResponse, next: () => void) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res
      .status(503)
      .type('text/plain')
      .send(`The web UI is not built (no ${webDir}/index.html): run npm run build.`);
  });
}

interface WebResponse {
  status(code: number): WebResponse;
  type(t: string): WebResponse;
  send(body: string): void;
}
