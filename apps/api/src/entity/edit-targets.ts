import { TargetsOf } from '../auth/permission.decorator';

/**
 * The entities each edit concerns, for the asset-owner's conditional write grant (libs/auth
 * policy.ts): AccessGuard allows the edit only if every one is an asset the user's person owns or
 * a control protecting only such assets.
 */
const ids = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

const field = (obj: unknown, key: string): unknown =>
  obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;

/** A new control, judged by the assets it will protect; any other new entity concerns no asset of the user. */
export const createTargets: TargetsOf = ({ kind, input }) =>
  kind === 'CONTROL' ? ids(field(input, 'protects')) : [];

/** The entity itself, and for a control the assets it is to protect from now on. */
export const updateTargets: TargetsOf = ({ id, set }) => [String(id), ...ids(field(set, 'protects'))];

export const deleteTargets: TargetsOf = ({ id }) => [String(id)];

/** Both ends: an edge is an edit of each. */
export const relationshipTargets: TargetsOf = ({ input }) => [
  String(field(input, 'from')),
  String(field(input, 'to')),
];
