import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { User } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { REPORT_NAMES } from '@rampart/reports';
import { JSONObjectScalar } from '../common/json-object.scalar';
import { ReportsService } from '@rampart/reporting';
import { CurrentUser, RequirePermission } from '../auth/permission.decorator';

const REPORT_LIST = `One of ${REPORT_NAMES.join(', ')}.`;

@ObjectType('ReportRun', {
  description: 'One generated report: when, which, with what parameters, its SHA-256.',
})
export class ReportRunModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: REPORT_LIST })
  report!: string;

  @Field({ description: 'md, html, pdf, csv or json' })
  format!: string;

  @Field()
  generatedAt!: string;

  @Field(() => JSONObjectScalar, { description: 'organizationId, asOf, ...' })
  parameters!: Record<string, unknown>;

  @Field({ description: 'SHA-256 of the bytes produced, hex.' })
  sha256!: string;

  @Field(() => Int)
  bytes!: number;

  @Field({ nullable: true, description: 'The name of the file written (reports directory, CLI --out).' })
  file?: string;

  @Field({ description: 'api, cli or schedule' })
  trigger!: string;

  @Field({ nullable: true, description: 'Where to download the file written: GET this path.' })
  downloadPath?: string;
}

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
