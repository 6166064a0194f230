import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@rampart/domain';
import { GraphContext, WriteCounts } from '@rampart/graph';
import { refuseAboveClearance } from '../native/clearance-check';
import { DEFAULT_INPUT_LIMITS, InputLimits, checkValues, scanJson } from '../native/input-limits';
import { Catalogue, StixBundle, catalogueOf, stixToRows } from './stix-mapping';

export interface StixImportReport {
  file: string;
  catalogue: Catalogue;
  source: string;
  attackPatterns: number;
  mitigations: number;
  threats: number;
  relationships: Record<string, number>;
  dryRun: boolean;
  skipped: { revokedOrDeprecated: number; relationshipsToSkipped: number };
  /** Absent on a dry run. */
  counts?: WriteCounts;
}

export interface StixImportOptions {
  source?: string;
  prune?: boolean;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** As ImportOptions.clearance: present (even null) refuses a bundle that touches an entry above it. */
  clearance?: string | null;
}

/** Imports a STIX 2.1 bundle into the shared threat library (entities of no organisation). */
export class StixImporter {
  constructor(
    private readonly graph: GraphContext,
    private readonly limits: InputLimits = DEFAULT_INPUT_LIMITS,
  ) {}

  importFile(file: string, options: StixImportOptions = {}): Promise<StixImportReport> {
    return this.importText(path.basename(file), fs.readFileSync(file, 'utf8'), options);
  }

  async importText(file: string, text: string, options: StixImportOptions = {}): Promise<StixImportReport> {
    let bundle: StixBundle;
    const problem = scanJson(text, this.limits);
    if (problem)
      throw new DomainError('VALIDATION_FAILED', `${file}: not a usable STIX bundle: ${problem.message}`);
    try {
      bundle = JSON.parse(text) as StixBundle;
    } catch (e) {
      throw new DomainError('VALIDATION_FAILED', `${file}: not readable JSON (${(e as Error).message})`);
    }
    if (bundle?.type !== 'bundle' || !Array.isArray(bundle.objects)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${file}: not a STIX 2.1 bundle (expected "type": "bundle" and "objects")`,
      );
    }
    const bad = bundle.objects.findIndex(
      (o) => o === null || typeof o !== 'object' || typeof o.type !== 'string' || typeof o.id !== 'string',
    );
    if (bad >= 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${file}: objects[${bad}] is not a STIX object (each needs a "type" and an "id"); nothing was imported`,
      );
    }
    const over = checkValues(bundle, this.limits);
    if (over) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${file}: ${over.path.join('.')}: ${over.message}; nothing was imported`,
      );
    }
    const source = options.source ?? `stix:${catalogueOf(bundle)}`;
    const rows = stixToRows(bundle, source);
    await this.refuseOrganisationIds(
      file,
      rows.nodes.map((n) => n.id),
    );
    // Catalogue entries carry no classification, but an id may exist classified, or a prune delete one.
    if (options.clearance !== undefined) {
      await refuseAboveClearance(this.graph, {
        clearance: options.clearance,
        nodes: rows.nodes,
        prune: options.prune ? { source, organizationId: null } : undefined,
        // A re-import drops the relationships the bundle no longer states: not those of a hidden node.
        relationships: rows.relationships,
        sync: { source, organizationId: null },
      });
    }
    const counts = options.dryRun
      ? undefined
      : await this.graph.imports.write(rows.nodes, rows.relationships, {
          source,
          organizationId: null,
          prune: Boolean(options.prune),
          now: new Date().toISOString(),
          onProgress: options.onProgress,
        });
    const count = (label: string) => rows.nodes.filter((n) => n.labels.includes(label)).length;
    const relationships: Record<string, number> = {};
    for (const r of rows.relationships) relationships[r.type] = (relationships[r.type] ?? 0) + 1;
    return {
      file,
      catalogue: rows.catalogue,
      source,
      dryRun: Boolean(options.dryRun),
      attackPatterns: count('AttackPattern'),
      mitigations: count('Mitigation'),
      threats: count('Threat'),
      relationships,
      skipped: rows.skipped,
      counts,
    };
  }

  /** The library is shared: it never takes over (or overwrites) an entity of an organisation. */
  private async refuseOrganisationIds(file: string, ids: string[]): Promise<void> {
    const owned = (await this.graph.imports.lookup(ids)).filter((e) => e.organizationId);
    if (!owned.length) return;
    const list = owned
      .slice(0, 5)
      .map((e) => `"${e.id}" (organisation "${e.organizationId}")`)
      .join(', ');
    throw new DomainError(
      'VALIDATION_FAILED',
      `${file}: ${owned.length} id${owned.length === 1 ? '' : 's'} of the bundle already belong to an organisation: ${list}${owned.length > 5 ? ', ...' : ''}; nothing was imported`,
    );
  }
}

/** A STIX bundle is JSON whose top-level type is "bundle" (looked for near the start only). */
export function looksLikeStixBundle(text: string): boolean {
  const head = text.slice(0, 2000);
  return head.trimStart().startsWith('{') && /"type"\s*:\s*"bundle"/.test(head);
}
