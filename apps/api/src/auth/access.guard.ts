import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ACTION_DESCRIPTIONS, Action, PERMISSIONS, can, permissionFor } from '@rampart/auth';
import { DomainError, ROLES, User } from '@rampart/domain';
import { EntityRepository } from '@rampart/graph';
import { AuthService } from '@rampart/access';
import {
  PRINCIPAL,
  PermissionRule,
  SEEN_GRAPH_VERSION,
  SESSION_CHECK,
  accessRuleOf,
  requestOf,
} from './permission.decorator';

/**
 * The one gate of every REST route and GraphQL operation (issue 8): a valid bearer token of an
 * enabled account, then the operation's declared action allowed by libs/auth policy.ts. Resolvers
 * and controllers never check roles themselves. Undeclared operations are refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly entities: EntityRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, ctx);
    if (rule === 'public') return true;
    const req = requestOf(ctx);
    // One check per HTTP request, however many GraphQL fields it asks for; it starts only after
    // Apollo has parsed, validated and costed the query, so a refused request touches no database.
    req[SESSION_CHECK] ??= this.auth.session(header(req.headers.authorization));
    const { user, graphVersion } = await req[SESSION_CHECK];
    req[PRINCIPAL] = user;
    req[SEEN_GRAPH_VERSION] = graphVersion;
    if (!rule) {
      throw new DomainError(
        'FORBIDDEN',
        `${ctx.getHandler().name} declares no permission, so nobody may use it.`,
      );
    }
    const grant = permissionFor(user, rule.action);
    if (grant === 'always') return true;
    if (grant === 'never') throw new DomainError('FORBIDDEN', refusal(user, rule.action));
    await this.checkOwnership(user, rule, ctx);
    return true;
  }

  /** A conditional grant (asset-owner's edits): every entity the edit concerns must be the user's. */
  private async checkOwnership(user: User, rule: PermissionRule, ctx: ExecutionContext): Promise<void> {
    const args = ctx.getType<string>() === 'graphql' ? GqlExecutionContext.create(ctx).getArgs() : {};
    const ids = rule.targets?.(args as Record<string, unknown>) ?? [];
    const owners = await this.entities.ownerSets(ids);
    const mine = (id: string) => {
      const sets = owners.get(id);
      return Boolean(sets?.length) && sets!.every((s) => can(user, rule.action, { ownerPersonIds: s }));
    };
    const others = ids.filter((id) => !mine(id));
    if (!ids.length || others.length) {
      throw new DomainError(
        'FORBIDDEN',
        `As an asset-owner you edit only the assets your person (${user.personId}) owns and the controls protecting only them` +
          (others.length ? `; not ${others.join(', ')}.` : '; this edit concerns no such asset.'),
      );
    }
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refusal(user: User, action: Action): string {
  const who = ROLES.filter((r) => PERMISSIONS[r].includes(action));
  return (
    `${user.username} (${user.roles.join(', ') || 'no role'}) may not ${ACTION_DESCRIPTIONS[action]} ` +
    `(${action}); roles that may: ${who.join(', ')}.`
  );
}
