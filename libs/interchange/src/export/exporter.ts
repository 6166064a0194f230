import { stringify } from 'yaml';
import { DomainError } from '@rampart/domain';
import { ExportScope, GraphContext } from '@rampart/graph';
import { CsvFile } from '../csv/csv-document';
import { toCsvSet } from './csv-export';
import { toCytoscape } from './cytoscape-export';
import { toGraphml } from './graphml-export';
import { toNativeDocument } from './native-export';
import { zip } from './zip';

export const EXPORT_FORMATS = ['yaml', 'json', 'cytoscape', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats whose body is one text. */
export type TextExportFormat = Exclude<ExportFormat, 'csv'>;

export interface TextExportResult {
  format: TextExportFormat;
  contentType: string;
  fileName: string;
  body: string;
}

/** csv: the CSV set (docs/import.md "CSV files") as a ZIP archive, and its files one by one. */
export interface CsvExportResult {
  format: 'csv';
  contentType: string;
  fileName: string;
  body: Buffer;
  files: CsvFile[];
}

export type ExportResult = TextExportResult | CsvExportResult;

/** What an export hides: placeholders in the snapshot, ids and names in every text. */
export interface ExportRedaction {
  value<T>(v: T): T;
  text(s: string): string;
}
const NO_REDACTION: ExportRedaction = { value: (v) => v, text: (s) => s };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  yaml: 'application/yaml',
  json: 'application/json',
  cytoscape: 'application/json',
  graphml: 'application/graphml+xml',
  csv: 'application/zip',
};
const EXTENSIONS: Record<ExportFormat, string> = {
  yaml: 'yaml',
  json: 'json',
  cytoscape: 'cytoscape.json',
  graphml: 'graphml',
  csv: 'csv.zip',
};

/** Exports the graph (one organisation, optionally one source) in one of the formats. */
export class Exporter {
  constructor(private readonly graph: GraphContext) {}

  /**
   * `redaction` (need-to-know; libs/output's Redactor satisfies it) sees the snapshot before any
   * format does, and every text written: a text format's body, each file of a CSV set before it is
   * zipped. Without it, nothing is hidden (the CLI).
   */
  async export(
    format: TextExportFormat,
    scope: ExportScope,
    redaction?: ExportRedaction,
  ): Promise<TextExportResult>;
  async export(format: 'csv', scope: ExportScope, redaction?: ExportRedaction): Promise<CsvExportResult>;
  async export(format: ExportFormat, scope: ExportScope, redaction?: ExportRedaction): Promise<ExportResult>;
  async export(
    format: ExportFormat,
    scope: ExportScope,
    redaction: ExportRedaction = NO_REDACTION,
  ): Promise<ExportResult> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `unknown export format "${format}": use one of ${EXPORT_FORMATS.join(', ')}`,
      );
    }
    const organizationId = await this.organizationFor(format, scope.organizationId, scope.organizationIds);
    const snapshot = redaction.value(await this.graph.exports.snapshot({ ...scope, organizationId }));
    const base = organizationId ?? 'rampart';
    const fileName = `${base}${scope.source ? `-${scope.source.replace(/[^\w.-]/g, '_')}` : ''}.${EXTENSIONS[format]}`;
    if (format === 'csv') {
      const files = toCsvSet(toNativeDocument(snapshot)).map((f) => ({ ...f, text: redaction.text(f.text) }));
      return {
        format,
        contentType: CONTENT_TYPES[format],
        fileName,
        body: zip(files.map((f) => ({ name: f.name, data: f.text }))),
        files,
      };
    }
    const body =
      format === 'yaml'
        ? stringify(toNativeDocument(snapshot), { lineWidth: 0 })
        : format === 'json'
          ? `${JSON.stringify(toNativeDocument(snapshot), null, 2)}\n`
          : format === 'cytoscape'
            ? `${JSON.stringify(toCytoscape(snapshot))}\n`
            : toGraphml(snapshot);
    return { format, contentType: CONTENT_TYPES[format], fileName, body: redaction.text(body) };
  }

  /** A native document (and so a CSV set) holds one organisation: with several in the graph, the caller names one. */
  private async organizationFor(
    format: ExportFormat,
    requested: string | undefined,
    visible: readonly string[] | null | undefined,
  ): Promise<string | undefined> {
    const orgs = (await this.graph.organizations.list()).filter((o) => !visible || visible.includes(o.id));
    if (requested) {
      if (!orgs.some((o) => o.id === requested))
        throw new DomainError('NOT_FOUND', `No organisation has id "${requested}".`);
      return requested;
    }
    if (format !== 'yaml' && format !== 'json' && format !== 'csv') return undefined;
    if (orgs.length === 1) return orgs[0].id;
    if (orgs.length === 0) throw new DomainError('NOT_FOUND', 'The graph holds no organisation to export.');
    throw new DomainError(
      'VALIDATION_FAILED',
      `The graph holds ${orgs.length} organisations (${orgs.map((o) => o.id).join(', ')}); a native or CSV export covers one: name it (organizationId, --org).`,
    );
  }
}
