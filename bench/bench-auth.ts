import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@rampart/config';
import { UserRepository } from '@rampart/graph';
import { randomBytes } from 'node:crypto';
import { AuthService, TokenPair } from '@rampart/access';
import { UserAdminService } from '@rampart/access';

/** Benchmarks measure speed, not the guards: no rate limit in their app. */
export const benchConfig = (config: AppConfig): AppConfig => ({
  ...config,
  guards: { ...config.guards, rateLimitPerMinute: 0 },
});

const USERNAME = 'bench-admin';
const PASSWORD = randomBytes(24).toString('base64url');

/**
 * Signs in as the benchmark's own admin account (created, or given a new password, on each run:
 * the password lives only in this process). Each call is a new sign-in with its own refresh token.
 */
export async function benchSignIn(app: INestApplication): Promise<TokenPair> {
  const admin = app.get(UserAdminService);
  if (await app.get(UserRepository).byUsername(USERNAME)) {
    await admin.update(USERNAME, { password: PASSWORD, disabled: false, roles: ['admin'] });
  } else {
    await admin.create({ username: USERNAME, password: PASSWORD, roles: ['admin'], clearance: 'TOP_SECRET' });
  }
  return app.get(AuthService).login(USERNAME, PASSWORD);
}
