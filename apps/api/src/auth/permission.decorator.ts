import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Action } from '@rampart/auth';
import { User } from '@rampart/domain';
import { SeenGraphVersion } from '@rampart/graph';

export const PERMISSION_KEY = 'rampart:permission';

/** The entity ids an operation edits, from its GraphQL arguments (for conditional grants). */
export type TargetsOf = (args: Record<string, unknown>) => string[];

export interface PermissionRule {
  action: Action;
  /**
   * Only for actions some role holds under a condition (asset-owner's graph:write): which entities
   * the edit concerns. Without it a conditional grant is refused (fail closed).
   */
  targets?: TargetsOf;
}

export type AccessRule = PermissionRule | 'public';

/**
 * What an operation needs: the one action of libs/auth policy.ts it performs. AccessGuard enforces
 * it; an operation that declares nothing is refused to everyone (and a test lists every operation).
 */
export const RequirePermission = (action: Action, targets?: TargetsOf) =>
  SetMetadata(PERMISSION_KEY, { action, targets } satisfies AccessRule);

/** Needs no token: health probes and the sign-in routes. */
export const Public = () => SetMetadata(PERMISSION_KEY, 'public' satisfies AccessRule);

/** The rule an operation declares (method first, then its class); undefined when none. */
export const accessRuleOf = (reflector: Reflector, ctx: ExecutionContext): AccessRule | undefined =>
  reflector.getAllAndOverride<AccessRule | undefined>(PERMISSION_KEY, [ctx.getHandler(), ctx.getClass()]);

/** Where AccessGuard leaves the signed-in user on the request. */
export const PRINCIPAL = Symbol('rampart:principal');

/** Where AccessGuard leaves the graph version read with the token's check (shared-read.ts). */
export const SEEN_GRAPH_VERSION = Symbol('rampart:seen-graph-version');

/** Where AccessGuard keeps the request's token check: one per HTTP request, however many fields. */
export const SESSION_CHECK = Symbol('rampart:session-check');

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL]?: User;
  [SEEN_GRAPH_VERSION]?: SeenGraphVersion;
  [SESSION_CHECK]?: Promise<{ user: User; graphVersion: SeenGraphVersion }>;
}

/** The HTTP request behind a REST route or a GraphQL operation. */
export function requestOf(ctx: ExecutionContext): RequestWithPrincipal {
  if (ctx.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(ctx).getContext<{ req: RequestWithPrincipal }>().req;
  }
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** The signed-in user (set by AccessGuard; absent only on public routes). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => {
  return requestOf(ctx)[PRINCIPAL];
});
