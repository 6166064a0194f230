/** The record of one generated report (ISO 22340 6.2.2.7 reporting is accountable: who asked, what came out). */
export interface ReportRun {
  id: string;
  report: string;
  format: string;
  generatedAt: string;
  /** The parameters it was generated with (organisation, as-of date, ...). */
  parameters: Record<string, string | number | boolean | null>;
  /** SHA-256 of the bytes produced, hex. */
  sha256: string;
  bytes: number;
  /** Where it was written, when it was (CLI --out, schedules, the generate mutation). */
  file: string | null;
  /** api, cli, schedule */
  trigger: string;
}
