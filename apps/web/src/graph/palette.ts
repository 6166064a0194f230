/**
 * The five domains of ISO 22340 with a colour-blind-safe colour each (Okabe-Ito) and a short
 * text tag: colour is never the only cue.
 */
export const DOMAINS = ['governance', 'personnel', 'information', 'cyber', 'physical'] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_STYLE: Record<Domain, { color: string; tag: string; title: string }> = {
  governance: { color: '#E69F00', tag: 'GOV', title: 'Governance' },
  personnel: { color: '#56B4E9', tag: 'PER', title: 'Personnel' },
  information: { color: '#009E73', tag: 'INF', title: 'Information' },
  cyber: { color: '#0072B2', tag: 'CYB', title: 'Cyber' },
  physical: { color: '#D55E00', tag: 'PHY', title: 'Physical' },
};

/** Neutral colours for what is not a control, and for emphasis. */
export const NEUTRAL = {
  node: '#9AA5B1',
  threat: '#CC79A7',
  asset: '#F0E442',
  edge: '#7B8794',
  highlight: '#D55E00',
  muted: '#CBD2D9',
  text: '#1F2933',
};

export const isDomain = (d: string): d is Domain => (DOMAINS as readonly string[]).includes(d);

/** The colour of a node with controls of these domains: the first domain's, else neutral. */
export function domainColor(domains: readonly string[] | null | undefined): string {
  const d = (domains ?? []).find(isDomain);
  return d ? DOMAIN_STYLE[d].color : NEUTRAL.node;
}

/** "CYB+PHY": the text twin of the colour. */
export const domainTags = (domains: readonly string[] | null | undefined): string =>
  (domains ?? [])
    .filter(isDomain)
    .map((d) => DOMAIN_STYLE[d].tag)
    .join('+');
