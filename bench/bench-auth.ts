import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccessModule, TokenPair, UserAdminService } from '@rampart/access';
import { AuditModule } from '@rampart/audit';
import { AppConfig, ConfigModule } from '@rampart/config';
import { GraphContext, GraphModule, UserRepository } from '@rampart/graph';
import { OutputModule } from '@rampart/output';
import { randomBytes } from 'node:crypto';

/**
 * The benchmark's own services (the libs, no HTTP) on its graph, signing with `jwtSecret`: the
 * RAMPART_JWT_SECRET its API child process is given too. Closing it closes the graph's driver.
 */
export function benchServices(
  config: AppConfig,
  graph: GraphContext,
  jwtSecret: string,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    {
      module: class RampartBench {},
      imports: [
        ConfigModule.forRoot({ ...config, auth: { ...config.auth, jwtSecret } }),
        GraphModule.forRoot(graph),
        OutputModule,
        AuditModule,
        AccessModule,
      ],
    },
    { logger: false },
  );
}

/** A new signing key for one run (RAMPART_JWT_SECRET wants 32 characters or more). */
export const benchJwtSecret = (): string => randomBytes(48).toString('base64url');

const USERNAME = 'bench-admin';
/** An analyst limited to some organisations (issue 18): their graph is scoped. */
const LIMITED = 'bench-limited';
const PASSWORD = randomBytes(24).toString('base64url');

/**
 * The benchmark's own admin account, created (or given a new password) through the services on
 * each run: the password lives only in this process.
 */
export async function createBenchAccount(services: INestApplicationContext): Promise<void> {
  const admin = services.get(UserAdminService);
  if (await services.get(UserRepository).byUsername(USERNAME)) {
    await admin.update(USERNAME, { password: PASSWORD, disabled: false, roles: ['admin'] });
  } else {
    await admin.create({ username: USERNAME, password: PASSWORD, roles: ['admin'], clearance: 'TOP_SECRET' });
  }
}

/** An analyst account limited to `organizationIds`, created or updated like the admin's. */
export async function createLimitedBenchAccount(
  services: INestApplicationContext,
  organizationIds: string[],
): Promise<void> {
  const admin = services.get(UserAdminService);
  const fields = { password: PASSWORD, disabled: false, roles: ['analyst' as const], organizationIds };
  if (await services.get(UserRepository).byUsername(LIMITED)) await admin.update(LIMITED, fields);
  else await admin.create({ username: LIMITED, clearance: 'TOP_SECRET', ...fields });
}

/**
 * Signs in as the benchmark's account over the API's REST endpoint (`apiUrl`: http://host:port).
 * Each call is a new sign-in with its own refresh token.
 */
export async function benchSignIn(apiUrl: string, limited = false): Promise<TokenPair> {
  const username = limited ? LIMITED : USERNAME;
  const res = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenPair;
}
