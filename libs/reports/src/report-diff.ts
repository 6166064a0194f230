import { DomainError } from '@rampart/domain';
import { UncoveredReport } from './report-data';

export interface ReportDiff {
  from: { generatedAt: string; asOf: string };
  to: { generatedAt: string; asOf: string };
  newUncovered: { id: string; name: string; reasons: string[] }[];
  resolvedUncovered: { id: string; name: string }[];
  /** Still uncovered, for other reasons. */
  changedUncovered: { id: string; name: string; before: string[]; after: string[] }[];
  newFindings: FindingKey[];
  resolvedFindings: FindingKey[];
  /** Summary numbers that moved: [before, after]. */
  summary: Record<string, [number, number]>;
}

interface FindingKey {
  ruleId: string;
  assetId: string;
  assetName: string;
  message: string;
}

/** Fails with a clear message when a file is not a JSON uncovered report Rampart wrote. */
export function parseUncoveredReport(text: string, where: string): UncoveredReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${where}: not JSON (${(e as Error).message}); diff compares reports generated with --format json.`,
    );
  }
  const r = data as Partial<UncoveredReport>;
  const other = (r as { report?: unknown } | null)?.report;
  if (typeof other === 'string' && other !== 'uncovered') {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${where}: a ${JSON.stringify(other)} report; diff compares uncovered reports (rampart report uncovered --format json).`,
    );
  }
  if (r?.report !== 'uncovered' || !Array.isArray(r.uncovered) || typeof r.summary !== 'object') {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${where}: not an uncovered report in JSON (expected "report": "uncovered" with "uncovered" and "summary").`,
    );
  }
  return r as UncoveredReport;
}

/** What changed from report `a` to report `b`: uncovered assets and findings, new and resolved. */
export function diffReports(a: UncoveredReport, b: UncoveredReport): ReportDiff {
  const before = new Map(a.uncovered.map((u) => [u.asset.id, u]));
  const after = new Map(b.uncovered.map((u) => [u.asset.id, u]));
  const findings = (r: UncoveredReport) =>
    new Map(
      r.uncovered.flatMap((u) =>
        u.findings.map((f): [string, FindingKey] => [
          `${f.ruleId}|${u.asset.id}|${f.message}`,
          { ruleId: f.ruleId, assetId: u.asset.id, assetName: u.asset.name, message: f.message },
        ]),
      ),
    );
  const fa = findings(a);
  const fb = findings(b);
  const summary: ReportDiff['summary'] = {};
  for (const [k, v] of Object.entries(b.summary)) {
    const old = (a.summary as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' && typeof old === 'number' && v !== old) summary[k] = [old, v];
  }
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((s, i) => s === y[i]);
  return {
    from: { generatedAt: a.generatedAt, asOf: a.asOf },
    to: { generatedAt: b.generatedAt, asOf: b.asOf },
    newUncovered: b.uncovered
      .filter((u) => !before.has(u.asset.id))
      .map((u) => ({ id: u.asset.id, name: u.asset.name, reasons: u.reasons })),
    resolvedUncovered: a.uncovered
      .filter((u) => !after.has(u.asset.id))
      .map((u) => ({ id: u.asset.id, name: u.asset.name })),
    changedUncovered: b.uncovered.flatMap((u) => {
      const old = before.get(u.asset.id);
      return old && !same(old.reasons, u.reasons)
        ? [{ id: u.asset.id, name: u.asset.name, before: old.reasons, after: u.reasons }]
        : [];
    }),
    newFindings: [...fb].filter(([k]) => !fa.has(k)).map(([, f]) => f),
    resolvedFindings: [...fa].filter(([k]) => !fb.has(k)).map(([, f]) => f),
    summary,
  };
}

/** The diff as text for a terminal. */
export function formatDiff(d: ReportDiff): string {
  const lines = [
    `From ${d.from.generatedAt} (as of ${d.from.asOf}) to ${d.to.generatedAt} (as of ${d.to.asOf}):`,
  ];
  for (const [k, [x, y]] of Object.entries(d.summary)) lines.push(`  ${k}: ${x} -> ${y}`);
  const section = (title: string, items: string[]) => {
    lines.push(`${title}: ${items.length}`);
    for (const i of items) lines.push(`  ${i}`);
  };
  section(
    'New uncovered critical assets',
    d.newUncovered.map((u) => `+ ${u.name} (${u.id}): ${u.reasons.join('; ')}`),
  );
  section(
    'Resolved',
    d.resolvedUncovered.map((u) => `- ${u.name} (${u.id})`),
  );
  section(
    'Still uncovered, reasons changed',
    d.changedUncovered.map((u) => `~ ${u.name} (${u.id}): ${u.before.join('; ')} -> ${u.after.join('; ')}`),
  );
  section(
    'New findings',
    d.newFindings.map((f) => `+ ${f.ruleId} ${f.assetName}: ${f.message}`),
  );
  section(
    'Resolved findings',
    d.resolvedFindings.map((f) => `- ${f.ruleId} ${f.assetName}: ${f.message}`),
  );
  return `${lines.join('\n')}\n`;
}
