import { RiskLevel, SecurityDomain } from '@rampart/domain';

/** The reports Rampart generates, by name (`rampart report <name>`). */
export const REPORT_NAMES = ['uncovered'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Bumped when a JSON report changes shape (docs/reports.md, docs/schemas/). */
export const REPORT_SCHEMA_VERSION = 1;

export interface NodeRef {
  id: string;
  name: string;
  /** Its most specific label: Information, System, Facility, Person, Control, Threat, ... */
  kind: string;
}

/** What every JSON report starts with. */
export interface ReportHeader {
  report: ReportName;
  schemaVersion: number;
  generatedAt: string;
  asOf: string;
  organization: { id: string; name: string } | null;
  parameters: Record<string, string | number | boolean | null>;
}

export interface ThreatExposure {
  threat: NodeRef;
  /** Fewest controls on any path (security depth); 0: exposed. */
  depth: number;
  /** Success probability of the most likely path, and its nodes' names (entry point first). */
  probability: number;
  path: string[];
  singlePointsOfFailure: { id: string; name: string; kind: 'CONTROL' | 'DEPENDENCY'; commonMode: boolean }[];
  /** Nodes every path passes: one control there would stand on every path. */
  chokePoints: NodeRef[];
}

export interface UncoveredAsset {
  asset: NodeRef & { criticality: number; classification: string | null };
  owner: NodeRef | null;
  /** Why it is uncovered (analytics.md §5), in words. */
  reasons: string[];
  requiredDomains: SecurityDomain[];
  coveredDomains: SecurityDomain[];
  missingDomains: SecurityDomain[];
  /** Covered required domains / required domains. */
  score: number;
  /** Its own protecting controls that are failed, or untested beyond the review interval. */
  failedControls: NodeRef[];
  untestedControls: NodeRef[];
  /** The threats that reach it, most likely path first. */
  threats: ThreatExposure[];
  findings: { ruleId: string; title: string; severity: string; message: string }[];
  /** What to do, most important first. */
  actions: string[];
}

export interface UncoveredReport extends ReportHeader {
  report: 'uncovered';
  summary: {
    assets: number;
    criticalAssets: number;
    uncoveredCriticalAssets: number;
    exposedCriticalAssets: number;
    singlePointsOfFailure: number;
    commonModeFailures: number;
    risksAboveTolerance: number;
    findings: number;
    findingsBySeverity: { high: number; medium: number; low: number };
  };
  uncovered: UncoveredAsset[];
  /** Every critical asset x the five domains. */
  heatmap: { asset: NodeRef; domains: Record<SecurityDomain, 'covered' | 'missing' | 'not-required'> }[];
  /** Residual risks per cell of the 5x5 matrix (likelihood x consequence). */
  riskMatrix: { likelihood: number; consequence: number; count: number; level: RiskLevel }[];
  weakestLinks: {
    control: NodeRef & { domains: string[]; status: string; effectiveness: number };
    riskIncrease: number;
    singlePointOfFailureFor: number;
  }[];
}

export type ReportData = UncoveredReport;
