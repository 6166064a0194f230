import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { AppConfig } from '@rampart/config';
import { GRAPH_CONTEXT, GraphContext, GraphModule } from '@rampart/graph';
import { EntityEditor, Exporter, NativeImporter, StixImporter } from '@rampart/import';
import { OutputMapper } from '@rampart/output';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { AnalyticsService } from './analytics/analytics.service';
import { AttackGraphCache } from './analytics/attack-graph.cache';
import { CoverageResolver } from './analytics/coverage.resolver';
import { CoverageService } from './analytics/coverage.service';
import { FindingsResolver } from './analytics/findings.resolver';
import { RiskResolver } from './analytics/risk.resolver';
import { RiskService } from './analytics/risk.service';
import { FindingsService } from './analytics/findings.service';
import { AssetResolver } from './asset/asset.resolver';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { JSONObjectScalar } from './common/json-object.scalar';
import { EntityMutationResolver } from './entity/entity-mutation.resolver';
import { EntityQueryService } from './entity/entity-query.service';
import { EntityResolver, LIST_RESOLVERS } from './entity/entity.resolver';
import { HealthController } from './health/health.controller';
import { InterchangeController } from './interchange/interchange.controller';
import { requestId } from './logging';
import { OrganizationController } from './organization/organization.controller';
import { OrganizationResolver } from './organization/organization.resolver';

export interface AppModuleOptions {
  config: AppConfig;
  graph: GraphContext;
  logger: Logger;
}

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
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: config.env !== 'production',
          includeStacktraceInErrorResponses: false,
          // Field resolvers (Organization.assets) go through the same error filter as queries.
          fieldResolverEnhancers: ['filters'],
          resolvers: { JSONObject: JSONObjectScalar },
        }),
      ],
      controllers: [HealthController, OrganizationController, InterchangeController],
      providers: [
        OutputMapper,
        {
          provide: NativeImporter,
          useFactory: (g: GraphContext) => new NativeImporter(g),
          inject: [GRAPH_CONTEXT],
        },
        { provide: Exporter, useFactory: (g: GraphContext) => new Exporter(g), inject: [GRAPH_CONTEXT] },
        {
          provide: StixImporter,
          useFactory: (g: GraphContext) => new StixImporter(g),
          inject: [GRAPH_CONTEXT],
        },
        {
          provide: EntityEditor,
          useFactory: (g: GraphContext, i: NativeImporter) => new EntityEditor(g, i),
          inject: [GRAPH_CONTEXT, NativeImporter],
        },
        EntityQueryService,
        {
          provide: AttackGraphCache,
          useFactory: (g: GraphContext) => new AttackGraphCache(g.analytics, config.graphRecheckMs),
          inject: [GRAPH_CONTEXT],
        },
        AnalyticsService,
        AnalyticsResolver,
        FindingsService,
        FindingsResolver,
        CoverageService,
        CoverageResolver,
        RiskService,
        RiskResolver,
        OrganizationResolver,
        AssetResolver,
        EntityResolver,
        EntityMutationResolver,
        ...LIST_RESOLVERS,
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
