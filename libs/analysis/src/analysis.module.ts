import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rampart/config';
import { AccessModule } from '@rampart/access';
import { AnalyticsRepository } from '@rampart/graph';
import { AnalyticsService } from './analytics.service';
import { AttackGraphCache } from './attack-graph-cache.service';
import { CoverageService } from './coverage.service';
import { EntityQueryService } from './entity-query.service';
import { FindingsService } from './findings.service';
import { OrganizationQueryService } from './organization-query.service';
import { RiskService } from './risk.service';

const services = [
  AnalyticsService,
  FindingsService,
  CoverageService,
  RiskService,
  EntityQueryService,
  OrganizationQueryService,
];

/**
 * The read side: every question about an organisation's graph, computed by libs/analytics on the
 * attack graph of the current version and scope. Needs ConfigModule and GraphModule.
 */
@Module({
  imports: [AccessModule],
  providers: [
    {
      provide: AttackGraphCache,
      useFactory: (repo: AnalyticsRepository, config: AppConfig) =>
        new AttackGraphCache(repo, config.graphRecheckMs, Date.now, config.backgroundReloadNodes),
      inject: [AnalyticsRepository, APP_CONFIG],
    },
    ...services,
  ],
  exports: [AttackGraphCache, ...services],
})
export class AnalysisModule {}
