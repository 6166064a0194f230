import { useMemo, useState } from 'react';
import {
  CoverageDocument,
  CoverageHeatmapDocument,
  CriticalCountDocument,
  SearchDocument,
} from '../api/generated';
import { capNote } from '../components/capped';
import { GraphCanvas } from '../components/graph-canvas';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { SearchResults } from '../components/search-results';
import { useQuery } from '../components/use-query';
import {
  convergenceElements,
  convergenceLayout,
  domainTitle,
  uniqueControls,
} from '../graph/convergence-graph';
import { kindOf } from '../graph/kinds';
import { sectorLayout } from '../graph/layouts';
import { DOMAINS, DOMAIN_STYLE, isDomain } from '../graph/palette';

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** Rows of the heatmap (the most critical first); more are counted and found by the asset search. */
export const HEAT_SHOWN = 200;

/** A heatmap cell: covered, required but missing, or not required; a text mark besides the colour. */
function cell(d: { required: boolean; covered: boolean } | undefined): {
  cls: string;
  mark: string;
  what: string;
} {
  if (d?.covered) return { cls: 'yes', mark: '✓', what: 'covered' };
  if (d?.required) return { cls: 'no', mark: '✗', what: 'missing' };
  return { cls: 'na', mark: '–', what: 'not required' };
}

const tags = (domains: readonly string[]) =>
  domains.filter(isDomain).map((d) => (
    <span key={d} className="tag" style={{ background: DOMAIN_STYLE[d].color }} title={DOMAIN_STYLE[d].title}>
      {DOMAIN_STYLE[d].tag}
    </span>
  ));

/**
 * The five-domain picture of one asset (ISO 22340 convergence): the asset in the centre, a sector
 * per domain around it with the controls in force beyond, missing domains as empty dashed sectors.
 * Below, the heatmap of the chosen organisation's critical assets against the five domains.
 */
