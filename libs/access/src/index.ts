export * from './access.module';
export * from './auth-tokens';
export * from './auth.service';
export * from './jwt-secret';
export * from './organization-scope.context';
export * from './redaction.service';
export * from './sign-in-throttle';
export * from './user-admin.service';
