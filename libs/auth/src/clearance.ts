import { DEFAULT_CLASSIFICATION_LEVELS } from '@rampart/domain';

/**
 * Need-to-know by classification (docs/spec/analytics.md §8). Levels are an organisation's ordered list,
 * lowest first (DEFAULT_CLASSIFICATION_LEVELS unless the organisation declares its own), matched
 * exactly as import validates them.
 *
 * Unknown values fail closed, on both sides:
 * - a record whose classification is not in the list (typo, renamed level, another organisation's
 *   scheme, an empty string) ranks above every level, so nobody sees it in clear;
 * - a user whose clearance is not in the list ranks below every level: they see only records with
 *   no classification.
 * A record with no classification at all (null/undefined) is visible to everyone.
 */
export type ClassificationLevels = readonly string[];

/** Index of a level in the list (0 = lowest), or -1 when the list does not hold it. */
export function clearanceRank(
  level: string,
  levels: ClassificationLevels = DEFAULT_CLASSIFICATION_LEVELS,
): number {
  return levels.indexOf(level);
}

/** May a user cleared `userClearance` see a record classified `recordClassification`? */
export function maySee(
  userClearance: string | null | undefined,
  recordClassification: string | null | undefined,
  levels: ClassificationLevels = DEFAULT_CLASSIFICATION_LEVELS,
): boolean {
  if (recordClassification === null || recordClassification === undefined) return true;
  const record = clearanceRank(recordClassification, levels);
  if (record < 0) return false;
  const user =
    userClearance === null || userClearance === undefined ? -1 : clearanceRank(userClearance, levels);
  return user >= 0 && record <= user;
}

/**
 * The levels a user may see, lowest first: for a query filter such as
 * `n.classification IS NULL OR n.classification IN $visible`, which fails closed the same way.
 */
export function visibleLevels(
  userClearance: string | null | undefined,
  levels: ClassificationLevels = DEFAULT_CLASSIFICATION_LEVELS,
): string[] {
  const user =
    userClearance === null || userClearance === undefined ? -1 : clearanceRank(userClearance, levels);
  return levels.slice(0, user + 1);
}
