import { useMemo } from 'react';
import { CoverageDocument, CoverageHeatmapDocument, CriticalCountDocument } from '../api/generated';
import { capNote } from '../components/capped';
import { useQuery } from '../components/use-query';
import { convergenceElements, convergenceLayout } from '../graph/convergence-graph';
import { sectorLayout } from '../graph/layouts';

/** Rows of the heatmap (the most critical first); more are counted and found by the asset search. */
export const HEAT_SHOWN = 200;

/** The organisation's critical assets against the five domains, weakest first, and the assets offered. */
export function useHeatmap(orgId: string) {
  const heat = useQuery(CoverageHeatmapDocument, { org: orgId, first: HEAT_SHOWN });
  // Only a full page may be cut: then ask how many critical assets there are in all.
  const full = (heat.data?.coverageSummary.length ?? 0) >= HEAT_SHOWN;
  const count = useQuery(CriticalCountDocument, { org: orgId }, !full);
  const heatNote =
    full && count.data ? capNote(HEAT_SHOWN, count.data.posture.criticalAssets, 'critical assets') : '';
  const rows = useMemo(
    () =>
      [...(heat.data?.coverageSummary ?? [])].sort(
        (a, b) => a.score - b.score || a.asset.name.localeCompare(b.asset.name),
      ),
    [heat.data],
  );
  // A restricted asset cannot be asked about (its id is a stand-in): not offered.
  const choices = useMemo(
    () => rows.filter((r) => !r.asset.restricted).sort((a, b) => a.asset.name.localeCompare(b.asset.name)),
    [rows],
  );
  return { heat, heatNote, rows, choices };
}

/** One asset's coverage and its five-sector graph. */
export function useAssetCoverage(assetId: string) {
  const result = useQuery(CoverageDocument, { assetId }, !assetId);
  // Only the answer for the asset asked (a slower answer for the previous one is not shown).
  const coverage = result.data?.coverage.assetId === assetId ? result.data.coverage : undefined;
  const { elements, layout } = useMemo(() => {
    if (!coverage) return { elements: [], layout: sectorLayout(assetId, []) };
    const g = convergenceElements(coverage);
    return { elements: g.elements, layout: convergenceLayout(coverage.asset.id, g.sectors) };
  }, [coverage, assetId]);
  return { result, coverage, elements, layout };
}
