import * as os from 'node:os';
import { AuditEntry, AuditOutcome, DomainError } from '@rampart/domain';
import { GraphContext, interruptedError, runCancellable } from '@rampart/graph';
import { countsOf } from '@rampart/audit';
import { AuditService } from '@rampart/audit';

/** Who runs the CLI, as the audit trail names it: `cli:<os user>`. */
export function cliActor(): string {
  let name = '';
  try {
    name = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the uid names the user instead.
  }
  return `cli:${name || `uid-${process.getuid?.() ?? 'unknown'}`}`;
}

/** The audit service for commands that hold a graph context rather than the API's services. */
export const auditServiceFor = (g: GraphContext): AuditService => new AuditService(g.audit, g.digests);

/** A command line for `operation`: arguments with spaces quoted; never pass a secret here. */
export function commandLine(...parts: (string | false | null | undefined)[]): string {
  return ['rampart', ...parts]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => (/^[\w@%+=:,./-]+$/.test(p) ? p : JSON.stringify(p)))
    .join(' ');
}

/** What one audited CLI operation is. */
export interface CliOperation {
  action: 'graph:import' | 'graph:export' | 'report:generate' | 'user:admin' | 'graph:admin';
  operation: string;
  target: string | null;
  /** Writes to the organisation graph record its content hash before and after. */
  graphWrite?: boolean;
}

/** How a finished operation went, when it returned (a throw is always a failure). */
export interface CliResult {
  outcome?: AuditOutcome;
  counts?: Record<string, number> | null;
  detail?: string | null;
}

/**
 * Runs `work` and records it in the audit trail, success or failure, as the API's interceptor
 * does for its requests. A record that cannot be appended is reported on stderr; the command's
 * own result and exit code stay as they are (the operation happened either way). SIGINT or
 * SIGTERM while it runs interrupts it (its transaction rolls back) and the interruption is
 * recorded before the command ends (issue 19); a second signal stops the CLI at once.
 */
export async function audited<T>(
  audit: AuditService,
  op: CliOperation,
  work: () => Promise<T>,
  judge: (result: T) => CliResult = () => ({}),
): Promise<T> {
  const controller = new AbortController();
  const { signal } = controller;
  const onSignal = (name: NodeJS.Signals) => {
    if (signal.aborted) process.exit(128 + (os.constants.signals[name] ?? 0));
    process.stderr.write(`rampart: ${name}: interrupting ${op.operation} and recording it...\n`);
    controller.abort(`${name} received`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await auditedRun(audit, op, work, judge, signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function auditedRun<T>(
  audit: AuditService,
  op: CliOperation,
  work: () => Promise<T>,
  judge: (result: T) => CliResult,
  signal: AbortSignal,
): Promise<T> {
  const graphHashBefore = op.graphWrite ? await audit.graphHash() : null;
  const append = async (r: CliResult & { outcome: AuditOutcome }) => {
    const entry: AuditEntry = {
      actor: cliActor(),
      action: op.action,
      operation: op.operation,
      outcome: r.outcome,
      requestId: null,
      target: op.target,
      counts: r.counts ?? null,
      graphHashBefore,
      graphHashAfter: op.graphWrite ? await audit.graphHash().catch(() => null) : null,
      detail: r.detail ?? null,
    };
    await audit
      .record(entry)
      .catch((e: unknown) =>
        process.stderr.write(
          `rampart: warning: could not append to the audit trail (${op.action} ${op.target ?? ''}): ${
            e instanceof Error ? e.message : String(e)
          }\n`,
        ),
      );
  };
  let result: T;
  try {
    if (signal.aborted) throw interruptedError(signal, op.operation);
    result = await runCancellable(signal, work);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const interrupted = signal.aborted && !message.startsWith('Interrupted (');
    await append({
      outcome: 'failure',
      detail: (interrupted ? `Interrupted (${String(signal.reason)}): ${message}` : message).slice(0, 500),
    });
    throw e;
  }
  const judged = judge(result);
  await append({ ...judged, outcome: judged.outcome ?? 'success' });
  // A signal that came too late to stop it (committing already) still ends the command here.
  if (signal.aborted) {
    throw new DomainError(
      'DATABASE_UNAVAILABLE',
      `Stopped (${String(signal.reason)}) after ${op.operation} had finished and was recorded; nothing after it ran.`,
    );
  }
  return result;
}

/** The numbers an operation reported, as the API records them. */
export const numbersOf = countsOf;
