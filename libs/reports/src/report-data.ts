import { ControlStatus, DomainMaturity, RiskLevel, SecurityDomain } from '@rampart/domain';

/** The reports Rampart generates, by name (`rampart report <name>`). */
export const REPORT_NAMES = ['uncovered', 'posture', 'plan'] as const;
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
  /** Why it is uncovered (docs/spec/analytics.md §5), in words. */
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
  riskMatrix: RiskMatrixCount[];
  weakestLinks: WeakestLinkRow[];
}

/** Threat-asset pairs in one cell of the 5x5 matrix. */
export interface RiskMatrixCount {
  likelihood: number;
  consequence: number;
  count: number;
  level: RiskLevel;
}

export interface WeakestLinkRow {
  control: NodeRef & { domains: string[]; status: string; effectiveness: number };
  /** Rise of residual risk over the critical assets if the control fails. */
  riskIncrease: number;
  /** Critical assets it alone stands in front of. */
  singlePointOfFailureFor: number;
}

/** One assessed threat-asset pair (docs/spec/analytics.md §6). */
export interface RiskRow {
  threat: NodeRef;
  asset: NodeRef & { criticality: number };
  inherentLikelihood: number;
  residualLikelihood: number;
  consequence: number;
  /** Success probability of the most likely path (0: the threat cannot reach the asset). */
  pathProbability: number;
  inherentLevel: RiskLevel;
  level: RiskLevel;
  aboveTolerance: boolean;
  /** The register entry's treatment decision, if any. */
  treatment: string | null;
}

export const CONTROL_FUNCTION_KEYS = ['deter', 'detect', 'delay', 'respond', 'recover'] as const;
export type ControlFunctionKey = (typeof CONTROL_FUNCTION_KEYS)[number];

/** Control effectiveness and maturity of one domain (ISO 22340 6.2.2.7, clause 11). */
export interface DomainPosture {
  domain: SecurityDomain;
  /** The domain's controls by status (a control serving several domains counts in each). */
  controls: Record<ControlStatus, number>;
  /** Implemented or degraded. */
  inForce: number;
  /** Mean effectiveness of the controls in force as they count on paths (degraded: half); null: none in force. */
  meanEffectiveness: number | null;
  /** Controls in force tested within the review interval. */
  tested: number;
  /** Controls in force per function. */
  functions: Record<ControlFunctionKey, number>;
  /** Critical assets for which the domain is required, and how many it covers. */
  criticalRequired: number;
  criticalCovered: number;
  /** Open findings whose clause belongs to the domain. */
  findings: { high: number; medium: number; low: number };
  maturity: DomainMaturity;
}

/** A control the RSE should look at: failed, degraded, or in force but untested. */
export interface ControlAttention {
  control: NodeRef & {
    domains: string[];
    status: string;
    effectiveness: number;
    lastTestedAt: string | null;
  };
  issue: 'failed' | 'degraded' | 'untested';
  /** Assets it protects directly. */
  protects: number;
}

/** Findings of one rule (every rule that fired, high severity first). */
export interface FindingGroup {
  ruleId: string;
  title: string;
  severity: string;
  clause: string;
  domain: SecurityDomain | null;
  count: number;
  /** The first few findings, in words. */
  examples: string[];
}

/** A service provider (ISO 22340 6.2.2.9): what its people can reach. */
export interface ThirdPartyRow {
  provider: NodeRef;
  /** The contract's security clauses; null: not recorded. */
  securityClauses: boolean | null;
  /** Its people in the graph. */
  people: number;
  /** Critical assets reachable through it at all (structural blast radius). */
  criticalAssetsReachable: number;
  /** Probable blast radius impact score from the provider (docs/spec/analytics.md §4). */
  impactScore: number;
  /** PER-5 findings naming it. */
  findings: number;
}

/** Security performance report (ISO 22340 6.2.2.7). */
export interface PostureReport extends ReportHeader {
  report: 'posture';
  summary: UncoveredReport['summary'] & {
    /** The organisation's risk tolerance; null across organisations with different ones. */
    riskTolerance: RiskLevel | null;
    risks: number;
    controls: number;
    thirdParties: number;
  };
  /** Risk to assets: pairs per level before (inherent) and after controls (residual). */
  riskByLevel: { level: RiskLevel; inherent: number; residual: number }[];
  riskMatrix: RiskMatrixCount[];
  /** The highest residual risks, above tolerance first. */
  topRisks: RiskRow[];
  domains: DomainPosture[];
  controlsNeedingAttention: ControlAttention[];
  weakestLinks: WeakestLinkRow[];
  significantFindings: FindingGroup[];
  thirdParties: ThirdPartyRow[];
}

export const PLAN_SECTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type PlanSectionId = (typeof PLAN_SECTION_IDS)[number];

/** One section of the plan (ISO 22340 6.2.2.5 a-g): what a person must still write. */
export interface PlanSection {
  id: PlanSectionId;
  clause: string;
  title: string;
  /** Prompts for what the graph cannot know; never empty for a, e and g. */
  toBeWritten: string[];
}

/** Draft security plan (ISO 22342; ISO 22340 6.2.2.5), for one organisation. */
export interface SecurityPlanReport extends ReportHeader {
  report: 'plan';
  organization: { id: string; name: string };
  sections: PlanSection[];
  /** a) Context: who is accountable, what the organisation holds. */
  context: {
    rse: NodeRef | null;
    rseInTopManagement: boolean | null;
    topManagement: NodeRef[];
    assetsByKind: { kind: string; assets: number; critical: number }[];
    people: number;
    serviceProviders: number;
  };
  /** b) Risks and vulnerabilities and their impact on assets. */
  risks: {
    criticalAssets: number;
    uncoveredCriticalAssets: number;
    exposedCriticalAssets: number;
    top: RiskRow[];
    threats: {
      threat: NodeRef;
      kind: string | null;
      capability: number | null;
      intent: number | null;
      assetsAtRisk: number;
    }[];
    /** Critical assets missing each domain. */
    missingDomains: { domain: SecurityDomain; criticalAssets: number }[];
    commonModeFailures: NodeRef[];
  };
  /** c) The risk the organisation accepts. */
  acceptance: {
    tolerance: RiskLevel | null;
    accepted: RiskRow[];
    untreatedAboveTolerance: RiskRow[];
  };
  /** d) Strategies and controls. */
  controls: {
    domains: DomainPosture[];
    planned: (NodeRef & { domains: string[] })[];
    priorities: string[];
  };
  /** e) Culture: the people side the graph can see. */
  culture: {
    people: number;
    personnelControlsInForce: number;
    vettingOverdue: number;
    separatedWithAccess: number;
    /** People with access to classified information without a recorded justification (PER-3 findings). */
    accessWithoutJustification: number;
  };
  /** f) Response to changing threat levels. */
  response: {
    respondControls: number;
    recoverControls: number;
    detectControls: number;
    responseForce: { timeSeconds: number; stdDevSeconds: number; communicationProbability: number } | null;
  };
  /** g) The plan's status and reporting. */
  status: {
    state: 'draft';
    reviewIntervalDays: number;
    nextReviewDue: string;
    schedules: string[];
    recentReports: { report: string; format: string; generatedAt: string; sha256: string }[];
  };
}

export type ReportData = UncoveredReport | PostureReport | SecurityPlanReport;
