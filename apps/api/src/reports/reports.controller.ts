import { Controller, Get, Param, Res } from '@nestjs/common';
import { Response } from 'express';
import { ReportsService } from '@rampart/reporting';
import { User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { REPORT_FORMATS } from '@rampart/reports';
import { z } from 'zod';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { ValidQuery, param } from '../common/valid-query';

/** GET /api/reports?report=&first= */
export const reportRunsQuery = z.object({
  report: param.text().optional(),
  first: param.wholeNumber(1, 1000).default(50),
});
export type ReportRunsQuery = z.output<typeof reportRunsQuery>;

/** GET /api/reports/:name?format=&organizationId=&asOf= */
export const reportQuery = z.object({
  format: param
    .oneOf(REPORT_FORMATS, `a report format (the formats are ${REPORT_FORMATS.join(', ')})`)
    .default('pdf'),
  organizationId: param.text().optional(),
  asOf: param.isoDate().optional(),
});
export type ReportQuery = z.output<typeof reportQuery>;

/** GET /api/reports/<name>?format=: generate and download; the records; files written by schedules. */
@Controller('api')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly out: OutputMapper,
  ) {}

  /** The latest generated reports (records: time, parameters, SHA-256), newest first. */
  @Get('reports')
  @RequirePermission('report:read')
  async list(@ValidQuery(reportRunsQuery) q: ReportRunsQuery) {
    const runs = await this.reports.list(q.report, q.first);
    return runs.map((r) => this.out.reportRun(r));
  }

  /** Generates the report now and sends it as a download (format: md, html, pdf, csv, json; default pdf). */
  @Get('reports/:name')
  @RequirePermission('report:generate')
  async download(
    @Param('name') name: string,
    @ValidQuery(reportQuery) q: ReportQuery,
    @Res() res: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    const r = await this.reports.generate(name, q.format, {
      organizationId: q.organizationId,
      asOf: q.asOf,
      trigger: 'api',
      clearance: user.clearance,
    });
    res
      .status(200)
      .type(r.contentType)
      .setHeader('content-disposition', `attachment; filename="${r.fileName}"`)
      .setHeader('x-report-run', r.run.id)
      .setHeader('x-report-sha256', r.run.sha256)
      .send(r.content);
  }

  /** A report written into the reports directory (by a schedule or the generateReport mutation). */
  @Get('report-files/:file')
  @RequirePermission('report:read')
  async file(@Param('file') file: string, @Res() res: Response, @CurrentUser() user: User): Promise<void> {
    const f = await this.reports.storedFile(file, user);
    // The reports directory may sit under a dot-folder (.data/reports): the name is checked already.
    res
      .type(f.contentType)
      .setHeader('content-disposition', `attachment; filename="${file}"`)
      .sendFile(f.file, { dotfiles: 'allow' });
  }
}
