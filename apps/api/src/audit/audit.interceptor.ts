import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Action } from '@rampart/auth';
import { AuditEntry } from '@rampart/domain';
import { Observable, defer, lastValueFrom } from 'rxjs';
import { EntityRepository, runCancellable } from '@rampart/graph';
import { PRINCIPAL, accessRuleOf, requestOf } from '../auth/permission.decorator';
import { countsOf } from '@rampart/audit';
import { entityIdsIn, organizationsOf } from '@rampart/audit';
import { AuditService } from '@rampart/audit';

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
 * The audited operations still running, so that a shutdown can interrupt them and wait for their
 * records (issue 19). One per process: main.ts drains it after the HTTP server stops.
 */
export class AuditedOperations {
  private readonly running = new Map<AbortController, Promise<void>>();

  get count(): number {
    return this.running.size;
  }

  /** Runs `work` as a tracked operation that `controller` interrupts; answers what `work` does. */
  run<T>(controller: AbortController, work: () => Promise<T>): Promise<T> {
    const done = work();
    const ended = done.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(controller, ended);
    void ended.then(() => this.running.delete(controller));
    return done;
  }

  /** Interrupts every running operation (`reason` goes into its record). */
  interruptAll(reason: string): number {
    for (const controller of this.running.keys()) controller.abort(reason);
    return this.running.size;
  }

  /** Resolves once every operation has ended and appended its record, or after `ms`. */
  async settled(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const all = Promise.allSettled([...this.running.values()]).then(() => true);
    try {
      return await Promise.race([all, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export const auditedOperations = new AuditedOperations();

/** Why an interrupted operation stopped: the client left before the answer. */
const CLIENT_GONE = 'the client disconnected';

interface ClosableResponse {
  writableFinished?: boolean;
  once?(event: 'close', listener: () => void): unknown;
  off?(event: 'close', listener: () => void): unknown;
}

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
    return defer(() => {
      const req = requestOf(ctx) as ReturnType<typeof requestOf> & { id?: unknown };
      // A client that leaves, or a shutdown past its grace, interrupts the operation: its queries
      // stop and roll back, and it is still recorded, as interrupted (issue 19).
      const controller = new AbortController();
      const { signal } = controller;
      const res = (req as { res?: ClosableResponse }).res;
      const onClose = () => {
        if (!res?.writableFinished && !signal.aborted) controller.abort(CLIENT_GONE);
      };
      res?.once?.('close', onClose);
      return auditedOperations.run(controller, async () => {
        const { operation, target, args } = describe(ctx);
        // A dry run writes nothing: no graph hash, no write record (issue 21).
        const write = GRAPH_WRITES.includes(action) && !isDryRun(args);
        const before = write ? await this.audit.graphHash() : null;
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
          const result = await runCancellable(signal, () =>
            lastValueFrom(next.handle(), { defaultValue: undefined }),
          );
          // An import refused with issues answers normally (422) but changed nothing: a failure.
          const refused = (result as Json | undefined)?.ok === false;
          // Interrupted too late to stop it (committing already): it happened, the answer was lost.
          const detail = signal.aborted ? `completed; the answer was lost (${String(signal.reason)})` : null;
          await finish(
            { outcome: refused ? 'failure' : 'success', counts: countsOf(result), detail },
            result,
          );
          return result;
        } catch (e) {
          await finish({ outcome: 'failure', counts: null, detail: failureDetail(e, signal) });
          throw e;
        } finally {
          // Many audited fields in one GraphQL request must not pile up listeners on its response.
          res?.off?.('close', onClose);
        }
      });
    });
  }
}

/** The error's message; for an interrupted operation, that it was interrupted and why. */
function failureDetail(e: unknown, signal: AbortSignal): string | null {
  const message = (e as Error)?.message ?? null;
  if (!signal.aborted) return message?.slice(0, 500) ?? null;
  const said =
    message && /^Interrupted \(/.test(message)
      ? message
      : `Interrupted (${String(signal.reason)}): ${message}`;
  return said.slice(0, 500);
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

/** `dryRun` as a GraphQL argument (or in its input) or a REST query parameter. */
function isDryRun(args: Json): boolean {
  const flag = args.dryRun ?? ((args.input ?? {}) as Json).dryRun;
  return flag === true || flag === 'true' || flag === '1';
}

function targetOf(args: Json): string | null {
  const input = (args.input ?? {}) as Json;
  if (typeof input.from === 'string') return `${input.from} -${String(input.type)}-> ${String(input.to)}`;
  const found = [args.id, input.id, input.username, args.username, args.report, args.kind].find(
    (v) => typeof v === 'string',
  );
  return (found as string | undefined) ?? null;
}
