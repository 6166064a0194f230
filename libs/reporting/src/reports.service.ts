import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportsConfig } from '@rampart/config';
import { DEFAULT_CLASSIFICATION_LEVELS, DomainError, ReportRun, User } from '@rampart/domain';
import { clearanceRank } from '@rampart/auth';
import { ReportRunRepository } from '@rampart/graph';
import {
  DocumentOptions,
  HTML_CONTENT_TYPE,
  PDF_CONTENT_TYPE,
  PdfRenderError,
  REPORT_FORMATS,
  REPORT_NAMES,
  ReportFormat,
  ReportData,
  ReportDocument,
  ReportName,
  planCsv,
  planDocument,
  postureCsv,
  postureDocument,
  renderHtml,
  renderMarkdown,
  renderPdf,
  uncoveredCsv,
  uncoveredDocument,
} from '@rampart/reports';
import { currentScope } from '@rampart/access';
import { currentRedactor } from '@rampart/access';
import { coversOnlyVisible } from './report-visibility';
import { PostureReportService } from './posture-report.service';
import { REPORTS_CONFIG } from './reports-config';
import { SecurityPlanService } from './security-plan.service';
import { ReportOptions, UncoveredReportService } from './uncovered-report.service';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: HTML_CONTENT_TYPE,
  pdf: PDF_CONTENT_TYPE,
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface GenerateOptions {
  organizationId?: string;
  asOf?: string;
  trigger: 'api' | 'cli' | 'schedule';
  /** Generation time; default now. */
  now?: Date;
  /**
   * Whose need-to-know the report has (the user's, a schedule's), recorded with the run so a stored
   * file is served only to someone cleared as high. The redaction itself is the current redactor's
   * (see RedactionInterceptor); undefined: full view (the CLI).
   */
  clearance?: string | null;
}

export interface GeneratedReport {
  run: ReportRun;
  content: Buffer;
  contentType: string;
  fileName: string;
}

/** Generates a report in a format, records it (time, parameters, SHA-256), optionally into the reports directory. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
    private readonly uncovered: UncoveredReportService,
    private readonly posture: PostureReportService,
    private readonly plan: SecurityPlanService,
    private readonly runs: ReportRunRepository,
  ) {}

  /** The report's bytes, recorded as generated (no file). */
  async generate(name: string, format: string, opts: GenerateOptions): Promise<GeneratedReport> {
    const r = await this.produce(name, format, opts);
    const run = await this.runs.record({ ...r.run, file: null });
    return { ...r, run };
  }

  /** Generates into the reports directory (written whole, then renamed: never a half file) and records it. */
  async generateToDir(name: string, format: string, opts: GenerateOptions): Promise<GeneratedReport> {
    const r = await this.produce(name, format, opts);
    fs.mkdirSync(this.config.dir, { recursive: true });
    const stamp = r.run.generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const file = path.join(this.config.dir, r.fileName.replace(/(\.\w+)$/, `-${stamp}$1`));
    writeAtomically(file, r.content);
    const run = await this.runs.record({ ...r.run, file });
    return { ...r, run };
  }

  /**
   * A file generateToDir wrote, by its base name (no paths: nothing outside the directory). One
   * made for a higher clearance than the reader's answers as a file that does not exist.
   */
  async storedFile(
    base: string,
    reader: Pick<User, 'clearance'>,
  ): Promise<{ file: string; contentType: string }> {
    const format = REPORT_FORMATS.find((f) => base.endsWith(`.${f}`));
    const file = path.join(this.config.dir, base);
    const missing = () =>
      new DomainError('NOT_FOUND', `No generated report is named ${JSON.stringify(base)}.`);
    if (!/^[A-Za-z0-9._-]+$/.test(base) || base.startsWith('.') || !format || !fs.existsSync(file)) {
      throw missing();
    }
    const run = await this.runs.byFile(file);
    if (!run || !mayRead(reader, run, currentRedactor().active) || !coversOnlyVisible(run)) throw missing();
    return { file, contentType: CONTENT_TYPES[format] };
  }

  list(report: string | undefined, limit: number): Promise<ReportRun[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `first must be a whole number from 1 to 1000; got ${limit}.`,
      );
    }
    // A run over organisations out of the reader's view is absent for it (issue 18).
    return this.runs.list(report ?? null, limit).then((runs) => runs.filter(coversOnlyVisible));
  }

  private async produce(name: string, format: string, opts: GenerateOptions) {
    const report = checkName(name);
    const fmt = checkFormat(format);
    const now = opts.now ?? new Date();
    // Need-to-know: the facts are redacted before any format sees them (text, tables, charts).
    const redactor = currentRedactor();
    const built = await this.build(report, { organizationId: opts.organizationId, asOf: opts.asOf, now });
    const data = redactor.value(built);
    const content = await this.render(data, fmt).catch((e: unknown) => {
      throw renderFailure(report, fmt, e);
    });
    const orgId = opts.organizationId && redactor.text(opts.organizationId);
    const org = orgId ? `-${orgId.replace(/[^A-Za-z0-9-]/g, '_')}` : '';
    const run: ReportRun = {
      id: randomUUID(),
      report,
      format: fmt,
      generatedAt: now.toISOString(),
      parameters: {
        ...data.parameters,
        ...(opts.clearance === undefined ? {} : { clearance: opts.clearance }),
        // Over every organisation a limited reader may see: which ones (who may read it later).
        ...(!data.parameters.organizationId && currentScope().limited
          ? { organizations: currentScope().ids()!.join(',') }
          : {}),
      },
      sha256: createHash('sha256').update(content).digest('hex'),
      bytes: content.length,
      file: null,
      trigger: opts.trigger,
    };
    return {
      run,
      content,
      contentType: CONTENT_TYPES[fmt],
      fileName: `rampart-${report}${org}-${data.asOf}.${fmt}`,
    };
  }

  private build(report: ReportName, opts: ReportOptions): Promise<ReportData> {
    switch (report) {
      case 'uncovered':
        return this.uncovered.build(opts);
      case 'posture':
        return this.posture.build(opts);
      case 'plan':
        return this.plan.build(opts);
    }
  }

  private async render(data: ReportData, format: ReportFormat): Promise<Buffer> {
    // Markdown, HTML and PDF are summaries (the first rows of each long table); CSV and JSON hold all.
    const opts: DocumentOptions = { rows: this.config.summaryRows };
    switch (format) {
      case 'json':
        return Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
      case 'csv':
        return Buffer.from(csvOf(data));
      case 'md':
        return Buffer.from(renderMarkdown(documentOf(data, opts)));
      case 'html':
        return Buffer.from(renderHtml(documentOf(data, opts)));
      case 'pdf': {
        const doc = documentOf(data, opts);
        return renderPdf(renderHtml(doc), {
          chromiumPath: this.config.chromiumPath,
          marking: doc.marking,
          title: `${doc.title} (${doc.subtitle ?? ''})`,
          timeoutMs: this.config.pdfTimeoutMs,
        });
      }
    }
  }
}

