import { DomainMaturity, MATURITY_LABELS, MaturityLevel, SecurityDomain } from '@rampart/domain';

/** What the graph shows about one domain, counted over one organisation (or all). */
export interface DomainEvidence {
  /** Critical assets for which the domain is required, and how many of them it covers. */
  criticalRequired: number;
  criticalCovered: number;
  /** The domain's controls that are not retired (planned, implemented, degraded, failed). */
  controls: number;
  /** Of those, implemented or degraded. */
  inForce: number;
  /** Of the controls in force, tested within the review interval. */
  tested: number;
  /** Open findings whose clause belongs to the domain. */
  highFindings: number;
  findings: number;
}

interface Condition {
  holds: (e: DomainEvidence) => boolean;
  /** What to do when it does not hold. */
  need: (e: DomainEvidence) => string;
}

const share = (part: number, whole: number, empty: number) => (whole ? part / whole : empty);
/** No critical asset needs the domain: nothing to cover, so coverage does not hold it back. */
export const coverageShare = (e: DomainEvidence) => share(e.criticalCovered, e.criticalRequired, 1);
export const inForceShare = (e: DomainEvidence) => share(e.inForce, e.controls, 0);
export const testedShare = (e: DomainEvidence) => share(e.tested, e.inForce, 0);

const pct = (x: number) => `${Math.round(x * 100)} %`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const coverAtLeast = (min: number): Condition => ({
  holds: (e) => coverageShare(e) >= min,
  need: (e) => {
    const more = Math.ceil(min * e.criticalRequired - e.criticalCovered - 1e-9);
    return `cover ${more} more of the ${e.criticalRequired} critical assets that require it (now ${pct(coverageShare(e))}, needs ${pct(min)})`;
  },
});
const inForceAtLeast = (min: number): Condition => ({
  holds: (e) => e.controls > 0 && inForceShare(e) >= min,
  need: (e) =>
    e.controls
      ? `bring ${pct(min)} of its controls into force (now ${e.inForce} of ${e.controls}: ${pct(inForceShare(e))})`
      : 'put at least one control in force',
});
const testedAtLeast = (min: number): Condition => ({
  holds: (e) => e.inForce > 0 && testedShare(e) >= min,
  need: (e) =>
    `test ${pct(min)} of its controls in force within the review interval (now ${e.tested} of ${e.inForce}: ${pct(testedShare(e))})`,
});
const noHighFindings: Condition = {
  holds: (e) => e.highFindings === 0,
  need: (e) => `resolve its ${plural(e.highFindings, 'high-severity finding')}`,
};
const noFindings: Condition = {
  holds: (e) => e.findings === 0,
  need: (e) => `resolve its ${plural(e.findings, 'finding')}`,
};

/**
 * The conditions of each level above 1 (docs/metrics.md). A level is reached when its conditions
 * and those of every level below hold; the staircase never skips a step.
 */
const LEVELS: Record<2 | 3 | 4 | 5, Condition[]> = {
  2: [{ holds: (e) => e.inForce > 0, need: () => 'put at least one control in force' }, coverAtLeast(0.5)],
  3: [coverAtLeast(0.8), inForceAtLeast(0.8)],
  4: [coverAtLeast(0.95), inForceAtLeast(0.9), testedAtLeast(0.8), noHighFindings],
  5: [coverAtLeast(1), inForceAtLeast(1), testedAtLeast(1), noFindings],
};

/** The domain's maturity level 1-5 from its evidence, and what the next level needs. */
export function domainMaturity(e: DomainEvidence): DomainMaturity {
  let level: MaturityLevel = 1;
  for (const next of [2, 3, 4, 5] as const) {
    if (!LEVELS[next].every((c) => c.holds(e))) break;
    level = next;
  }
  const next =
    level === 5 ? [] : LEVELS[(level + 1) as 2 | 3 | 4 | 5].filter((c) => !c.holds(e)).map((c) => c.need(e));
  return { level, label: MATURITY_LABELS[level], next };
}

const CLAUSE_DOMAINS: Record<string, SecurityDomain> = {
  '6': 'governance',
  '7': 'personnel',
  '8': 'information',
  '9': 'cyber',
  '10': 'physical',
};

/**
 * The domain a finding rule belongs to, by the ISO 22340 clause it rests on: 6 governance,
 * 7 personnel, 8 information, 9 cyber, 10 physical (the first such clause listed: "3.1, 6.1" is 6).
 * PER-2 and PER-3 rest on 8.2.2, so need-to-know findings count against information.
 */
export function domainOfClause(clause: string): SecurityDomain | null {
  for (const part of clause.split(/[,;\s]+/)) {
    const d = CLAUSE_DOMAINS[part.split('.')[0]];
    if (d) return d;
  }
  return null;
}
