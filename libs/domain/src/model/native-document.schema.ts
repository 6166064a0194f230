import { z } from 'zod';
import {
  ACCESS_MODES,
  CONTROL_FUNCTIONS,
  CONTROL_STATUSES,
  DETECTION_POINTS,
  FACILITY_LEVELS,
  NATIVE_FORMAT,
  PERSON_STATUSES,
  RISK_LEVELS,
  RISK_TREATMENTS,
  SECURITY_DOMAINS,
  SYSTEM_KINDS,
  THREAT_KINDS,
  VECTORS,
} from './vocabulary';

/**
 * The native organisation file (docs/spec/import-format.md) as zod schemas. Objects are strict: an unknown
 * key is an error with its path, never silently dropped. Cross-references, id uniqueness,
 * classification levels and cycles are checked afterwards (they need the whole file and the graph).
 */
export const entityId = z
  .string({ message: 'expected an id (text)' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/,
    'ids are 1-200 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
  );

const score = z
  .number({ message: 'expected a score from 1 to 5' })
  .int('expected a whole number from 1 to 5')
  .min(1, 'scores run from 1 to 5')
  .max(5, 'scores run from 1 to 5');
const probability = z
  .number({ message: 'expected a number from 0 to 1' })
  .min(0, 'expected a number from 0 to 1')
  .max(1, 'expected a number from 0 to 1');
const nonNegative = z.number({ message: 'expected a number' }).min(0, 'must not be negative');
const positiveInt = z
  .number({ message: 'expected a whole number' })
  .int('expected a whole number')
  .positive('must be positive');

/** ISO 8601 date (2026-01-31) or date-time; YAML may hand us a Date already. */
export const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string({ message: 'expected an ISO 8601 date such as 2026-01-31' })
    .regex(
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
      'expected an ISO 8601 date such as 2026-01-31',
    )
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date'),
);

const idList = z.array(entityId, { message: 'expected a list of ids' });
/** A single id or a list of them (`responsible: p-alice` or `[p-alice, p-bob]`). */
const idOrIds = z.union([entityId, idList]);
const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `expected one of ${values.join(', ')}` });
const enumList = <T extends readonly [string, ...string[]]>(values: T) => z.array(enumOf(values));

export const businessImpactSchema = z.strictObject({
  confidentiality: score,
  integrity: score,
  availability: score,
});

/** Properties every entity may carry (docs/spec/analytics.md §1). */
const common = {
  id: entityId,
  name: z.string({ message: 'expected a name (text)' }).min(1, 'must not be empty'),
  classification: z.string().min(1).optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
};

const assetFields = { businessImpact: businessImpactSchema.optional(), owner: entityId.optional() };

export const organizationSchema = z.strictObject({
  ...common,
  riskTolerance: enumOf(RISK_LEVELS).optional(),
  reviewIntervalDays: positiveInt.optional(),
  vettingIntervalDays: z.record(z.string(), positiveInt).optional(),
  criticalThreshold: score.optional(),
  responseForce: z
    .strictObject({
      timeSeconds: nonNegative,
      stdDevSeconds: nonNegative,
      communicationProbability: probability,
    })
    .optional(),
});

export const orgUnitSchema = z.strictObject({ ...common, topManagement: z.boolean().optional() });
export const serviceProviderSchema = z.strictObject({
  ...common,
  contractHasSecurityClauses: z.boolean().optional(),
});

export const accessSchema = z.strictObject({
  to: entityId,
  mode: enumOf(ACCESS_MODES),
  justification: z.string().optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
});

export const personSchema = z.strictObject({
  ...common,
  ...assetFields,
  memberOf: idList.optional(),
  roles: z.array(z.string().min(1)).optional(),
  clearance: z.string().min(1).optional(),
  status: enumOf(PERSON_STATUSES).optional(),
  separatedAt: isoDate.optional(),
  lastVettedAt: isoDate.optional(),
  employment: z.string().optional(),
  access: z.array(accessSchema).optional(),
});

export const facilitySchema = z.strictObject({
  ...common,
  ...assetFields,
  level: enumOf(FACILITY_LEVELS).optional(),
  locatedIn: entityId.optional(),
});

export const systemSchema = z.strictObject({
  ...common,
  ...assetFields,
  kind: enumOf(SYSTEM_KINDS).optional(),
  internetFacing: z.boolean().optional(),
  hostedIn: entityId.optional(),
  connectsTo: idList.optional(),
  dependsOn: idList.optional(),
  authorizedToOperateUntil: isoDate.optional(),
  maxClassification: z.string().min(1).optional(),
});

export const informationSchema = z.strictObject({ ...common, ...assetFields, storedOn: idList.optional() });
export const plainAssetSchema = z.strictObject({ ...common, ...assetFields, hostedIn: entityId.optional() });
export const ownersSchema = z.strictObject({ person: entityId, assets: idList });

export const controlSchema = z.strictObject({
  ...common,
  domains: enumList(SECURITY_DOMAINS).min(1, 'a control serves at least one domain'),
  functions: enumList(CONTROL_FUNCTIONS).optional(),
  effectiveness: probability,
  status: enumOf(CONTROL_STATUSES),
  vectors: enumList(VECTORS).optional(),
  protects: idList.optional(),
  dependsOn: idList.optional(),
  mitigates: idList.optional(),
  responsible: idOrIds.optional(),
  lastTestedAt: isoDate.optional(),
  cost: nonNegative.optional(),
  implements: idList.optional(),
  detectionProbability: probability.optional(),
  delaySeconds: nonNegative.optional(),
  delayStdDevSeconds: nonNegative.optional(),
  detectionPoint: enumOf(DETECTION_POINTS).optional(),
});

export const threatSchema = z.strictObject({
  ...common,
  kind: enumOf(THREAT_KINDS),
  capability: score,
  intent: score,
  startsAt: idList.optional(),
  targets: idList.optional(),
  uses: idList.optional(),
});

export const riskSchema = z.strictObject({
  id: entityId,
  name: z.string().min(1).optional(),
  classification: z.string().min(1).optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  threat: entityId,
  asset: entityId,
  likelihood: score.optional(),
  consequence: score.optional(),
  treatment: enumOf(RISK_TREATMENTS).optional(),
  reviewedAt: isoDate.optional(),
});

export const nativeDocumentSchema = z.strictObject({
  format: z.literal(NATIVE_FORMAT, { message: `format must be exactly "${NATIVE_FORMAT}"` }),
  organization: organizationSchema.optional(),
  classificationLevels: z.array(z.string().min(1)).min(1).optional(),
  orgUnits: z.array(orgUnitSchema).optional(),
  serviceProviders: z.array(serviceProviderSchema).optional(),
  people: z.array(personSchema).optional(),
  facilities: z.array(facilitySchema).optional(),
  systems: z.array(systemSchema).optional(),
  information: z.array(informationSchema).optional(),
  assets: z.array(plainAssetSchema).optional(),
  owners: z.array(ownersSchema).optional(),
  controls: z.array(controlSchema).optional(),
  threats: z.array(threatSchema).optional(),
  risks: z.array(riskSchema).optional(),
});

export type NativeDocument = z.infer<typeof nativeDocumentSchema>;
export type OrganizationInput = z.infer<typeof organizationSchema>;
export type PersonInput = z.infer<typeof personSchema>;
export type ControlInput = z.infer<typeof controlSchema>;
