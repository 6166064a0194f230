import cytoscape from 'cytoscape';
import { explorerLayout, layeredLayout, layeredPositions, ringLayout } from './layouts';

const ids = (...xs: string[]) => xs.map((id) => ({ id }));

describe('layouts', () => {
  it('lays paths out left to right by hop, best path on top, shared nodes where first seen', () => {
    const pos = layeredPositions('thr', [{ nodes: ids('a', 'b', 'x') }, { nodes: ids('c', 'd', 'b', 'x') }]);
    expect(pos.a).toEqual({ x: 220, y: 0 });
    expect(pos.b).toEqual({ x: 440, y: 0 });
    expect(pos.x).toEqual({ x: 660, y: 0 });
    expect(pos.c).toEqual({ x: 220, y: 120 });
    expect(pos.d).toEqual({ x: 440, y: 120 });
    expect(pos.thr).toEqual({ x: 0, y: 60 });
  });

  it('puts what is not on a path (a common-mode dependency) in column 0 below the threat', () => {
    const cy = cytoscape({
      headless: true,
      elements: [...ids('thr', 'a', 'x', 'idp').map((data) => ({ data }))],
    });
    cy.layout(layeredLayout('thr', [{ nodes: ids('a', 'x') }])).run();
    expect(cy.getElementById('x').position()).toEqual({ x: 440, y: 0 });
    expect(cy.getElementById('idp').position()).toEqual({ x: 0, y: 120 });
  });

  it('rings blast radius by hop: the start in the middle, farther hops farther out', () => {
    const cy = cytoscape({
      headless: true,
      elements: [
        { data: { id: 's', hops: 0, impact: 0 } },
        ...[1, 2, 3].map((i) => ({ data: { id: `h1-${i}`, hops: 1, impact: 1 } })),
        ...[1, 2, 3, 4].map((i) => ({ data: { id: `h2-${i}`, hops: 2, impact: 0 } })),
      ],
    });
    cy.layout({ ...ringLayout(), boundingBox: { x1: 0, y1: 0, w: 1000, h: 1000 } } as never).run();
    const c = cy.getElementById('s').position();
    const r = (id: string) =>
      Math.hypot(cy.getElementById(id).position().x - c.x, cy.getElementById(id).position().y - c.y);
    expect(Math.max(...[1, 2, 3].map((i) => r(`h1-${i}`)))).toBeLessThan(
      Math.min(...[1, 2, 3, 4].map((i) => r(`h2-${i}`))),
    );
  });

  it('uses a force layout for small explorer graphs and a concentric one for large ones', () => {
    const n = (k: number) =>
      Array.from({ length: k }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` } }));
    expect(explorerLayout(n(300)).name).toBe('cose');
    expect(explorerLayout(n(301)).name).toBe('concentric');
  });
});
