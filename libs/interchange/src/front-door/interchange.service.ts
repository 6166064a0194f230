import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DomainError, OrganizationScope } from '@rampart/domain';
import { CSV_FILE_NAMES } from '../csv/csv-layout';
import { CsvImporter } from '../csv/csv-importer';
import { ExportScope } from '@rampart/graph';
import { ExportFormat, ExportRedaction, ExportResult, Exporter } from '../export/exporter';
import { ImportOptions, ImportReport, NativeImporter } from '../native/native-importer';
import { StixImportReport, StixImporter } from '../stix/stix-importer';
import { ImportFormat, ImportInput, importFormatOf } from './import-input';
import { detectFormat } from '../native/parse-file';
import { fileHead, readDocument } from '../native/read-document';

/** How to import, whoever asks: REST, GraphQL, the CLI. */
export interface ImportRequest {
  organizationId?: string;
  source?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** Present (even null): the caller's clearance, checked against every entry touched. Absent: full rights. */
  clearance?: string | null;
  /** The caller's organisations. Absent: every organisation. */
  organizations?: OrganizationScope;
  onProgress?: (done: number, total: number) => void;
}

/** A native or CSV import answers with its issues (ok false: nothing written); STIX is all or nothing. */
export type ImportOutcome =
  | { format: Exclude<ImportFormat, 'stix'>; ok: boolean; report: ImportReport }
  | { format: 'stix'; ok: true; report: StixImportReport };

/**
 * The one front door of interchange: detect the format, parse, validate, check clearance and
 * organisation, plan and write in one transaction, report. Every transport calls this; none
 * chooses a format or a pipeline itself.
 */
@Injectable()
export class InterchangeService {
  constructor(
    private readonly native: NativeImporter,
    private readonly stix: StixImporter,
    private readonly exporter: Exporter,
  ) {}

  async import(input: ImportInput, request: ImportRequest = {}): Promise<ImportOutcome> {
    const format = importFormatOf(input);
    if (input.kind === 'csv') {
      if (!input.files.length) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `${input.name}: a CSV set needs its files (${CSV_FILE_NAMES.join(', ')}): one file part each in a multipart upload, one argument each (or their directory) on the command line.`,
        );
      }
      const report = await new CsvImporter(this.native).importSet(input.name, input.files, request);
      return { format: 'csv', ok: report.ok, report };
    }
    if (!input.text.trim()) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${input.name} is empty: the request body must be the organisation file (YAML or JSON) or a STIX bundle.`,
      );
    }
    if (format === 'stix')
      return { format, ok: true, report: await this.importStix(input.name, input.text, request) };
    const options: ImportOptions = {
      ...request,
      format: format === 'json' || format === 'yaml' ? format : undefined,
    };
    const report = await this.native.importText(input.name, input.text, options);
    return { format, ok: report.ok, report };
  }

  /**
   * Imports a document on disk: a file of the CLI, or an upload the API spooled to disk (`upload`
   * gives its name and content type). A native JSON file is read entry by entry and written in
   * batches, memory bounded by a batch whatever its size: for a caller with full rights always,
   * for any other (clearance, organisations) when it is a first import (see
   * NativeImporter.importFirstJsonFile). A dry run with prune, and anything else, as `import` does.
   */
  async importFile(
    filePath: string,
    request: ImportRequest = {},
    upload?: { name: string; contentType?: string },
  ): Promise<ImportOutcome> {
    const name = upload?.name ?? path.basename(filePath);
    const head = fileHead(filePath);
    const document = { kind: 'document' as const, name, text: head, contentType: upload?.contentType };
    const format = importFormatOf(document);
    const json = format === 'json' || (format === 'native' && detectFormat(name, head) === 'json');
    if (json && !(request.dryRun && request.prune)) {
      const plain = request.clearance === undefined && !request.organizations?.limited;
      const report = !plain
        ? await this.native.importFirstJsonFile(filePath, request, name)
        : request.dryRun
          ? await this.native.validateJsonFile(filePath, request, name)
          : await this.native.importJsonFile(filePath, request, name);
      if (report) return { format: 'json', ok: report.ok, report };
    }
    return this.import({ ...document, text: readDocument(filePath) }, request);
  }

  /** A dry run of a document on disk (`rampart validate`): `importFile` writing nothing. */
  validateFile(filePath: string, request: Omit<ImportRequest, 'dryRun'> = {}): Promise<ImportOutcome> {
    return this.importFile(filePath, { ...request, dryRun: true });
  }

  /** Exports one organisation (or the caller's), optionally one source; `redaction` hides what the caller may not see. */
  export(format: ExportFormat, scope: ExportScope, redaction?: ExportRedaction): Promise<ExportResult> {
    return this.exporter.export(format, scope, redaction);
  }

  private importStix(name: string, text: string, request: ImportRequest): Promise<StixImportReport> {
    if (request.organizations?.limited) {
      throw new DomainError(
        'FORBIDDEN',
        'The threat library is shared by every organisation: an account limited to some organisations cannot import into it.',
      );
    }
    const { source, prune, dryRun, clearance, onProgress } = request;
    return this.stix.importText(name, text, {
      source,
      prune,
      dryRun,
      onProgress,
      ...('clearance' in request ? { clearance } : {}),
    });
  }
}
