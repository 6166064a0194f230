import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rampart/config';
import { AccessModule } from '@rampart/access';
import { AnalysisModule } from '@rampart/analysis';
import { PostureReportService } from './posture-report.service';
import { ReportFactsService } from './report-facts.service';
import { REPORTS_CONFIG } from './reports-config';
import { ReportsService } from './reports.service';
import { SecurityPlanService } from './security-plan.service';
import { UncoveredReportService } from './uncovered-report.service';

const services = [
  ReportFactsService,
  UncoveredReportService,
  PostureReportService,
  SecurityPlanService,
  ReportsService,
];

/**
 * Reports: one service per report builds its typed data from the read side; ReportsService
 * renders (libs/reports), stores and lists them. ReportScheduler is exported as a class for the
 * API to provide: the CLI generates on demand and runs no schedule.
 */
@Module({
  imports: [AccessModule, AnalysisModule],
  providers: [
    { provide: REPORTS_CONFIG, useFactory: (c: AppConfig) => c.reports, inject: [APP_CONFIG] },
    ...services,
  ],
  exports: [REPORTS_CONFIG, ...services],
})
export class ReportingModule {}
