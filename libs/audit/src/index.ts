export * from './audit.module';
export * from './audit.service';
export * from './audit-counts';
export * from './audit-organizations';
