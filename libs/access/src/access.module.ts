import { Logger, Module } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AccessTokens } from '@rampart/auth';
import { APP_CONFIG, AppConfig } from '@rampart/config';
import { AuditModule } from '@rampart/audit';
import { SharedStateRepository } from '@rampart/graph';
import { ACCESS_TOKENS, AUTH_CONFIG, SIGN_IN_THROTTLE } from './auth-tokens';
import { AuthService } from './auth.service';
import { resolveJwtSecret } from './jwt-secret';
import { REDACTION_KEY, RedactionService } from './redaction.service';
import { RequestRateLimiter } from './request-rate-limiter';
import { SignInThrottle } from './sign-in-throttle';
import { UserAdminService } from './user-admin.service';

const fromConfig = <T>(provide: symbol, make: (config: AppConfig) => T) => ({
  provide,
  useFactory: make,
  inject: [APP_CONFIG],
});

/**
 * Who may see and do what: sign-in and tokens, accounts, and the redaction of need-to-know
 * (a redactor per clearance). Needs ConfigModule and GraphModule.
 */
@Module({
  imports: [AuditModule],
  providers: [
    fromConfig(AUTH_CONFIG, (c) => c.auth),
    fromConfig(
      ACCESS_TOKENS,
      (c) => new AccessTokens({ secret: resolveJwtSecret(c.auth), ttlSeconds: c.auth.accessTokenTtlSeconds }),
    ),
    {
      provide: SIGN_IN_THROTTLE,
      // Counts in Neo4j: every instance sees the same locks (issue 21).
      useFactory: (c: AppConfig, store: SharedStateRepository) => {
        const log = new Logger('Auth');
        const g = c.guards;
        return new SignInThrottle(
          {
            maxFailures: g.signInMaxFailures,
            maxFailuresPerAddress: g.signInMaxFailuresPerAddress,
            lockSeconds: g.signInLockSeconds,
          },
          (m) => log.warn(m),
          store,
        );
      },
      inject: [APP_CONFIG, SharedStateRepository],
    },
    {
      provide: RequestRateLimiter,
      useFactory: (c: AppConfig, store: SharedStateRepository) => {
        const log = new Logger('RateLimit');
        return new RequestRateLimiter(c.guards.rateLimitPerMinute, store, { warn: (m) => log.warn(m) });
      },
      inject: [APP_CONFIG, SharedStateRepository],
    },
    // Pseudonyms and sealed cursors stay the same across restarts and instances.
    fromConfig(REDACTION_KEY, (c) =>
      createHmac('sha256', resolveJwtSecret(c.auth)).update('rampart:redaction').digest(),
    ),
    RedactionService,
    AuthService,
    UserAdminService,
  ],
  exports: [
    AUTH_CONFIG,
    ACCESS_TOKENS,
    SIGN_IN_THROTTLE,
    RequestRateLimiter,
    REDACTION_KEY,
    RedactionService,
    AuthService,
    UserAdminService,
  ],
})
export class AccessModule {}
