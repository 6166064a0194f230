/** Protective security maturity of one domain (ISO 22340 clause 11), docs/metrics.md §Maturity. */
export const MATURITY_LABELS = {
  1: 'Initial',
  2: 'Developing',
  3: 'Defined',
  4: 'Managed',
  5: 'Optimised',
} as const;
export type MaturityLevel = keyof typeof MATURITY_LABELS;

export interface DomainMaturity {
  level: MaturityLevel;
  label: (typeof MATURITY_LABELS)[MaturityLevel];
  /** What the next level needs, in words; empty at level 5. */
  next: string[];
}
