import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { randomBytes } from 'node:crypto';
import { Observable, catchError, from, map, switchMap, throwError } from 'rxjs';
import { DomainError, OrganizationScope } from '@rampart/domain';
import { Redactor } from '@rampart/output';
import {
  PRINCIPAL,
  RequestWithPrincipal,
  SEEN_GRAPH_VERSION,
  accessRuleOf,
  requestOf,
} from './permission.decorator';
import { runAtSeenGraphVersion } from '@rampart/graph';
import { scanUpload, spooledUpload } from '../interchange/import-spool';
import { runScoped } from '@rampart/access';
import { RedactionService, runRedacted } from '@rampart/access';

const REDACTOR = Symbol('rampart:redactor');
const CLEARANCE_CHECKED = 'rampart:clearance-checked';

/**
 * On an edit mutation whose input goes through the import pipeline with the user's clearance:
 * references to restricted ids inside its input are left to that pipeline (answered as unknown ids).
 */
export const ClearanceCheckedInput = () => SetMetadata(CLEARANCE_CHECKED, true);

type Req = RequestWithPrincipal & { [REDACTOR]?: Promise<Redactor>; method?: string; query?: unknown };
type Json = Record<string, unknown>;

/**
 * Need-to-know (docs/spec/analytics.md §8) for every GraphQL operation, field resolver and REST route: the
 * one place results leave through. It also sets the account's organisations (issue 18) for the
 * services to read. The handler runs with the user's redactor as the current one
 * (entity lists, exports and reports read it); its result and its errors are redacted on the way
 * out. A restricted id in the arguments answers exactly as an id that does not exist: a query
 * sees a stand-in id that matches nothing (and its error names the id as typed); a mutation is
 * refused as NOT_FOUND.
 */
@Injectable()
export class RedactionInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly redaction: RedactionService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = requestOf(ctx) as Req;
    const user = req?.[PRINCIPAL];
    if (accessRuleOf(this.reflector, ctx) === 'public' || !user) return next.handle();
    // The graph version read with the token: redaction and analytics answer at it (no second read).
    const seen = req[SEEN_GRAPH_VERSION];
    // Once per HTTP request, however many fields resolve.
    req[REDACTOR] ??= runAtSeenGraphVersion(seen, () => this.redaction.forClearance(user.clearance));
    return from(req[REDACTOR]).pipe(
      switchMap((redactor) => {
        // The account's organisations (issue 18): services read them as they read the redactor.
        const scope = OrganizationScope.of(user.organizationIds);
        const run = () =>
          new Observable<unknown>((sub) =>
            runAtSeenGraphVersion(seen, () =>
              runScoped(scope, () => runRedacted(redactor, () => next.handle().subscribe(sub))),
            ),
          );
        if (!redactor.active) return run();
        return from(rewriteArguments(ctx, req, redactor, this.reflector)).pipe(
          switchMap((typed) =>
            run().pipe(
              map((result) => typed.restore(redactor.value(result, typed.echoed))),
              catchError((err: unknown) => throwError(() => redactError(err, redactor, typed))),
            ),
          ),
        );
      }),
    );
  }
}

interface Typed {
  /** Undoes the stand-ins: the ids as the user typed them. */
  restore<T>(v: T): T;
  /** Restricted ids the user supplied, left as typed in messages (an unknown id is echoed too). */
  messages: ReadonlySet<string>;
  /** The same, for results that are reports on the user's own input (a REST import's issues). */
  echoed: ReadonlySet<string>;
}

/**
 * Swaps restricted ids in the arguments for stand-ins, opens sealed cursors; says how to undo.
 * A mutation naming a restricted id is NOT_FOUND, but for the nested input of an edit that checks
 * clearance itself (ClearanceCheckedInput): the import pipeline answers such a reference exactly
 * as an unknown one.
 */
async function rewriteArguments(
  ctx: ExecutionContext,
  req: Req,
  redactor: Redactor,
  reflector: Reflector,
): Promise<Typed> {
  const standIns = new Map<string, string>();
  const typed = new Set<string>();
  const graphql = ctx.getType<string>() === 'graphql';
  const mutation = graphql
    ? GqlExecutionContext.create(ctx).getInfo<{ operation: { operation: string } }>().operation.operation ===
      'mutation'
    : req.method !== 'GET';
  const checked = reflector.get<boolean | undefined>(CLEARANCE_CHECKED, ctx.getHandler()) === true;
  const swap = (v: unknown, key?: string, depth = 0): unknown => {
    if (typeof v === 'string') {
      if (key === 'after') return redactor.unsealCursor(v);
      for (const id of redactor.idsIn(v)) typed.add(id);
      if (!redactor.isRestricted(v) || (checked && depth > 1)) return v;
      if (mutation) throw new DomainError('NOT_FOUND', `No entity has the id ${v}.`);
      const standIn = `rampart-missing-${randomBytes(8).toString('hex')}`;
      standIns.set(standIn, v);
      return standIn;
    }
    if (Array.isArray(v)) return v.map((x) => swap(x, undefined, depth));
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) (v as Json)[k] = swap(x, k, depth + 1);
    }
    return v;
  };
  if (graphql) swap(GqlExecutionContext.create(ctx).getArgs());
  else {
    const http = ctx.switchToHttp().getRequest<{ query: Json; params: Json; body?: unknown }>();
    // Express 5's req.query is a getter: the rewritten copy is set as the request's own value.
    Object.defineProperty(http, 'query', {
      value: swap({ ...http.query }),
      writable: true,
      configurable: true,
    });
    swap(http.params);
    // An uploaded file is the user's own text: the ids in it may come back in its report.
    const files = (http as { files?: { buffer: Buffer }[] }).files ?? [];
    for (const text of [http.body, ...files.map((f) => f.buffer.toString('utf8'))]) {
      mapStrings(text, (t) => (redactor.idsIn(t).forEach((id) => typed.add(id)), t));
    }
    // An import's document, spooled to disk: read in pieces, and only when something is hidden.
    const upload = spooledUpload(req);
    if (upload && redactor.active)
      await scanUpload(upload, redactor.longestId, (t, before) =>
        redactor.idsIn(t, before).forEach((id) => typed.add(id)),
      );
  }
  const restore = <T>(v: T): T =>
    standIns.size ? (mapStrings(v, (s) => undoStandIns(s, standIns)) as T) : v;
  return { restore, messages: typed, echoed: !graphql && mutation ? typed : new Set() };
}

function undoStandIns(s: string, standIns: Map<string, string>): string {
  let out = s;
  for (const [standIn, typed] of standIns) out = out.split(standIn).join(typed);
  return out;
}

function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), mapStrings(x, f)]));
  }
  return v;
}

/** An error leaving the handler: its message redacted, a stand-in turned back into the id typed. */
function redactError(err: unknown, redactor: Redactor, typed: Typed): unknown {
  if (err instanceof Error) err.message = typed.restore(redactor.text(err.message, typed.messages));
  if (err instanceof DomainError && err.details) {
    return new DomainError(err.code, err.message, typed.restore(redactor.value(err.details, typed.messages)));
  }
  return err;
}
