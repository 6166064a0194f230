import type { CoverageHeatmapQuery, CoverageQuery } from '../api/generated';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { domainTitle, uniqueControls } from '../graph/convergence-graph';
import { kindOf } from '../graph/kinds';
import { DOMAINS, DOMAIN_STYLE, isDomain } from '../graph/palette';

type Coverage = CoverageQuery['coverage'];
type HeatRow = CoverageHeatmapQuery['coverageSummary'][number];

export const pct = (p: number) => `${Math.round(p * 100)}%`;

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

/** The side panel of one asset: its score, the domains covered and missing, functions, links. */
export function ConvergencePanel({ coverage }: { coverage: Coverage }) {
  const { href } = useScope();
  const personnel = coverage.domains.find((d) => d.domain === 'personnel');
  return (
    <aside className="panel side" data-testid="convergence-panel">
      <h3>{coverage.asset.name}</h3>
      <p className="hint">
        {kindOf(coverage.asset.labels)} · {coverage.asset.id}
        {coverage.asset.criticality ? ` · criticality ${coverage.asset.criticality}` : ''}
        {coverage.asset.classification ? ` · [${coverage.asset.classification}]` : ''}
      </p>
      <CoverageScore coverage={coverage} />
      {personnel?.fraction != null && personnel.fraction < 1 && (
        <p className="hint">
          Personnel: {pct(personnel.fraction)} of the people with access are vetted or protected.
        </p>
      )}
      <h3>Functions</h3>
      <p data-testid="functions">{coverage.functions.length ? coverage.functions.join(', ') : 'none'}</p>
      <h3>Domains</h3>
      <DomainTable coverage={coverage} />
      <p>
        <a href={href('blast', { nodes: coverage.asset.id })}>Blast radius</a> ·{' '}
        <a href={href('explorer', { focus: coverage.asset.id })}>Explore</a>
      </p>
      <p className="hint">
        Dashed sector: a required domain with no cover. Grey sector: not required for this kind of asset.
      </p>
      <Legend />
    </aside>
  );
}

/** The score, and the required domains covered and missing. */
function CoverageScore({ coverage }: { coverage: Coverage }) {
  return (
    <>
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
    </>
  );
}

/** Each of the five domains: covered or not, and how many controls stand in it. */
function DomainTable({ coverage }: { coverage: Coverage }) {
  return (
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
  );
}

/** The heatmap table: a row per critical asset (the current one marked), a column per domain. */
export function CoverageHeatmap({ rows, assetId }: { rows: readonly HeatRow[]; assetId: string }) {
  const { href } = useScope();
  return (
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
  );
}
