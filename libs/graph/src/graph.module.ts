import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { GraphContext } from './graph-context';
import { EntityRepository } from './repositories/entity.repository';
import { AnalyticsRepository } from './repositories/analytics.repository';
import { FindingsRepository } from './repositories/findings.repository';
import { GraphHealthRepository } from './repositories/graph-health.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { OrganizationDeletionRepository } from './repositories/organization-deletion.repository';
import { ReportRunRepository } from './repositories/report-run.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { UserRepository } from './repositories/user.repository';
import { AuditRepository } from './repositories/audit.repository';
import { SharedStateRepository } from './repositories/shared-state.repository';
import { ExportRepository } from './repositories/export.repository';
import { GraphDigestRepository } from './repositories/graph-digest.repository';

export const GRAPH_CONTEXT = Symbol('GRAPH_CONTEXT');

/** Exposes an already connected GraphContext to Nest; closes its driver when the app closes. */
@Global()
@Module({})
export class GraphModule implements OnApplicationShutdown {
  constructor(@Inject(GRAPH_CONTEXT) private readonly graph: GraphContext) {}

  static forRoot(graph: GraphContext): DynamicModule {
    const from = <T>(token: new (...args: never[]) => T, pick: (g: GraphContext) => T) => ({
      provide: token,
      useFactory: pick,
      inject: [GRAPH_CONTEXT],
    });
    const providers = [
      { provide: GRAPH_CONTEXT, useValue: graph },
      from(GraphHealthRepository, (g) => g.health),
      from(OrganizationRepository, (g) => g.organizations),
      from(OrganizationDeletionRepository, (g) => g.organizationDeletion),
      from(EntityRepository, (g) => g.entities),
      from(AnalyticsRepository, (g) => g.analytics),
      from(FindingsRepository, (g) => g.findings),
      from(ReportRunRepository, (g) => g.reportRuns),
      from(UserRepository, (g) => g.users),
      from(RefreshTokenRepository, (g) => g.refreshTokens),
      from(AuditRepository, (g) => g.audit),
      from(SharedStateRepository, (g) => g.sharedState),
      from(ExportRepository, (g) => g.exports),
      from(GraphDigestRepository, (g) => g.digests),
    ];
    return { module: GraphModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.graph.close();
  }
}
