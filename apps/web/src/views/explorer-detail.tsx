import {
  CoverageDocument,
  FindingsDocument,
  NeighbourhoodDocument,
  type NeighbourhoodQuery,
} from '../api/generated';
import { RestrictedDetail } from '../components/node-name';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';
import { kindOf } from '../graph/kinds';
import { isRestricted } from '../graph/restricted';

type Entity = NonNullable<NeighbourhoodQuery['entity']>;

/** The selected entity: its properties, coverage (an asset), findings, and a way to expand it. */
export function Detail({
  id,
  onExpand,
  expanded,
}: {
  id: string;
  onExpand: (id: string) => void;
  expanded: boolean;
}) {
  const { org } = useScope();
  const n = useQuery(NeighbourhoodDocument, { id });
  const e = n.data?.entity;
  const isAsset = Boolean(e?.labels.includes('Asset') && !e.restricted);
  const coverage = useQuery(CoverageDocument, { assetId: id }, !isAsset);
  // The entity's own organisation (a neighbour may belong to another): its findings are there.
  const findings = useQuery(FindingsDocument, { org: e?.organizationId ?? org.id }, !e);
  if (!e) return <p>{n.error ?? 'Loading…'}</p>;
  if (e.restricted) return <RestrictedDetail node={e} />;
  const flagged = (findings.data?.findings ?? []).filter((f) => f.nodes.some((x) => x.id === id));
  return (
    <div>
      <h3>{e.name}</h3>
      <table>
        <tbody>
          {detailProps(e, isAsset)
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td data-testid={`detail-${k}`}>{String(v)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {e.description && <p>{e.description}</p>}
      {!expanded && (
        <button onClick={() => onExpand(id)}>Expand neighbours ({e.relationships.length})</button>
      )}
      {coverage.data && <DetailCoverage id={id} coverage={coverage.data.coverage} />}
      <h3>Findings ({flagged.length})</h3>
      <ul data-testid="detail-findings">
        {flagged.map((f, i) => (
          <li key={i} className={`sev-${f.severity}`}>
            {f.ruleId}: {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The rows of the property table (empty values are left out when shown). */
function detailProps(e: Entity, isAsset: boolean): [string, unknown][] {
  const owners = e.relationships
    .filter((r) => r.type === 'OWNS' && r.direction === 'IN')
    .map((r) => (isRestricted(r.node) ? 'restricted' : r.node.name));
  return [
    ['id', e.id],
    ['kind', kindOf(e.labels)],
    ['classification', e.classification],
    ['criticality', 'criticality' in e ? e.criticality : undefined],
    ['domains', 'domains' in e ? e.domains?.join(', ') : undefined],
    ['status', 'status' in e ? e.status : undefined],
    ['effectiveness', 'effectiveness' in e ? e.effectiveness : undefined],
    ['owner', owners.join(', ') || (isAsset ? 'none' : undefined)],
  ];
}

/** An asset's domains covered and missing, with links to its convergence and blast radius. */
function DetailCoverage({
  id,
  coverage,
}: {
  id: string;
  coverage: { coveredDomains: readonly string[]; missingDomains: readonly string[] };
}) {
  const { href } = useScope();
  return (
    <p data-testid="detail-coverage">
      Domains covered: {coverage.coveredDomains.join(', ') || 'none'}
      {coverage.missingDomains.length > 0 && (
        <span className="spof"> · missing {coverage.missingDomains.join(', ')}</span>
      )}{' '}
      <a href={href('convergence', { asset: id })}>convergence</a> ·{' '}
      <a href={href('blast', { nodes: id })}>blast radius</a>
    </p>
  );
}
