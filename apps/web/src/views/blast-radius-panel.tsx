import type { ReachMode } from '../api/generated';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import type { BlastAnswer } from './use-blast-radius';

type Reach = NonNullable<BlastAnswer['data']>;

const pct = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 2 : p < 1 ? 1 : 0)}%`;

/** The side panel of the blast radius: impact, what was reached by kind and class, the top assets. */
export function BlastRadiusPanel({
  data,
  mode,
  loading,
  starts,
  maxHops,
}: {
  data: Reach;
  mode: ReachMode | undefined;
  loading: boolean;
  starts: number;
  maxHops: number;
}) {
  const maxHopsSeen = Math.max(0, ...data.nodes.map((n) => n.hops));
  return (
    <aside className="panel side" data-testid="blast-panel" data-mode={mode} aria-busy={loading}>
      <h3>
        Impact score: <span data-testid="impact-score">{data.impactScore.toFixed(2)}</span>
        {loading && <span className="hint"> (recomputing…)</span>}
      </h3>
      <p className="hint">
        {mode === 'PROBABLE'
          ? 'Probable: each node at the probability of its most likely path through the controls (below 5% left out).'
          : 'Structural: everything reachable, controls ignored.'}{' '}
        Impact: the sum of criticality × probability over the assets reached.
      </p>
      <p data-testid="reached-count">
        <strong>{data.nodes.length}</strong> nodes reached from {starts} start
        {starts === 1 ? '' : 's'} within {maxHopsSeen} of {maxHops} hops.
      </p>
      <CountTable testId="by-label" title="By kind" head="Label" counts={data.byLabel} />
      <CountTable
        testId="by-classification"
        title="By classification"
        head="Classification"
        counts={data.byClassification}
      />
      <TopAssets assets={data.topAssets} />
      <p className="hint">
        Rings: hops from the starts (bold border). Node size and colour, light to dark: impact (criticality ×
        probability).
      </p>
      <Legend />
    </aside>
  );
}

/** The assets reached with the most impact, each linked to its convergence picture. */
function TopAssets({ assets }: { assets: Reach['topAssets'] }) {
  const { href } = useScope();
  return (
    <>
      <h3>Top assets reached</h3>
      {assets.length === 0 ? (
        <p>No asset reached.</p>
      ) : (
        <ol data-testid="top-assets">
          {assets.map((a) => (
            <li key={a.id}>
              <NodeName node={a} bare link={href('convergence', { asset: a.id })} />{' '}
              <span className="hint">
                {a.label}
                {a.criticality ? ` C${a.criticality}` : ''} · {a.hops} hop{a.hops === 1 ? '' : 's'} ·{' '}
                {pct(a.probability)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function CountTable({
  testId,
  title,
  head,
  counts,
}: {
  testId: string;
  title: string;
  head: string;
  counts: readonly { key: string; count: number }[];
}) {
  return (
    <>
      <h3>{title}</h3>
      {counts.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table data-testid={testId} className="counts">
          <thead>
            <tr>
              <th>{head}</th>
              <th>Nodes</th>
            </tr>
          </thead>
          <tbody>
            {[...counts]
              .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
              .map((c) => (
                <tr key={c.key}>
                  <td>{c.key}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}