/**
 * A report whose data was built but whose format failed, in one line for the API's error body and
 * the CLI's stderr: which report and format, why, and the setting to change when there is one.
 */
export function renderFailure(report: ReportName, format: ReportFormat, e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  const what = `${format.toUpperCase()} rendering of report ${report}`;
  if (e instanceof PdfRenderError) {
    const hint =
      e.reason === 'timeout'
        ? '; raise RAMPART_PDF_TIMEOUT_MS, or narrow the report to one organisation'
        : e.reason === 'launch'
          ? '; check RAMPART_CHROMIUM_PATH'
          : '';
    return new DomainError('REPORT_RENDER_FAILED', `${what} ${e.detail}${hint}`, {
      report,
      format,
      reason: e.reason,
    });
  }
  const why = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
  return new DomainError('REPORT_RENDER_FAILED', `${what} failed: ${why}`, { report, format }, { cause: e });
}

function documentOf(data: ReportData, opts: DocumentOptions): ReportDocument {
  switch (data.report) {
    case 'uncovered':
      return uncoveredDocument(data, opts);
    case 'posture':
      return postureDocument(data, opts);
    case 'plan':
      return planDocument(data, opts);
  }
}

function csvOf(data: ReportData): string {
  switch (data.report) {
    case 'uncovered':
      return uncoveredCsv(data);
    case 'posture':
      return postureCsv(data);
    case 'plan':
      return planCsv(data);
  }
}

function checkName(name: string): ReportName {
  if ((REPORT_NAMES as readonly string[]).includes(name)) return name as ReportName;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Unknown report ${JSON.stringify(name)}; the reports are ${REPORT_NAMES.join(', ')}.`,
  );
}

function checkFormat(format: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Unknown format ${JSON.stringify(format)}; the formats are ${REPORT_FORMATS.join(', ')}.`,
  );
}

/**
 * May this reader have a stored report? One made with a stated clearance: if cleared at least as
 * high. One made with the full view (the CLI, records from before clearances were kept): only by
 * a reader who sees everything now.
 */
function mayRead(reader: Pick<User, 'clearance'>, run: ReportRun, readerRedacted: boolean): boolean {
  if (!('clearance' in run.parameters)) return !readerRedacted;
  const made = run.parameters.clearance;
  if (made === null) return true;
  const rank = (c: unknown) => (typeof c === 'string' ? clearanceRank(c, DEFAULT_CLASSIFICATION_LEVELS) : -1);
  return rank(reader.clearance) >= rank(made) && rank(made) >= 0;
}

function writeAtomically(file: string, content: Buffer): void {
  const tmp = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
