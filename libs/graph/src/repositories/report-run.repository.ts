import { ReportRun } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

/** Records of generated reports: bookkeeping nodes (:ReportRun), never part of the organisation graph. */
export class ReportRunRepository {
  constructor(private readonly executor: QueryExecutor) {}

  async record(run: ReportRun): Promise<ReportRun> {
    const rows = await this.executor.executeWrite(Q.reportRunCreate, {
      run: { ...run, parameters: JSON.stringify(run.parameters) },
    });
    return toReportRun(rows[0].run as Record<string, unknown>);
  }

  async byFile(file: string): Promise<ReportRun | undefined> {
    const [row] = await this.executor.executeRead(Q.reportRunByFile, { file });
    return row ? toReportRun(row.run as Record<string, unknown>) : undefined;
  }

  async list(report: string | null, limit: number): Promise<ReportRun[]> {
    const rows = await this.executor.executeRead(Q.reportRunList, { report, limit });
    return rows.map((r) => toReportRun(r.run as Record<string, unknown>));
  }
}

function toReportRun(p: Record<string, unknown>): ReportRun {
  return {
    id: String(p.id),
    report: String(p.report),
    format: String(p.format),
    generatedAt: String(p.generatedAt),
    parameters: JSON.parse(String(p.parameters ?? '{}')) as ReportRun['parameters'],
    sha256: String(p.sha256),
    bytes: Number(p.bytes),
    file: p.file == null ? null : String(p.file),
    trigger: String(p.trigger),
  };
}
