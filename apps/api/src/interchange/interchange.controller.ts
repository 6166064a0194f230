import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { User } from '@rampart/domain';
import { currentRedactor, currentScope } from '@rampart/access';
import { EXPORT_FORMATS, InterchangeService } from '@rampart/interchange';
import { OutputMapper } from '@rampart/output';
import { z } from 'zod';
import { UploadedCsv, isMultipart } from './csv-upload';
import { spooledUpload } from './import-spool';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { ValidQuery, param } from '../common/valid-query';

/** POST /api/import?dryRun=&prune=&organizationId=&source=&filename= */
export const importQuery = z.object({
  dryRun: param.flag(),
  prune: param.flag(),
  organizationId: param.text().optional(),
  source: param.text().optional(),
  filename: param.text().default('upload'),
});
export type ImportQuery = z.output<typeof importQuery>;

/** GET /api/export?format=&organizationId=&source= */
export const exportQuery = z.object({
  format: param.oneOf(EXPORT_FORMATS).default('yaml'),
  organizationId: param.text().optional(),
  source: param.text().optional(),
});
export type ExportQuery = z.output<typeof exportQuery>;

/** POST /api/import and GET /api/export: thin; the interchange front door does the work. */
@Controller('api')
export class InterchangeController {
  constructor(
    private readonly interchange: InterchangeService,
    private readonly out: OutputMapper,
  ) {}

  /**
   * Body: the organisation file (YAML or JSON), or a STIX 2.1 bundle for the threat library. The format comes from Content-Type, else from the
   * extension of `filename`, else from the content. Or `multipart/form-data` with one part per
   * file of a CSV set, each part's file name saying its section (`people.csv`); `filename` then
   * names the set. 200 with the report when valid, 422 with every issue when not (nothing written);
   * 403 when the file would create, change or prune an entry above the user's clearance.
   */
  @Post('import')
  @RequirePermission('graph:import')
  async import(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @ValidQuery(importQuery) q: ImportQuery,
    @CurrentUser() user: User | undefined,
  ) {
    const name = q.filename;
    const request = {
      dryRun: q.dryRun,
      prune: q.prune,
      organizationId: q.organizationId,
      source: q.source,
      // Need-to-know; no user cannot happen behind the guard, and would mean no clearance (fail closed).
      clearance: user?.clearance ?? null,
      organizations: currentScope(),
    };
    // A document was spooled to disk (spoolImports): read from there, entry by entry when it can be.
    const upload = spooledUpload(req);
    const outcome = isMultipart(req)
      ? await this.interchange.import(
          {
            kind: 'csv',
            name,
            files: ((req.files ?? []) as UploadedCsv[]).map((f) => ({
              name: f.originalname,
              text: f.buffer.toString('utf8'),
            })),
          },
          request,
        )
      : upload
        ? await this.interchange.importFile(upload.path, request, {
            name,
            contentType: req.headers['content-type'],
          })
        : await this.interchange.import({ kind: 'document', name, text: '' }, request);
    res.status(outcome.ok ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY);
    // The threat library: always valid or refused whole (400), never a 422 issue list.
    return outcome.format === 'stix'
      ? this.out.stixReport(outcome.report)
      : this.out.importReport(outcome.report);
  }

  @Get('export')
  @RequirePermission('graph:export')
  async export(@Res() res: Response, @ValidQuery(exportQuery) q: ExportQuery) {
    // Need-to-know: hidden entities leave as placeholders, their ids and names in no text or file.
    const redactor = currentRedactor();
    const result = await this.interchange.export(
      q.format,
      { organizationId: q.organizationId, source: q.source, organizationIds: currentScope().ids() },
      redactor,
    );
    // Written with end(): express's send() and attachment() re-map application/yaml (RFC 9512) to text/yaml.
    res.status(HttpStatus.OK);
    res.setHeader(
      'Content-Type',
      typeof result.body === 'string' ? `${result.contentType}; charset=utf-8` : result.contentType,
    );
    res.setHeader('Content-Disposition', `attachment; filename="${redactor.text(result.fileName)}"`);
    res.end(result.body);
  }
}
