import { useMemo, useState } from 'react';
import { FindingsDocument } from '../api/generated';
import { capNote } from '../components/capped';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';
import { FINDINGS_SHOWN, filterFindings } from './findings-filter';

/**
 * The organisation's findings, high severity first, filtered by severity and searched; at most
 * FINDINGS_SHOWN rows, the rest counted ("showing 200 of 530") and found by searching. The API
 * answers every finding at once, so the search runs here.
 */
export function FindingsPanel() {
  const { org, href } = useScope();
  const [severity, setSeverity] = useState('');
  const [text, setText] = useState('');
  const findings = useQuery(FindingsDocument, {
    org: org.id,
    severity: severity ? [severity] : undefined,
  });
  const matching = useMemo(() => filterFindings(findings.data?.findings ?? [], text), [findings.data, text]);
  const shown = matching.slice(0, FINDINGS_SHOWN);
  const note = findings.data ? capNote(shown.length, matching.length, 'findings', text.trim()) : '';
  return (
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
        <label>
          Search findings
          <input
            type="search"
            aria-label="Search findings"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="rule, name or id"
          />
        </label>
        {note && (
          <span className="hint cap-note" role="status" data-testid="findings-note">
            {note}
          </span>
        )}
      </div>
      {findings.error && <p className="error">{findings.error}</p>}
      <table data-testid="findings">
        <tbody>
          {shown.map((f, i) => (
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
  );
}
