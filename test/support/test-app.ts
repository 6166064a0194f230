import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@rampart/config';
import { Role } from '@rampart/domain';
import { GraphContext, UserRepository } from '@rampart/graph';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AuthService } from '@rampart/access';
import { UserAdminService } from '@rampart/access';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { freshDemo, openGraph } from './test-graph';

/** The one password of every test account (meets the policy; never used outside tests). */
export const TEST_PASSWORD = 'test-only password 0123';

/** The HTTP app on the test Neo4j with the demo organisation loaded fresh, logs silenced. */
export async function startDemoApp(
  config: AppConfig,
): Promise<{ app: INestApplication; graph: GraphContext }> {
  const graph = await openGraph(config);
  await freshDemo(graph, config);
  const app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
  await app.init();
  return { app, graph };
}

export interface TestAccount {
  username: string;
  password: string;
  accessToken: string;
}

/**
 * Signs in as a test account with this role (created on first use: `test-<role>[-<clearance>]`),
 * through the same AuthService the login route uses.
 */
export async function signInAs(
  app: INestApplication,
  role: Role = 'admin',
  options: { clearance?: string; personId?: string } = {},
): Promise<TestAccount> {
  const clearance = options.clearance ?? 'TOP_SECRET';
  const username = [`test-${role}`, options.clearance?.toLowerCase().replace(/_/g, '-'), options.personId]
    .filter(Boolean)
    .join('-');
  if (!(await app.get(UserRepository).byUsername(username))) {
    await app.get(UserAdminService).create({
      username,
      password: TEST_PASSWORD,
      roles: [role],
      clearance,
      personId: options.personId ?? null,
    });
  }
  const auth = app.get(AuthService);
  const { accessToken } = await auth.login(username, TEST_PASSWORD).catch(async () => {
    // Suites share one Neo4j: an account another suite left disabled or changed is reset.
    await app.get(UserAdminService).update(username, {
      password: TEST_PASSWORD,
      disabled: false,
      roles: [role],
      clearance,
      personId: options.personId ?? null,
    });
    return auth.login(username, TEST_PASSWORD);
  });
  return { username, password: TEST_PASSWORD, accessToken };
}

/** Requests to the app carrying this bearer token (supertest agent: `.get()`, `.post()`, ...). */
export function authed(app: INestApplication, accessToken: string): TestAgent {
  return request.agent(app.getHttpServer()).set('authorization', `Bearer ${accessToken}`);
}

/** Requests signed in as `role` (admin by default). */
export async function signedIn(app: INestApplication, role: Role = 'admin'): Promise<TestAgent> {
  return authed(app, (await signInAs(app, role)).accessToken);
}
