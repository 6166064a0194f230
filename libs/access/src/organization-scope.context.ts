import { AsyncLocalStorage } from 'node:async_hooks';
import { OrganizationScope } from '@rampart/domain';

const context = new AsyncLocalStorage<OrganizationScope>();

/** Runs `work` with this scope as the current one (RedactionInterceptor, per request). */
export const runScoped = <T>(scope: OrganizationScope, work: () => T): T => context.run(scope, work);

/**
 * The organisations the operation being served may see (issue 18). Outside any request (the CLI,
 * schedules, internal work) every organisation.
 */
export const currentScope = (): OrganizationScope => context.getStore() ?? OrganizationScope.ALL;
