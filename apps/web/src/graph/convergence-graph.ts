import type { ElementDefinition, LayoutOptions } from 'cytoscape';
import { type NodeLike, edgeElement, nodeElement } from './elements';
import { sectorLayout } from './layouts';
import { DOMAINS, DOMAIN_STYLE, type Domain, NEUTRAL } from './palette';

/** What the convergence view needs of a coverage result (the Coverage query's answer). */
export interface CoverageLike {
  asset: NodeLike;
  domains: readonly {
    domain: string;
    required: boolean;
    covered: boolean;
    controls: readonly { id: string; name: string; inherited: boolean; on: string; onName: string }[];
  }[];
}

/** One domain around the asset: its sector node and the control elements placed beyond it. */
export interface Sector {
  /** Element id of the sector node: `sector:<domain>`. */
  id: string;
  domain: Domain;
  required: boolean;
  covered: boolean;
  /** Required and not covered: drawn as an empty dashed sector. */
  missing: boolean;
  /** Element ids of the controls drawn beyond the sector (`<domain>:<control id>`), then `<domain>:more`. */
  controls: string[];
}

/** At most this many controls are drawn per sector; the rest are summed up in one "+N more" node. */
export const SECTOR_CONTROLS = 6;

type CoverageControl = CoverageLike['domains'][number]['controls'][number];

/**
 * A domain's controls, each once: the API lists a control once per node it protects (the asset and
 * its containers); the listing on the asset itself wins, else the first.
 */
export function uniqueControls(controls: readonly CoverageControl[]): CoverageControl[] {
  const unique = new Map<string, CoverageControl>();
  for (const c of [...controls].sort((a, b) => Number(a.inherited) - Number(b.inherited))) {
    if (!unique.has(c.id)) unique.set(c.id, c);
  }
  return [...unique.values()];
}

export const sectorId = (domain: Domain) => `sector:${domain}`;

/** "CYB Cyber": the tag and the title of a domain. */
export const domainTitle = (d: Domain) => `${DOMAIN_STYLE[d].tag} ${DOMAIN_STYLE[d].title}`;

/**
 * The five-domain picture of an asset: the asset, one sector per domain (in DOMAINS order) joined
 * to it, and each sector's controls joined to the sector. A required domain that is not covered is
 * an empty sector of class `missing`; a domain that is not required is muted (class `na`). A
 * control covering two domains is drawn once per sector (ids `<domain>:<control id>`).
 */
export function convergenceElements(
  c: CoverageLike,
  maxControls = SECTOR_CONTROLS,
): { elements: ElementDefinition[]; sectors: Sector[] } {
  const asset = nodeElement(c.asset, ['target'], 48);
  const color = c.asset.restricted ? asset.data.color : NEUTRAL.asset;
  const elements: ElementDefinition[] = [{ ...asset, data: { ...asset.data, color } }];
  const edges: ElementDefinition[] = [];
  const sectors: Sector[] = DOMAINS.map((domain) => {
    const d = c.domains.find((x) => x.domain === domain);
    const required = d?.required ?? false;
    const covered = d?.covered ?? false;
    const missing = required && !covered;
    const id = sectorId(domain);
    const note = missing ? '\n(missing)' : required ? '' : '\n(not required)';
    elements.push({
      group: 'nodes',
      data: {
        id,
        domain,
        kind: 'Sector',
        name: DOMAIN_STYLE[domain].title,
        label: `${domainTitle(domain)}${note}`,
        color: required ? DOMAIN_STYLE[domain].color : NEUTRAL.muted,
        size: 64,
        required,
        covered,
      },
      classes: ['sector', ...(missing ? ['missing'] : []), ...(required ? [] : ['na'])].join(' '),
    });
    edges.push(edgeElement(c.asset.id, id, ''));

    const list = uniqueControls(d?.controls ?? []);
    const shown = list.length > maxControls ? list.slice(0, maxControls - 1) : list;
    const controls: string[] = [];
    for (const ctl of shown) {
      const cid = `${domain}:${ctl.id}`;
      controls.push(cid);
      elements.push({
        group: 'nodes',
        data: {
          id: cid,
          controlId: ctl.id,
          domain,
          kind: 'Control',
          name: ctl.name,
          label: [
            ctl.name,
            DOMAIN_STYLE[domain].tag,
            ...(ctl.inherited ? [`inherited from ${ctl.onName}`] : []),
          ].join('\n'),
          color: DOMAIN_STYLE[domain].color,
          size: 26,
          inherited: ctl.inherited,
          on: ctl.on,
        },
      });
      edges.push(edgeElement(id, cid, ''));
    }
    if (shown.length < list.length) {
      const more = `${domain}:more`;
      controls.push(more);
      elements.push({
        group: 'nodes',
        data: {
          id: more,
          domain,
          kind: 'Other',
          name: 'more',
          label: `+${list.length - shown.length} more`,
          color: NEUTRAL.muted,
          size: 18,
        },
      });
      edges.push(edgeElement(id, more, ''));
    }
    return { id, domain, required, covered, missing, controls };
  });
  return { elements: [...elements, ...edges], sectors };
}

/** How much further out every other control of a sector sits, so that neighbours' labels do not overlap. */
const STAGGER = 0.2;

/**
 * sectorLayout's positions with every second control of a sector pushed outwards along its ray
 * from the asset: the controls of one sector sit close together and their labels are wide.
 */
export function convergenceLayout(
  assetId: string,
  sectors: readonly Sector[],
): LayoutOptions & { positions: Record<string, { x: number; y: number }> } {
  const layout = sectorLayout(assetId, sectors);
  const centre = layout.positions[assetId];
  for (const s of sectors) {
    s.controls.forEach((id, i) => {
      const p = layout.positions[id];
      if (i % 2 === 1 && p) {
        layout.positions[id] = {
          x: centre.x + (p.x - centre.x) * (1 + STAGGER),
          y: centre.y + (p.y - centre.y) * (1 + STAGGER),
        };
      }
    });
  }
  return layout;
}
