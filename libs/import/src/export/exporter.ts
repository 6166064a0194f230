import { stringify } from 'yaml';
import { DomainError } from '@rampart/domain';
import { ExportScope, GraphContext, GraphSnapshot } from '@rampart/graph';
import { toCytoscape } from './cytoscape-export';
import { toGraphml } from './graphml-export';
import { toNativeDocument } from './native-export';

export const EXPORT_FORMATS = ['yaml', 'json', 'cytoscape', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  format: ExportFormat;
  contentType: string;
  fileName: string;
  body: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  yaml: 'application/yaml',
  json: 'application/json',
  cytoscape: 'application/json',
  graphml: 'application/graphml+xml',
};
const EXTENSIONS: Record<ExportFormat, string> = {
  yaml: 'yaml',
  json: 'json',
  cytoscape: 'cytoscape.json',
  graphml: 'graphml',
};

/** Exports the graph (one organisation, optionally one source) in one of the formats. */
export class Exporter {
  constructor(private readonly graph: GraphContext) {}

  /** `redact` sees the snapshot before any format does (need-to-know placeholders). */
  async export(
    format: ExportFormat,
    scope: ExportScope,
    redact: (snapshot: GraphSnapshot) => GraphSnapshot = (s) => s,
  ): Promise<ExportResult> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `unknown export format "${format}": use one of ${EXPORT_FORMATS.join(', ')}`,
      );
    }
    const organizationId = await this.organizationFor(format, scope.organizationId);
    const snapshot = redact(await this.graph.exports.snapshot({ ...scope, organizationId }));
    const body =
      format === 'yaml'
        ? stringify(toNativeDocument(snapshot), { lineWidth: 0 })
        : format === 'json'
          ? `${JSON.stringify(toNativeDocument(snapshot), null, 2)}\n`
          : format === 'cytoscape'
            ? `${JSON.stringify(toCytoscape(snapshot))}\n`
            : toGraphml(snapshot);
    const base = organizationId ?? 'rampart';
    return {
      format,
      contentType: CONTENT_TYPES[format],
      fileName: `${base}${scope.source ? `-${scope.source.replace(/[^\w.-]/g, '_')}` : ''}.${EXTENSIONS[format]}`,
      body,
    };
  }

  /** A native document holds one organisation: with several in the graph, the caller names one. */
  private async organizationFor(format: ExportFormat, requested?: string): Promise<string | undefined> {
    const orgs = await this.graph.organizations.list();
    if (requested) {
      if (!orgs.some((o) => o.id === requested))
        throw new DomainError('NOT_FOUND', `No organisation has id "${requested}".`);
      return requested;
    }
    if (format !== 'yaml' && format !== 'json') return undefined;
    if (orgs.length === 1) return orgs[0].id;
    if (orgs.length === 0) throw new DomainError('NOT_FOUND', 'The graph holds no organisation to export.');
    throw new DomainError(
      'VALIDATION_FAILED',
      `The graph holds ${orgs.length} organisations (${orgs.map((o) => o.id).join(', ')}); a native export covers one: name it (organizationId, --org).`,
    );
  }
}
