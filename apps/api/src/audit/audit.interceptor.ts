import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Action } from '@rampart/auth';
import { AuditEntry } from '@rampart/domain';
import { Observable, defer, lastValueFrom } from 'rxjs';
import { EntityRepository } from '@rampart/graph';
import { PRINCIPAL, accessRuleOf, requestOf } from '../auth/permission.decorator';
import { countsOf } from './audit-counts';
import { entityIdsIn, organizationsOf } from './audit-organizations';
import { AuditService } from './audit.service';

/** What the trail records: every write, import, export, report generation and account change. */
const AUDITED: readonly Action[] = [
  'graph:write',
  'graph:import',
  'graph:export',
  'report:generate',
  'user:admin',
  'graph:admin',
];
/** Writes to the organisation graph carry its content hash before and after. */
const GRAPH_WRITES: readonly Action[] = ['graph:write', 'graph:import', 'graph:admin'];

type Json = Record<string, unknown>;

/**
 * Records every audited operation (by the action it declares, as AccessGuard enforces it) once it
 * ends, success or failure: who, what, request id, target, counts and, for graph writes, the
 * graph's content hash before and after. One place, so no resolver can forget it.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly entities: EntityRepository,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = accessRuleOf(this.reflector, ctx);
    if (!rule || rule === 'public' || !AUDITED.includes(rule.action)) return next.handle();
    const action = rule.action;
    return defer(async () => {
      const req = requestOf(ctx) as ReturnType<typeof requestOf> & { id?: unknown };
      const write = GRAPH_WRITES.includes(action);
      const before = write ? await this.audit.graphHash() : null;
      const { operation, target, args } = describe(ctx);
      // Read before the operation: a deleted entity has no organisation afterwards.
      const edited = write ? [...(await this.entities.get(entityIdsIn(args))).values()] : [];
      const entityOrganizations = edited.map((e) => e.props.organizationId as string | undefined);
      const user = req[PRINCIPAL];
      const base = {
        actor: req[PRINCIPAL]?.username ?? '(unknown)',
        action,
        operation,
        requestId: req.id === undefined ? null : String(req.id),
        target,
        graphHashBefore: before,
      };
      const finish = async (entry: Pick<AuditEntry, 'outcome' | 'counts' | 'detail'>, result?: unknown) => {
        const organizations = organizationsOf({
          args,
          result,
          entityOrganizations,
          actorOrganizations: user?.organizationIds,
        });
        await this.audit.recordQuietly({
          ...base,
          ...entry,
          graphHashAfter: write ? await this.audit.graphHash().catch(() => null) : null,
          ...(organizations ? { organizations } : {}),
        });
      };
      try {
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        // An import refused with issues answers normally (422) but changed nothing: a failure.
        const refused = (result as Json | undefined)?.ok === false;
        await finish(
          { outcome: refused ? 'failure' : 'success', counts: countsOf(result), detail: null },
          result,
        );
        return result;
      } catch (e) {
        await finish({
          outcome: 'failure',
          counts: null,
          detail: (e as Error)?.message?.slice(0, 500) ?? null,
        });
        throw e;
      }
    });
  }
}

function describe(ctx: ExecutionContext): { operation: string; target: string | null; args: Json } {
  if (ctx.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(ctx);
    const args = gql.getArgs<Json>();
    return { operation: gql.getInfo<{ fieldName: string }>().fieldName, target: targetOf(args), args };
  }
  const req = ctx.switchToHttp().getRequest<{
    method: string;
    route?: { path?: string };
    url: string;
    params?: Json;
    query?: Json;
  }>();
  const p = { ...req.query, ...req.params };
  const target = [p.id, p.name, p.file, p.filename, p.format].find((v) => typeof v === 'string') as
    string | undefined;
  return {
    operation: `${req.method} ${req.route?.path ?? req.url.split('?')[0]}`,
    target: target ?? null,
    args: p,
  };
}

function targetOf(args: Json): string | null {
  const input = (args.input ?? {}) as Json;
  if (typeof input.from === 'string') return `${input.from} -${String(input.type)}-> ${String(input.to)}`;
  const found = [args.id, input.id, input.username, args.username, args.report, args.kind].find(
    (v) => typeof v === 'string',
  );
  return (found as string | undefined) ?? null;
}
