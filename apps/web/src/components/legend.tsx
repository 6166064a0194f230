import { KINDS } from '../graph/kinds';
import { DOMAINS, DOMAIN_STYLE } from '../graph/palette';

/** What shapes and colours mean: shape per kind, colour and tag per domain, grey for restricted. */
export function Legend() {
  return (
    <aside className="legend" aria-label="Legend">
      <h3>Legend</h3>
      <ul>
        {KINDS.map((k) => (
          <li key={k.kind}>
            <span className={`shape shape-${k.shape}`} aria-hidden /> {k.title}
          </li>
        ))}
        <li>
          <span className="shape shape-restricted" aria-hidden /> Restricted: above your clearance
        </li>
      </ul>
      <ul>
        {DOMAINS.map((d) => (
          <li key={d}>
            <span className="swatch" style={{ background: DOMAIN_STYLE[d].color }} aria-hidden />{' '}
            {DOMAIN_STYLE[d].tag} {DOMAIN_STYLE[d].title}
          </li>
        ))}
      </ul>
      <p className="hint">Orange border: single point of failure; dashed: common-mode dependency.</p>
    </aside>
  );
}
