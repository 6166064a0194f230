import { Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError, User } from '@rampart/domain';
import {
  CSV_FILE_NAMES,
  CsvImporter,
  EXPORT_FORMATS,
  ExportFormat,
  Exporter,
  FileFormat,
  NativeImporter,
  StixImporter,
  looksLikeStixBundle,
} from '@rampart/import';
import { OutputMapper } from '@rampart/output';
import { UploadedCsv, isMultipart } from './csv-upload';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { currentScope } from '../auth/organization-scope.context';
import { currentRedactor } from '../auth/redaction.service';

const FORMAT_BY_TYPE: Record<string, FileFormat> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};

const flag = (v: unknown) => v === 'true' || v === '1';

/** POST /api/import and GET /api/export: thin; the importer and exporter do the work. */
@Controller('api')
export class InterchangeController {
  constructor(
    private readonly importer: NativeImporter,
    private readonly exporter: Exporter,
    private readonly stix: StixImporter,
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
    @Query() q: Record<string, string | undefined>,
    @CurrentUser() user: User | undefined,
  ) {
    const options = {
      dryRun: flag(q.dryRun),
      prune: flag(q.prune),
      organizationId: q.organizationId,
      source: q.source,
      // Need-to-know; no user cannot happen behind the guard, and would mean no clearance (fail closed).
      clearance: user?.clearance ?? null,
      organizations: currentScope(),
    };
    if (isMultipart(req)) {
      const files = (req.files ?? []) as UploadedCsv[];
      if (!files.length) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `A multipart import holds the files of a CSV set, one file part each (${CSV_FILE_NAMES.join(', ')}).`,
        );
      }
      const csv = files.map((f) => ({ name: f.originalname, text: f.buffer.toString('utf8') }));
      const report = await new CsvImporter(this.importer).importSet(q.filename ?? 'upload', csv, options);
      res.status(report.ok ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY);
      return this.out.importReport(report);
    }
    if (typeof req.body !== 'string' || !req.body.trim()) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The request body must be the organisation file (YAML or JSON).',
      );
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const file = q.filename ?? 'upload';
    if (looksLikeStixBundle(req.body)) {
      if (options.organizations.limited) {
        throw new DomainError(
          'FORBIDDEN',
          'The threat library is shared by every organisation: an account limited to some organisations cannot import into it.',
        );
      }
      // The threat library: always valid or refused whole (400), never a 422 issue list.
      const stix = await this.stix.importText(file, req.body, options);
      res.status(HttpStatus.OK);
      return this.out.stixReport(stix);
    }
    const report = await this.importer.importText(file, req.body, {
      ...options,
      format: FORMAT_BY_TYPE[type],
    });
    res.status(report.ok ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY);
    return this.out.importReport(report);
  }

  @Get('export')
  @RequirePermission('graph:export')
  async export(@Res() res: Response, @Query() q: Record<string, string | undefined>) {
    const format = (q.format ?? 'yaml') as ExportFormat;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `format must be one of ${EXPORT_FORMATS.join(', ')}; got "${format}".`,
      );
    }
    // Need-to-know: hidden entities leave as placeholders, their ids and names in no text or file.
    const redactor = currentRedactor();
    const result = await this.exporter.export(
      format,
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
