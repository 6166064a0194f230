import { Inject, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { maySee } from '@rampart/auth';
import { DEFAULT_CLASSIFICATION_LEVELS } from '@rampart/domain';
import { ClassifiedNode, GRAPH_CONTEXT, GraphContext } from '@rampart/graph';
import { Redactor } from '@rampart/output';
import { graphVersionOf } from '@rampart/graph';

/** Injection token of the key pseudonyms and sealed cursors are made with (from the JWT secret). */
export const REDACTION_KEY = Symbol('REDACTION_KEY');

const context = new AsyncLocalStorage<Redactor>();

/** Runs `work` with this redactor as the current one (RedactionInterceptor, scheduled reports). */
export const runRedacted = <T>(redactor: Redactor, work: () => T): T => context.run(redactor, work);

/**
 * The redactor of the operation being served. Outside any (the CLI, which acts with full rights,
 * and internal work such as the audit hash) nothing is hidden.
 */
export const currentRedactor = (): Redactor => context.getStore() ?? Redactor.NONE;

interface Loaded {
  version: number;
  nodes: ClassifiedNode[];
  byClearance: Map<string, Redactor>;
}

/**
 * Who may see what (docs/spec/analytics.md §8): the classified nodes are read once per graph version and a
 * redactor is built once per clearance, so a request costs one version read, shared with the
 * requests asking at the same moment.
 */
@Injectable()
export class RedactionService {
  private loaded?: Loaded;
  private loading?: Promise<Loaded>;

  constructor(
    @Inject(GRAPH_CONTEXT) private readonly graph: GraphContext,
    @Inject(REDACTION_KEY) private readonly key: Buffer,
  ) {}

  async forClearance(clearance: string | null | undefined): Promise<Redactor> {
    // Shared with concurrent requests, never older than this call (a new restriction applies at once).
    const version = await graphVersionOf(this.graph.analytics);
    let loaded = this.loaded;
    if (loaded?.version !== version) {
      this.loading ??= this.graph.analytics
        .classifiedNodes()
        .then(({ version: v, nodes }) => ({ version: v, nodes, byClearance: new Map() }))
        .finally(() => (this.loading = undefined));
      loaded = this.loaded = await this.loading;
    }
    const k = clearance ?? '';
    let redactor = loaded.byClearance.get(k);
    if (!redactor) {
      const hidden = loaded.nodes.filter(
        (n) => !maySee(clearance, n.classification, n.levels ?? DEFAULT_CLASSIFICATION_LEVELS),
      );
      redactor = hidden.length ? new Redactor(hidden, this.key) : Redactor.NONE;
      loaded.byClearance.set(k, redactor);
    }
    return redactor;
  }
}
