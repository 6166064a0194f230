import { useState } from 'react';
import { SearchDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { useScope } from '../components/scope';
import { SearchResults } from '../components/search-results';
import { useQuery } from '../components/use-query';
import { ConvergencePanel, CoverageHeatmap, pct } from './convergence-panel';
import { useAssetCoverage, useHeatmap } from './use-convergence';

export { HEAT_SHOWN } from './use-convergence';

/**
 * The five-domain picture of one asset (ISO 22340 convergence): the asset in the centre, a sector
 * per domain around it with the controls in force beyond, missing domains as empty dashed sectors.
 * Below, the heatmap of the chosen organisation's critical assets against the five domains.
 */
export function ConvergenceView({ params }: { params: URLSearchParams }) {
  const assetId = params.get('asset') ?? '';
  const { org, href } = useScope();
  const heatmap = useHeatmap(org.id);
  const { result, coverage, elements, layout } = useAssetCoverage(assetId);
  const [text, setText] = useState('');
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);
  const hits = search.data?.assets.edges.map((e) => e.node) ?? [];

  return (
    <div>
      <h2>Convergence</h2>
      <div className="controls">
        <AssetChoice assetId={assetId} heatmap={heatmap} assetName={coverage?.asset.name} />
        <label>
          Or any asset
          <input
            aria-label="Search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="search by name or id"
          />
        </label>
      </div>
      <SearchResults
        hits={hits}
        total={search.data?.assets.totalCount}
        action={(h) => (
          <a href={href('convergence', { asset: h.id })} onClick={() => setText('')}>
            {h.name}
          </a>
        )}
      />
      {!assetId && <p>Choose an asset: its five security domains and the controls in force in each.</p>}
      {assetId && result.error && <p className="error">{result.error}</p>}
      {assetId && !coverage && result.loading && <p>Computing the coverage…</p>}
      {coverage && (
        <div className="row">
          <div className="grow">
            <GraphCanvas name="convergence" elements={elements} layout={layout} />
          </div>
          <ConvergencePanel coverage={coverage} />
        </div>
      )}
      <HeatmapSection assetId={assetId} heatmap={heatmap} />
    </div>
  );
}

/** The critical assets to choose from (the asset shown, when not among them, first). */
function AssetChoice({
  assetId,
  heatmap,
  assetName,
}: {
  assetId: string;
  heatmap: ReturnType<typeof useHeatmap>;
  assetName: string | undefined;
}) {
  const { go } = useScope();
  const { heat, choices } = heatmap;
  return (
    <label>
      Critical asset
      <select
        aria-label="Critical asset"
        value={assetId}
        onChange={(e) => go('convergence', { asset: e.target.value })}
      >
        <option value="">choose…</option>
        {assetId && heat.data && !choices.some((r) => r.assetId === assetId) && (
          <option value={assetId}>{assetName ?? assetId}</option>
        )}
        {choices.map((r) => (
          <option key={r.assetId} value={r.assetId}>
            {r.asset.name} (C{r.asset.criticality ?? '?'}, {pct(r.score)})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Below the graph: the heatmap of the organisation's critical assets, with its cap note. */
function HeatmapSection({ assetId, heatmap }: { assetId: string; heatmap: ReturnType<typeof useHeatmap> }) {
  const { heat, heatNote, rows } = heatmap;
  return (
    <section className="panel" style={{ marginTop: 12 }}>
      <h3>Critical assets × domains</h3>
      <p className="hint">Weakest first. ✓ covered, ✗ required but missing, – not required.</p>
      {heatNote && (
        <p className="hint cap-note" role="status" data-testid="heatmap-note">
          {heatNote}, the most critical: search for any other asset above.
        </p>
      )}
      {heat.error && <p className="error">{heat.error}</p>}
      {heat.loading && !heat.data && <p>Loading…</p>}
      {heat.data && <CoverageHeatmap rows={rows} assetId={assetId} />}
    </section>
  );
}
