import { type CoverageLike, convergenceElements, convergenceLayout } from './convergence-graph';
import { sectorLayout } from './layouts';
import { DOMAIN_STYLE, NEUTRAL } from './palette';

// A System: governance, personnel, cyber and physical required; information not.
const coverage: CoverageLike = {
  asset: { id: 'sys-crm', name: 'CRM', labels: ['Asset', 'System'], criticality: 4 },
  domains: [
    {
      domain: 'governance',
      required: true,
      covered: true,
      controls: [
        { id: 'ctl-policy', name: 'Security policy', inherited: false, on: 'sys-crm', onName: 'CRM' },
      ],
    },
    { domain: 'personnel', required: true, covered: false, controls: [] },
    { domain: 'information', required: false, covered: false, controls: [] },
    {
      domain: 'cyber',
      required: true,
      covered: true,
      controls: [
        { id: 'ctl-mfa', name: 'MFA', inherited: false, on: 'sys-crm', onName: 'CRM' },
        { id: 'ctl-soc', name: 'SOC monitoring', inherited: true, on: 'fac-dc', onName: 'Data centre' },
      ],
    },
    {
      domain: 'physical',
      required: true,
      covered: true,
      // One control of two domains (cyber and physical) is listed under both.
      controls: [
        { id: 'ctl-soc', name: 'SOC monitoring', inherited: true, on: 'fac-dc', onName: 'Data centre' },
      ],
    },
  ],
};

const node = (els: ReturnType<typeof convergenceElements>['elements'], id: string) =>
  els.find((e) => e.group === 'nodes' && e.data.id === id);

describe('convergenceElements', () => {
  const { elements, sectors } = convergenceElements(coverage);

  it('draws one sector per domain in DOMAINS order around the asset', () => {
    expect(sectors.map((s) => s.id)).toEqual([
      'sector:governance',
      'sector:personnel',
      'sector:information',
      'sector:cyber',
      'sector:physical',
    ]);
    expect(node(elements, 'sys-crm')?.classes).toContain('target');
    for (const s of sectors) {
      expect(elements).toContainEqual(
        expect.objectContaining({
          group: 'edges',
          data: expect.objectContaining({ source: 'sys-crm', target: s.id }),
        }),
      );
    }
    expect(node(elements, 'sector:cyber')?.data).toMatchObject({
      label: 'CYB Cyber',
      color: DOMAIN_STYLE.cyber.color,
    });
  });

  it('marks a required domain without cover as missing and a domain not required as na', () => {
    expect(sectors.filter((s) => s.missing).map((s) => s.domain)).toEqual(['personnel']);
    const personnel = node(elements, 'sector:personnel');
    expect(String(personnel?.classes).split(' ')).toEqual(['sector', 'missing']);
    expect(personnel?.data.label).toBe('PER Personnel\n(missing)');
    expect(sectors.find((s) => s.domain === 'personnel')?.controls).toEqual([]);
    const information = node(elements, 'sector:information');
    expect(String(information?.classes).split(' ')).toEqual(['sector', 'na']);
    expect(information?.data.color).toBe(NEUTRAL.muted);
    expect(node(elements, 'sector:governance')?.classes).toBe('sector');
  });

  it('gives a control covering two domains one element per sector, ids unique', () => {
    expect(sectors.find((s) => s.domain === 'cyber')?.controls).toEqual(['cyber:ctl-mfa', 'cyber:ctl-soc']);
    expect(sectors.find((s) => s.domain === 'physical')?.controls).toEqual(['physical:ctl-soc']);
    const ids = elements.map((e) => e.data.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(elements).toContainEqual(
      expect.objectContaining({
        group: 'edges',
        data: expect.objectContaining({ source: 'sector:physical', target: 'physical:ctl-soc' }),
      }),
    );
    // Every edge joins two drawn nodes.
    const nodes = new Set(elements.filter((e) => e.group === 'nodes').map((e) => e.data.id));
    for (const e of elements.filter((x) => x.group === 'edges')) {
      expect(nodes.has(e.data.source as string) && nodes.has(e.data.target as string)).toBe(true);
    }
  });

  it('labels controls with their name and where they are inherited from', () => {
    expect(node(elements, 'cyber:ctl-mfa')?.data.label).toBe('MFA\nCYB');
    expect(node(elements, 'cyber:ctl-soc')?.data.label).toBe(
      'SOC monitoring\nCYB\ninherited from Data centre',
    );
    expect(node(elements, 'physical:ctl-soc')?.data).toMatchObject({
      label: 'SOC monitoring\nPHY\ninherited from Data centre',
      controlId: 'ctl-soc',
      color: DOMAIN_STYLE.physical.color,
    });
  });

  it('draws a control listed twice in one domain once, and sums up the overflow', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      id: `ctl-${i}`,
      name: `Control ${i}`,
      inherited: true,
      on: 'fac-dc',
      onName: 'Data centre',
    }));
    const { elements: els, sectors: ss } = convergenceElements(
      {
        ...coverage,
        domains: [
          {
            domain: 'cyber',
            required: true,
            covered: true,
            controls: [
              ...many,
              { id: 'ctl-0', name: 'Control 0', inherited: false, on: 'sys-crm', onName: 'CRM' },
            ],
          },
        ],
      },
      6,
    );
    const cyber = ss.find((s) => s.domain === 'cyber');
    expect(cyber?.controls).toEqual([
      'cyber:ctl-0',
      'cyber:ctl-1',
      'cyber:ctl-2',
      'cyber:ctl-3',
      'cyber:ctl-4',
      'cyber:more',
    ]);
    expect(node(els, 'cyber:ctl-0')?.data.label).toBe('Control 0\nCYB');
    expect(node(els, 'cyber:more')?.data.label).toBe('+4 more');
    // Domains the answer leaves out are neither required nor covered.
    expect(ss.filter((s) => !s.required).map((s) => s.domain)).toEqual([
      'governance',
      'personnel',
      'information',
      'physical',
    ]);
  });

  it('feeds sectorLayout: a position for every node, every second control of a sector further out', () => {
    const base = sectorLayout('sys-crm', sectors);
    const layout = convergenceLayout('sys-crm', sectors);
    for (const e of elements.filter((x) => x.group === 'nodes')) {
      expect(layout.positions[e.data.id as string]).toBeDefined();
    }
    const r = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);
    expect(layout.positions['cyber:ctl-mfa']).toEqual(base.positions['cyber:ctl-mfa']);
    expect(r(layout.positions['cyber:ctl-soc'])).toBeCloseTo(r(base.positions['cyber:ctl-soc']) * 1.2);
    expect(layout.positions['sector:cyber']).toEqual(base.positions['sector:cyber']);
  });
});
