/** The closed vocabularies of docs/spec/analytics.md §1 and docs/spec/import-format.md. */
export const SECURITY_DOMAINS = ['governance', 'personnel', 'information', 'cyber', 'physical'] as const;
export type SecurityDomain = (typeof SECURITY_DOMAINS)[number];

export const CONTROL_FUNCTIONS = ['deter', 'detect', 'delay', 'respond', 'recover'] as const;
export const CONTROL_STATUSES = ['planned', 'implemented', 'degraded', 'failed', 'retired'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export const VECTORS = ['access', 'physical', 'logical', 'network', 'dependency', 'supply-chain'] as const;
export type Vector = (typeof VECTORS)[number];
export const DETECTION_POINTS = ['beginning', 'middle', 'end'] as const;

export const RISK_LEVELS = ['low', 'medium', 'high', 'extreme'] as const;
export const PERSON_STATUSES = ['active', 'suspended', 'separated'] as const;
export const ACCESS_MODES = ['read', 'write', 'admin', 'physical'] as const;
export const FACILITY_LEVELS = ['site', 'building', 'floor', 'zone', 'room'] as const;
export const SYSTEM_KINDS = ['ict', 'ot'] as const;
export const THREAT_KINDS = ['insider', 'criminal', 'state', 'activist', 'accidental', 'natural'] as const;
export const RISK_TREATMENTS = ['accept', 'treat', 'transfer', 'avoid'] as const;

export const DEFAULT_CLASSIFICATION_LEVELS = [
  'UNCLASSIFIED',
  'OFFICIAL',
  'SENSITIVE',
  'SECRET',
  'TOP_SECRET',
];

export const NATIVE_FORMAT = 'rampart/v1';
