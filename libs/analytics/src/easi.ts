import { ThreatData } from '@rampart/domain';
import { AttackGraph, appliesTo, isInForce } from './attack-graph';
import { AttackPath, PathSearchOptions, mostLikelyPaths } from './path-search';

export interface ResponseForceData {
  timeSeconds: number;
  stdDevSeconds: number;
  communicationProbability: number;
}

export interface EasiStep {
  node: string;
  vector: string;
  /** 1 - prod(1 - p) over the step's detecting controls. */
  detectionProbability: number;
  delaySeconds: number;
  varianceSeconds2: number;
  detectionPoint: 'beginning' | 'middle' | 'end';
  controls: string[];
  /** Delay still ahead when detection happens at this step (T_rem), and its variance. */
  remainingSeconds: number;
  remainingVariance: number;
  /** Phi((T_rem - T_G) / sqrt(var_rem + s_G^2)): the response arrives in time. */
  inTime: number;
}

export interface EasiPath {
  path: AttackPath;
  /** P_I, the probability of interruption. */
  probability: number;
  steps: EasiStep[];
  /** The last step after which the remaining delay still exceeds T_G; null when none. */
  criticalDetectionPoint: string | null;
}

export interface Interruption {
  assessed: boolean;
  /** Why not assessed. */
  reason?: string;
  /** Every path scored, most vulnerable (lowest P_I) first. */
  paths: EasiPath[];
  mostVulnerable?: EasiPath;
  truncated: boolean;
}

const WEIGHT = { beginning: 1, middle: 0.5, end: 0 } as const;

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf, error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * EASI for one path (docs/spec/analytics.md §3): a step's elements are the controls in force on it that
 * apply to its vector, whatever their effectiveness, each counted at its first step; figures as
 * recorded (degraded halves effectiveness only).
 */
export function easiForPath(g: AttackGraph, path: AttackPath, rf: ResponseForceData): EasiPath {
  const counted = new Set<string>();
  const raw = path.steps.map((s) => {
    const cs = g
      .protectorsOf(s.to)
      .filter((c) => isInForce(c) && appliesTo(c, s.vector) && !counted.has(c.id));
    cs.forEach((c) => counted.add(c.id));
    const detecting = cs.filter((c) => (c.detectionProbability ?? 0) > 0);
    const lead = [...detecting].sort(
      (a, b) => (b.detectionProbability ?? 0) - (a.detectionProbability ?? 0),
    )[0];
    const point = (lead?.detectionPoint ?? 'beginning') as EasiStep['detectionPoint'];
    return {
      node: s.to,
      vector: s.vector,
      detectionProbability: 1 - detecting.reduce((p, c) => p * (1 - (c.detectionProbability ?? 0)), 1),
      delaySeconds: cs.reduce((d, c) => d + (c.delaySeconds ?? 0), 0),
      varianceSeconds2: cs.reduce((v, c) => v + (c.delayStdDevSeconds ?? 0) ** 2, 0),
      detectionPoint: WEIGHT[point] === undefined ? 'beginning' : point,
      controls: cs.map((c) => c.id),
    };
  });
  let notYet = 1;
  let pi = 0;
  const steps = raw.map((s, i) => {
    const after = raw.slice(i + 1);
    const w = WEIGHT[s.detectionPoint];
    const remainingSeconds = w * s.delaySeconds + after.reduce((t, k) => t + k.delaySeconds, 0);
    const remainingVariance = w * w * s.varianceSeconds2 + after.reduce((v, k) => v + k.varianceSeconds2, 0);
    const inTime = normalCdf(
      (remainingSeconds - rf.timeSeconds) / Math.sqrt(remainingVariance + rf.stdDevSeconds ** 2 || 1e-12),
    );
    pi += s.detectionProbability * notYet * inTime;
    notYet *= 1 - s.detectionProbability;
    return { ...s, remainingSeconds, remainingVariance, inTime };
  });
  let critical: string | null = null;
  raw.forEach((s, i) => {
    if (raw.slice(i + 1).reduce((t, k) => t + k.delaySeconds, 0) > rf.timeSeconds) critical = s.node;
  });
  return { path, probability: rf.communicationProbability * pi, steps, criticalDetectionPoint: critical };
}

/**
 * Interruption of a threat against an asset: every path (up to `maxPaths`, most likely first) is
 * scored when the response force is known and some control on some path can detect; a path
 * with no detecting control scores 0. Otherwise not assessed.
 */
export function interruption(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  rf: ResponseForceData | undefined,
  opts: PathSearchOptions & { maxPaths?: number } = {},
): Interruption {
  if (!rf)
    return {
      assessed: false,
      reason: 'no response force is recorded for the organisation',
      paths: [],
      truncated: false,
    };
  const { paths, truncated } = mostLikelyPaths(g, threat, target, opts.maxPaths ?? 100, opts);
  if (!paths.length)
    return { assessed: false, reason: 'the threat does not reach the asset', paths: [], truncated };
  const scored = paths.map((p) => easiForPath(g, p, rf));
  if (!scored.some((s) => s.steps.some((x) => x.detectionProbability > 0))) {
    return {
      assessed: false,
      reason: 'no control on its paths carries a detection probability',
      paths: [],
      truncated,
    };
  }
  scored.sort((a, b) => a.probability - b.probability || b.path.probability - a.path.probability);
  return {
    assessed: true,
    paths: scored,
    mostVulnerable: scored[0],
    truncated: truncated || paths.length === (opts.maxPaths ?? 100),
  };
}