export function ConvergenceView({ params }: { params: URLSearchParams }) {
  const assetId = params.get('asset') ?? '';
  const { org, go, href } = useScope();
  const heat = useQuery(CoverageHeatmapDocument, { org: org.id, first: HEAT_SHOWN });
  // Only a full page may be cut: then ask how many critical assets there are in all.
  const full = (heat.data?.coverageSummary.length ?? 0) >= HEAT_SHOWN;
  const count = useQuery(CriticalCountDocument, { org: org.id }, !full);
  const heatNote =
    full && count.data ? capNote(HEAT_SHOWN, count.data.posture.criticalAssets, 'critical assets') : '';
  const result = useQuery(CoverageDocument, { assetId }, !assetId);
  const [text, setText] = useState('');
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);

  // Only the answer for the asset asked (a slower answer for the previous one is not shown).
  const coverage = result.data?.coverage.assetId === assetId ? result.data.coverage : undefined;
  const { elements, layout } = useMemo(() => {
    if (!coverage) return { elements: [], layout: sectorLayout(assetId, []) };
    const g = convergenceElements(coverage);
    return { elements: g.elements, layout: convergenceLayout(coverage.asset.id, g.sectors) };
  }, [coverage, assetId]);

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
  const hits = search.data?.assets.edges.map((e) => e.node) ?? [];
  const personnel = coverage?.domains.find((d) => d.domain === 'personnel');

  return (
    <div>
      <h2>Convergence</h2>
      <div className="controls">
        <label>
          Critical asset
          <select
            aria-label="Critical asset"
            value={assetId}
            onChange={(e) => go('convergence', { asset: e.target.value })}
          >
            <option value="">choose…</option>
            {assetId && heat.data && !choices.some((r) => r.assetId === assetId) && (
              <option value={assetId}>{coverage?.asset.name ?? assetId}</option>
            )}
            {choices.map((r) => (
              <option key={r.assetId} value={r.assetId}>
                {r.asset.name} (C{r.asset.criticality ?? '?'}, {pct(r.score)})
              </option>
            ))}
          </select>
        </label>
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
          <aside className="panel side" data-testid="convergence-panel">
            <h3>{coverage.asset.name}</h3>
            <p className="hint">
              {kindOf(coverage.asset.labels)} · {coverage.asset.id}
              {coverage.asset.criticality ? ` · criticality ${coverage.asset.criticality}` : ''}
              {coverage.asset.classification ? ` · [${coverage.asset.classification}]` : ''}
            </p>
            <p>
              Coverage score:{' '}
              <strong data-testid="coverage-score" className={coverage.score < 1 ? 'spof' : undefined}>
                {pct(coverage.score)}
              </strong>{' '}
              <span className="hint">
                ({coverage.requiredDomains.length - coverage.missingDomains.length} of{' '}
                {coverage.requiredDomains.length} required domains)
              </span>
            </p>
            <p data-testid="covered-domains">Covered: {tags(coverage.coveredDomains)}</p>
            {coverage.missingDomains.length > 0 ? (
              <p data-testid="missing-domains" className="spof">
                Missing:{' '}
                {coverage.missingDomains
                  .filter(isDomain)
                  .map((d) => domainTitle(d))
                  .join(', ')}
              </p>
            ) : (
              <p data-testid="missing-domains">Every required domain is covered.</p>
            )}
            {personnel?.fraction != null && personnel.fraction < 1 && (
              <p className="hint">
                Personnel: {pct(personnel.fraction)} of the people with access are vetted or protected.
              </p>
            )}
            <h3>Functions</h3>
            <p data-testid="functions">
              {coverage.functions.length ? coverage.functions.join(', ') : 'none'}
            </p>
            <h3>Domains</h3>
            <table className="counts" data-testid="domains">
              <thead>
                <tr>
                  <th>Domain</th>
                  <th>Status</th>
                  <th>Controls</th>
                </tr>
              </thead>
              <tbody>
                {DOMAINS.map((d) => {
                  const dc = coverage.domains.find((x) => x.domain === d);
                  const c = cell(dc);
                  return (
                    <tr key={d}>
                      <td title={DOMAIN_STYLE[d].title}>{domainTitle(d)}</td>
                      <td className={`heat-mark ${c.cls}`}>
                        {c.mark} {c.what}
                      </td>
                      <td>{uniqueControls(dc?.controls ?? []).length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p>
              <a href={href('blast', { nodes: coverage.asset.id })}>Blast radius</a> ·{' '}
              <a href={href('explorer', { focus: coverage.asset.id })}>Explore</a>
            </p>
            <p className="hint">
              Dashed sector: a required domain with no cover. Grey sector: not required for this kind of
              asset.
            </p>
            <Legend />
          </aside>
        </div>
      )}
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
        {heat.data && (
          <table className="heat" data-testid="heatmap">
            <thead>
              <tr>
                <th>Asset</th>
                {DOMAINS.map((d) => (
                  <th key={d} title={DOMAIN_STYLE[d].title}>
                    <span className="swatch" style={{ background: DOMAIN_STYLE[d].color }} aria-hidden />{' '}
                    {DOMAIN_STYLE[d].tag}
                  </th>
                ))}
                <th>Score</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.assetId}
                  className={r.assetId === assetId ? 'current' : undefined}
                  aria-current={r.assetId === assetId ? 'true' : undefined}
                >
                  <th scope="row">
                    <NodeName node={r.asset} bare link={href('convergence', { asset: r.assetId })} />{' '}
                    <span className="hint">
                      {r.asset.label}
                      {r.asset.criticality ? ` C${r.asset.criticality}` : ''}
                    </span>
                  </th>
                  {DOMAINS.map((d) => {
                    const c = cell(r.domains.find((x) => x.domain === d));
                    return (
                      <td key={d} className={c.cls} title={`${DOMAIN_STYLE[d].title}: ${c.what}`}>
                        {c.mark}
                      </td>
                    );
                  })}
                  <td className="score">{pct(r.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
