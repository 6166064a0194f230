import { DashboardDocument, type DashboardQuery } from '../api/generated';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';
import { DOMAIN_STYLE, isDomain } from '../graph/palette';
import { isStandInId } from '../graph/restricted';
import { FindingsPanel } from './findings-panel';
import { ReportsPanel } from './reports-panel';
import { riskMatrix } from './risk-matrix';

/**
 * The RSE's page for the chosen organisation: posture totals, weakest links, the 5x5 matrix,
 * findings and reports; everything links into the graph views of the same organisation.
 */
export function DashboardView() {
  const { org } = useScope();
  const { data, error, loading } = useQuery(DashboardDocument, { org: org.id });
  if (error) return <p className="error">{error}</p>;
  if (loading || !data) return <p>Loading the posture…</p>;
  const p = data.posture;
  return (
    <div>
      <h2>
        Security posture of {org.name} as of {p.asOf}
      </h2>
      <PostureCards posture={p} />
      {p.commonModeUnits.length > 0 && <CommonModeUnits ids={p.commonModeUnits} />}
      <div className="row">
        <WeakestLinks links={data.weakestLinks} />
        <ResidualRiskMatrix risks={data.risks} />
      </div>
      <FindingsPanel />
      <div style={{ marginTop: 12 }}>
        <ReportsPanel />
      </div>
    </div>
  );
}

/** The posture totals, one card each. */
function PostureCards({ posture: p }: { posture: DashboardQuery['posture'] }) {
  const cards: [string, number, string][] = [
    ['critical', p.criticalAssets, 'critical assets'],
    ['uncovered', p.uncoveredCriticalAssets, 'uncovered critical assets'],
    ['exposed', p.exposedCriticalAssets, 'exposed critical assets (depth 0)'],
    ['spof', p.singlePointsOfFailure, 'single points of failure'],
    ['common-mode', p.commonModeFailures, 'common-mode failures'],
    ['risks', p.risksAboveTolerance, 'risks above tolerance'],
    ['findings', p.findings, 'findings'],
  ];
  return (
    <div className="cards">
      {cards.map(([key, value, what]) => (
        <div className="card" key={key} data-testid={`posture-${key}`}>
          <div className="value">{value}</div>
          <div className="what">{what}</div>
        </div>
      ))}
    </div>
  );
}

function CommonModeUnits({ ids }: { ids: readonly string[] }) {
  const { href } = useScope();
  return (
    <p>
      Common-mode units:{' '}
      {ids.map((id) => (
        <span key={id}>
          <NodeName
            node={{ name: id, restricted: isStandInId(id) }}
            link={href('explorer', { focus: id })}
          />{' '}
        </span>
      ))}
    </p>
  );
}

/** The controls whose failure raises risk most, and the assets each is the only protection of. */
function WeakestLinks({ links }: { links: DashboardQuery['weakestLinks'] }) {
  const { href } = useScope();
  return (
    <section className="panel grow">
      <h3>Weakest links (the {links.length} whose failure raises risk most)</h3>
      <table data-testid="weakest-links">
        <thead>
          <tr>
            <th>Control</th>
            <th>Domains</th>
            <th>Risk rise if it fails</th>
            <th>Single point of failure for</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.control.id}>
              <td>
                <a href={href('explorer', { focus: l.control.id })}>{l.control.name}</a>
              </td>
              <td>
                {l.control.domains.filter(isDomain).map((d) => (
                  <span key={d} className="tag" style={{ background: DOMAIN_STYLE[d].color }}>
                    {DOMAIN_STYLE[d].tag}
                  </span>
                ))}
              </td>
              <td>{l.riskIncrease}</td>
              <td>
                {l.singlePointOfFailureFor.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 && ', '}
                    <NodeName node={a} className="spof" link={href('convergence', { asset: a.id })} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The 5x5 matrix of residual risk, likelihood 5 at the top. */
function ResidualRiskMatrix({ risks }: { risks: DashboardQuery['risks'] }) {
  const matrix = riskMatrix(risks);
  return (
    <section className="panel">
      <h3>Residual risk (likelihood × consequence)</h3>
      <table className="matrix" data-testid="risk-matrix">
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.likelihood}>
              <th>L{row.likelihood}</th>
              {row.cells.map((c) => (
                <td key={c.consequence} className={`level-${c.level}`} title={c.risks.join(', ')}>
                  {c.risks.length || ''}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th />
            {[1, 2, 3, 4, 5].map((c) => (
              <th key={c}>C{c}</th>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
