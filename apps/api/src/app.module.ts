import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { AccessModule, SharedStateJanitor } from '@rampart/access';
import { AnalysisModule } from '@rampart/analysis';
import { AuditModule } from '@rampart/audit';
import { AppConfig, ConfigModule } from '@rampart/config';
import { GraphContext, GraphModule } from '@rampart/graph';
import { InterchangeModule } from '@rampart/interchange';
import { OutputModule } from '@rampart/output';
import { ReportingModule, ReportScheduler } from '@rampart/reporting';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { CoverageResolver } from './analytics/coverage.resolver';
import { FindingsResolver } from './analytics/findings.resolver';
import { RiskResolver } from './analytics/risk.resolver';
import { ThreatTargetsResolver } from './analytics/threat-targets.resolver';
import { AssetResolver } from './asset/asset.resolver';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { graphqlErrorStatusPlugin } from './common/graphql-error-status';
import { formatGraphqlError, unsupportedOperationsPlugin } from './common/graphql-hardening';
import { graphqlLimitsPlugin, graphqlParseOptions } from './common/graphql-limits';
import { JSONObjectScalar } from './common/json-object.scalar';
import { EntityMutationResolver } from './entity/entity-mutation.resolver';
import { EntityResolver, LIST_RESOLVERS } from './entity/entity.resolver';
import { HealthController } from './health/health.controller';
import { InterchangeController } from './interchange/interchange.controller';
import { requestId } from './logging';
import { OrganizationController } from './organization/organization.controller';
import { OrganizationResolver } from './organization/organization.resolver';
import { ReportsController } from './reports/reports.controller';
import { ReportsResolver } from './reports/reports.resolver';
import { RedactionInterceptor } from './auth/redaction.interceptor';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditResolver } from './audit/audit.resolver';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { OidcController } from './auth/oidc.controller';
import { OidcService } from './auth/oidc.service';
import { UserResolver } from './auth/user.resolver';

export interface AppModuleOptions {
  config: AppConfig;
  graph: GraphContext;
  logger: Logger;
}

/** Timers only the API runs (the CLI runs no schedule): schedules, and the sweep of shared state. */
const API_ONLY = [ReportScheduler, SharedStateJanitor];

@Module({})
export class AppModule {
  /** Config and the connected graph come in from main: validated and connected once, at boot. */
  static forRoot({ config, graph, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            logger,
            genReqId: requestId,
            customLogLevel: (_req, res, err) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        GraphModule.forRoot(graph),
        ConfigModule.forRoot(config),
        OutputModule,
        AuditModule,
        AccessModule,
        AnalysisModule,
        ReportingModule,
        InterchangeModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: config.env !== 'production',
          // Production shows no landing page and no "did you mean" hints naming schema fields.
          playground: config.env !== 'production',
          hideSchemaDetailsFromClientErrors: config.env === 'production',
          plugins: [
            graphqlLimitsPlugin({
              maxDepth: config.guards.graphqlMaxDepth,
              maxComplexity: config.guards.graphqlMaxComplexity,
              maxCost: config.guards.graphqlMaxCost,
              maxAliases: config.guards.graphqlMaxAliases,
              maxTokens: config.guards.graphqlMaxTokens,
            }),
            graphqlErrorStatusPlugin(),
            unsupportedOperationsPlugin(),
          ],
          // Counts tokens while parsing: a longer document is refused before its tree is built.
          parseOptions: graphqlParseOptions({ maxTokens: config.guards.graphqlMaxTokens }),
          // Nest would reset every executed request to 200: 503/504 (graphqlErrorStatusPlugin) must stay.
          preserveHttpStatusForExecutionErrors: false,
          formatError: formatGraphqlError,
          includeStacktraceInErrorResponses: false,
          // Field resolvers (Organization.assets) go through the same error filter and redaction as queries.
          fieldResolverEnhancers: ['filters', 'interceptors'],
          resolvers: { JSONObject: JSONObjectScalar },
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        OidcController,
        OrganizationController,
        InterchangeController,
        ReportsController,
      ],
      providers: [
        UserResolver,
        OidcService,
        AuditResolver,
        AnalyticsResolver,
        FindingsResolver,
        CoverageResolver,
        RiskResolver,
        ThreatTargetsResolver,
        ReportsResolver,
        ...API_ONLY,
        OrganizationResolver,
        AssetResolver,
        EntityResolver,
        EntityMutationResolver,
        ...LIST_RESOLVERS,
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        // After the audit: the trail records what was asked, the caller gets what it may see.
        { provide: APP_INTERCEPTOR, useClass: RedactionInterceptor },
      ],
    };
  }
}
