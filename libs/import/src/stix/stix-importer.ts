import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@rampart/domain';
import { GraphContext, WriteCounts } from '@rampart/graph';
import { Catalogue, StixBundle, catalogueOf, stixToRows } from './stix-mapping';

export interface StixImportReport {
  file: string;
  catalogue: Catalogue;
  source: string;
  attackPatterns: number;
  mitigations: number;
  threats: number;
  relationships: Record<string, number>;
  skipped: { revokedOrDeprecated: number; relationshipsToSkipped: number };
  counts: WriteCounts;
}

/** Imports a STIX 2.1 bundle into the shared threat library (entities of no organisation). */
export class StixImporter {
  constructor(private readonly graph: GraphContext) {}

  async importFile(
    file: string,
    options: { source?: string; prune?: boolean; onProgress?: (d: number, t: number) => void } = {},
  ) {
    let bundle: StixBundle;
    try {
      bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as StixBundle;
    } catch (e) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${path.basename(file)}: not a readable JSON file (${(e as Error).message})`,
      );
    }
    if (bundle?.type !== 'bundle' || !Array.isArray(bundle.objects)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${path.basename(file)}: not a STIX 2.1 bundle (expected "type": "bundle" and "objects")`,
      );
    }
    const source = options.source ?? `stix:${catalogueOf(bundle)}`;
    const rows = stixToRows(bundle, source);
    const counts = await this.graph.imports.write(rows.nodes, rows.relationships, {
      source,
      organizationId: null,
      prune: Boolean(options.prune),
      now: new Date().toISOString(),
      onProgress: options.onProgress,
    });
    const count = (label: string) => rows.nodes.filter((n) => n.labels.includes(label)).length;
    const relationships: Record<string, number> = {};
    for (const r of rows.relationships) relationships[r.type] = (relationships[r.type] ?? 0) + 1;
    const report: StixImportReport = {
      file: path.basename(file),
      catalogue: rows.catalogue,
      source,
      attackPatterns: count('AttackPattern'),
      mitigations: count('Mitigation'),
      threats: count('Threat'),
      relationships,
      skipped: rows.skipped,
      counts,
    };
    return report;
  }
}
