import { DynamicModule, Logger, Module } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '@rampart/config';
import { GRAPH_CONTEXT, GraphContext } from '@rampart/graph';
import { AccessTokens } from '@rampart/auth';
import { OutputMapper } from '@rampart/output';
import { AnalyticsService } from './analytics/analytics.service';
import { AttackGraphCache } from './analytics/attack-graph.cache';
import { CoverageService } from './analytics/coverage.service';
import { FindingsService } from './analytics/findings.service';
import { RiskService } from './analytics/risk.service';
import { AuditService } from './audit/audit.service';
import { ACCESS_TOKENS, AUTH_CONFIG, SIGN_IN_THROTTLE } from './auth/auth-tokens';
import { SignInThrottle } from './auth/sign-in-throttle';
import { AuthService } from './auth/auth.service';
import { resolveJwtSecret } from './auth/jwt-secret';
import { REDACTION_KEY, RedactionService } from './auth/redaction.service';
import { UserAdminService } from './auth/user-admin.service';
import { EntityQueryService } from './entity/entity-query.service';
import { OrganizationQueryService } from './organization/organization-query.service';
import { PostureReportService } from './reports/posture-report.service';
import { ReportFactsService } from './reports/report-facts.service';
import { REPORTS_CONFIG } from './reports/reports-config';
import { ReportsService } from './reports/reports.service';
import { SecurityPlanService } from './reports/security-plan.service';
import { UncoveredReportService } from './reports/uncovered-report.service';

/**
 * The services without any transport: the HTTP app (AppModule) and the CLI (`rampart report`)
 * both answer from these, so a report from either carries the API's numbers. Needs GraphModule.
 */
@Module({})
export class ServicesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers = [
      OutputMapper,
      { provide: REPORTS_CONFIG, useValue: config.reports },
      { provide: AUTH_CONFIG, useValue: config.auth },
      {
        provide: ACCESS_TOKENS,
        useFactory: () =>
          new AccessTokens({
            secret: resolveJwtSecret(config.auth),
            ttlSeconds: config.auth.accessTokenTtlSeconds,
          }),
      },
      {
        provide: SIGN_IN_THROTTLE,
        useFactory: () => {
          const log = new Logger('Auth');
          const g = config.guards;
          return new SignInThrottle(
            {
              maxFailures: g.signInMaxFailures,
              maxFailuresPerAddress: g.signInMaxFailuresPerAddress,
              lockSeconds: g.signInLockSeconds,
            },
            (m) => log.warn(m),
          );
        },
      },
      {
        // Pseudonyms and sealed cursors stay the same across restarts and instances.
        provide: REDACTION_KEY,
        useFactory: () =>
          createHmac('sha256', resolveJwtSecret(config.auth)).update('rampart:redaction').digest(),
      },
      RedactionService,
      AuditService,
      AuthService,
      UserAdminService,
      {
        provide: AttackGraphCache,
        useFactory: (g: GraphContext) => new AttackGraphCache(g.analytics, config.graphRecheckMs),
        inject: [GRAPH_CONTEXT],
      },
      AnalyticsService,
      FindingsService,
      CoverageService,
      RiskService,
      EntityQueryService,
      OrganizationQueryService,
      ReportFactsService,
      UncoveredReportService,
      PostureReportService,
      SecurityPlanService,
      ReportsService,
    ];
    return {
      module: ServicesModule,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
