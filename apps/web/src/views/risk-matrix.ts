import { riskLevel } from '@rampart/domain';

/** Residual risks counted per cell of the default 5x5 matrix, likelihood 5 on top. */
export function riskMatrix(
  risks: readonly {
    residualLikelihood: number;
    consequence: number;
    threat: { name: string };
    asset: { name: string };
  }[],
) {
  const rows = [5, 4, 3, 2, 1].map((likelihood) => ({
    likelihood,
    cells: [1, 2, 3, 4, 5].map((consequence) => ({
      consequence,
      level: riskLevel(likelihood, consequence),
      risks: risks
        .filter((r) => r.residualLikelihood === likelihood && r.consequence === consequence)
        .map((r) => `${r.threat.name} → ${r.asset.name}`),
    })),
  }));
  return { rows };
}
