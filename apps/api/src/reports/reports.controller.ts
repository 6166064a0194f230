import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { ReportsService } from '@rampart/reporting';
import { User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';

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
  async list(@Query('report') report?: string, @Query('first') first?: string) {
    const runs = await this.reports.list(report, first === undefined ? 50 : Number(first));
    return runs.map((r) => this.out.reportRun(r));
  }

  /** Generates the report now and sends it as a download (format: md, html, pdf, csv, json; default pdf). */
  @Get('reports/:name')
  @RequirePermission('report:generate')
  async download(
    @Param('name') name: string,
    @Query() q: Record<string, string | undefined>,
    @Res() res: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    const r = await this.reports.generate(name, q.format ?? 'pdf', {
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
