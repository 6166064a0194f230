export * from './analysis.module';
export * from './analytics.service';
export * from './attack-graph-cache.service';
export * from './coverage.service';
export * from './entity-query.service';
export * from './findings.service';
export * from './organization-query.service';
export * from './risk.service';
