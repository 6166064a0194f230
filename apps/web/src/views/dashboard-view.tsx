import { useState } from 'react';
import { DashboardDocument, FindingsDocument } from '../api/generated';
import { NodeName } from '../components/node-name';
import { useQuery } from '../components/use-query';
import { DOMAIN_STYLE, isDomain } from '../graph/palette';
import { isStandInId } from '../graph/restricted';
import { href } from '../route';
import { riskMatrix } from './risk-matrix';

/** The RSE's page: posture totals, weakest links, the 5x5 matrix and findings; all link into the graph. */
export function DashboardView() {
  const { data, error, loading } = useQuery(DashboardDocument, {});
  const [severity, setSeverity] = useState('');
  const findings = useQuery(FindingsDocument, { severity: severity ? [severity] : undefined });
  if (error) return <p className="error">{error}</p>;
  if (loading || !data) return <p>Loading the posture…</p>;
  const p = data.posture;
  const cards: [string, number, string][] = [
    ['critical', p.criticalAssets, 'critical assets'],
    ['uncovered', p.uncoveredCriticalAssets, 'uncovered critical assets'],
    ['exposed', p.exposedCriticalAssets, 'exposed critical assets (depth 0)'],
    ['spof', p.singlePointsOfFailure, 'single points of failure'],
    ['common-mode', p.commonModeFailures, 'common-mode failures'],
    ['risks', p.risksAboveTolerance, 'risks above tolerance'],
    ['findings', p.findings, 'findings'],
  ];
  const matrix = riskMatrix(data.risks);
  return (
    <div>
      <h2>Security posture as of {p.asOf}</h2>
      <div className="cards">
        {cards.map(([key, value, what]) => (
          <div className="card" key={key} data-testid={`posture-${key}`}>
            <div className="value">{value}</div>
            <div className="what">{what}</div>
          </div>
        ))}
      </div>
      {p.commonModeUnits.length > 0 && (
        <p>
          Common-mode units:{' '}
          {p.commonModeUnits.map((id) => (
            <span key={id}>
              <NodeName
                node={{ name: id, restricted: isStandInId(id) }}
                link={href('explorer', { focus: id })}
              />{' '}
            </span>
          ))}
        </p>
      )}
      <div className="row">
        <section className="panel grow">
          <h3>Weakest links</h3>
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
              {data.weakestLinks.map((l) => (
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
      </div>
      <section className="panel" style={{ marginTop: 12 }}>
        <h3>Findings</h3>
        <div className="controls">
          <label>
            Severity
            <select value={severity} onChange={(e) => setSeverity(e.target.value)} aria-label="Severity">
              <option value="">all</option>
              <option value="high">high</option>
              <option value="medium">medium</option>
              <option value="low">low</option>
            </select>
          </label>
        </div>
        {findings.error && <p className="error">{findings.error}</p>}
        <table data-testid="findings">
          <tbody>
            {(findings.data?.findings ?? []).slice(0, 200).map((f, i) => (
              <tr key={`${f.ruleId}-${i}`}>
                <td className={`sev-${f.severity}`}>{f.severity}</td>
                <td title={f.title}>{f.ruleId}</td>
                <td>
                  {f.nodes[0] ? (
                    <NodeName node={f.nodes[0]} link={href('explorer', { focus: f.nodes[0].id })}>
                      {f.message}
                    </NodeName>
                  ) : (
                    f.message
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
