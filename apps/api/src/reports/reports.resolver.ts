import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { ReportsService } from '@rampart/reporting';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';
import { REPORT_LIST, ReportRunModel } from './report-run.model';

@Resolver(() => ReportRunModel)
export class ReportsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly out: OutputMapper,
  ) {}

  @RequirePermission('report:generate')
  @Mutation(() => ReportRunModel, {
    description:
      'Generates a report into the reports directory and records it; download it from downloadPath.',
  })
  async generateReport(
    @Args('report', { description: REPORT_LIST }) report: string,
    @Args('format', { defaultValue: 'pdf', description: 'md, html, pdf, csv or json' }) format: string,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('asOf', { nullable: true }) asOf?: string,
    @CurrentUser() user?: User,
  ): Promise<ReportRunModel> {
    const r = await this.reports.generateToDir(report, format, {
      organizationId,
      asOf,
      trigger: 'api',
      clearance: user?.clearance ?? null,
    });
    return this.out.reportRun(r.run);
  }

  @RequirePermission('report:read')
  @Query(() => [ReportRunModel], { description: 'Generated reports, newest first.' })
  async reportRuns(
    @Args('report', { nullable: true }) report?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first?: number,
  ): Promise<ReportRunModel[]> {
    return (await this.reports.list(report, first ?? 50)).map((r) => this.out.reportRun(r));
  }
}
