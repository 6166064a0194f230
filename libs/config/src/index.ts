export * from './app-config';
export * from './config.schema';
export * from './load-config';
export * from './oidc-config';
export * from './config.module';
