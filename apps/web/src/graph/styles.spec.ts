import cytoscape from 'cytoscape';
import { nodeElement } from './elements';
import { KINDS } from './kinds';
import { DOMAIN_STYLE, DOMAINS, NEUTRAL } from './palette';
import { RESTRICTED_STYLE } from './restricted';
import { graphStyles } from './styles';

describe('graph styles', () => {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: graphStyles(),
    elements: [
      ...KINDS.map((k) => nodeElement({ id: k.kind, name: k.title, labels: [k.kind] })),
      nodeElement({ id: 'ctl-cy', name: 'MFA', labels: ['Control'], domains: ['cyber'] }, ['spof']),
      nodeElement({ id: 'sys-idp', name: 'IdP', labels: ['System'] }, ['common-mode']),
      nodeElement({
        id: 'restricted-0123456789abcdef',
        name: 'restricted',
        label: 'Facility',
        labels: ['Asset', 'Facility'],
        restricted: true,
      }),
    ],
  });

  afterAll(() => cy.destroy());

  it('gives every kind its own shape, so kind never rests on colour', () => {
    const shapes = KINDS.map((k) => cy.getElementById(k.kind).style('shape'));
    expect(shapes).toEqual(KINDS.map((k) => k.shape));
    expect(new Set(shapes).size).toBe(KINDS.length);
  });

  it('colours a control by its domain and marks single points of failure and common-mode units', () => {
    const ctl = cy.getElementById('ctl-cy');
    expect(ctl.style('background-color')).toBe(hexToRgb(DOMAIN_STYLE.cyber.color));
    expect(ctl.style('border-color')).toBe(hexToRgb(NEUTRAL.highlight));
    expect(cy.getElementById('sys-idp').style('border-style')).toBe('dashed');
  });

  it('draws a restricted node grey, in a shape no kind has, dashed, labelled with its kind only', () => {
    const r = cy.getElementById('restricted-0123456789abcdef');
    expect(r.style('background-color')).toBe(hexToRgb(RESTRICTED_STYLE.color));
    expect(r.style('shape')).toBe(RESTRICTED_STYLE.shape);
    expect(KINDS.map((k) => k.shape as string)).not.toContain(r.style('shape'));
    expect(r.style('border-style')).toBe('dashed');
    expect(r.style('label')).toBe('restricted (Facility)');
    expect(cy.nodes('[?restricted]').map((n) => n.id())).toEqual(['restricted-0123456789abcdef']);
  });

  it('uses five distinct domain colours and tags', () => {
    expect(new Set(DOMAINS.map((d) => DOMAIN_STYLE[d].color)).size).toBe(5);
    expect(new Set(DOMAINS.map((d) => DOMAIN_STYLE[d].tag)).size).toBe(5);
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}
