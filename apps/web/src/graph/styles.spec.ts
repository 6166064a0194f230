import cytoscape from 'cytoscape';
import { nodeElement } from './elements';
import { KINDS } from './kinds';
import { DOMAIN_STYLE, DOMAINS, NEUTRAL } from './palette';
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

  it('uses five distinct domain colours and tags', () => {
    expect(new Set(DOMAINS.map((d) => DOMAIN_STYLE[d].color)).size).toBe(5);
    expect(new Set(DOMAINS.map((d) => DOMAIN_STYLE[d].tag)).size).toBe(5);
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}
