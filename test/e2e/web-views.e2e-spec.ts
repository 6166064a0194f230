import { Page } from 'playwright-core';
import {
  DrawnGraph,
  countIn,
  graphOf,
  hasText,
  screenshot,
  shows,
  signInThroughUi,
  startUiSession,
  tapIn,
  UiSession,
} from '../support/browser';
import { signInAs } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const DOMAINS = ['governance', 'personnel', 'information', 'cyber', 'physical'];

// The blast-radius and convergence views on the demo organisation in Debian's chromium. Expected
// values are those of docs/demo-organisation.md (also asserted over GraphQL in analytics-api.int-spec.ts).
describe('web UI views: blast radius and convergence (chromium)', () => {
  const config = testConfig();
  let ui: UiSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ui = await startUiSession(config);
    ({ page, base } = ui);
  });
  afterAll(() => ui?.close());

  /** The drawn graph once it shows `nodes` nodes (a new answer is drawn just after the panel shows it). */
  async function graphWith(name: string, nodes: number): Promise<DrawnGraph> {
    let g = await graphOf(page, name);
    for (let i = 0; i < 100 && g.nodes.length !== nodes; i++) {
      await page.waitForTimeout(100);
      g = await graphOf(page, name);
    }
    expect(g.nodes.length).toBe(nodes);
    return g;
  }
  const reachedIn = async () =>
    Number(await page.getByTestId('reached-count').locator('strong').textContent());

  it('draws the blast radius of a compromised vendor engineer, structural then probable', async () => {
    await page.goto(`${base}/#/blast?nodes=p-femi`);
    await shows(page, '[data-testid=blast-panel][data-mode=STRUCTURAL]');
    // The start is named from a look-up by id.
    await hasText(page.getByTestId('starts'), 'Femi Adeyemi');
    const structuralReached = await reachedIn();
    const structural = await graphWith('blast', 1 + structuralReached);
    expect(structural.nodes.length).toBeGreaterThan(1);
    expect(structural.edges).toBeGreaterThan(0);
    expect(structural.nodes.find((n) => n.id === 'p-femi')?.classes).toContain('target');
    expect(structural.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['sys-scada', 'sys-vpn']));
    const score = await page.getByTestId('impact-score').textContent();
    expect(score).toMatch(/^\d+\.\d\d$/);
    const structuralScore = Number(score);
    expect(structuralScore).toBeGreaterThan(0);
    expect(await countIn(page, '[data-testid=by-label] tbody tr')).toBeGreaterThan(0);
    const labels = await page.getByTestId('by-label').locator('tbody td:first-child').allTextContents();
    expect(labels).toContain('System');
    const top = page.getByTestId('top-assets').locator('a');
    expect(await top.count()).toBeGreaterThan(0);
    expect(await top.first().getAttribute('href')).toMatch(/^#\/convergence\?org=org-acme&asset=/);
    await screenshot(page, 'blast-radius');

    await page.getByLabel('Mode').selectOption('PROBABLE');
    await page.waitForURL(/mode=PROBABLE/);
    await shows(page, '[data-testid=blast-panel][data-mode=PROBABLE]');
    const probableReached = await reachedIn();
    const probable = await graphWith('blast', 1 + probableReached);
    expect(probable.nodes.length).toBeLessThanOrEqual(structural.nodes.length);
    // The screening on p-femi no longer counts once he is compromised: the SCADA is still reached.
    expect(probable.nodes.map((n) => n.id)).toContain('sys-scada');
    expect(Number(await page.getByTestId('impact-score').textContent())).toBeLessThan(structuralScore);
    await screenshot(page, 'blast-radius-probable');
  });

  it('shows the five domains around the customer records and the heatmap of the critical assets', async () => {
    await page.goto(`${base}/#/convergence?asset=inf-customers`);
    const panel = page.getByTestId('convergence-panel');
    await panel.waitFor();
    await hasText(panel.getByTestId('coverage-score'), '%');
    const g = await graphOf(page, 'convergence');
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['inf-customers', ...DOMAINS.map((d) => `sector:${d}`)]));
    expect(g.nodes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(ids).size).toBe(ids.length);
    expect(g.edges).toBeGreaterThanOrEqual(5);
    // Information requires all five domains: each missing one is an empty dashed sector, named in
    // the panel, and the score is the share of the five covered.
    const missing = g.nodes.filter((n) => n.classes.includes('missing'));
    const missingText = (await panel.getByTestId('missing-domains').textContent()) ?? '';
    for (const m of missing) expect(missingText).toContain(m.label.split('\n')[0]);
    expect(missing.every((m) => m.label.endsWith('(missing)'))).toBe(true);
    expect(g.nodes.some((n) => n.classes.includes('na'))).toBe(false);
    expect(await panel.getByTestId('coverage-score').textContent()).toBe(
      `${Math.round(((5 - missing.length) / 5) * 100)}%`,
    );

    const heatmap = page.getByTestId('heatmap');
    await heatmap.waitFor();
    expect(await countIn(page, '[data-testid=heatmap] tbody tr')).toBe(69);
    const cellsPerRow = await heatmap
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td.yes, td.no, td.na').length));
    expect(new Set(cellsPerRow)).toEqual(new Set([5]));
    const marks = await heatmap.locator('td.yes, td.no, td.na').allTextContents();
    expect(new Set(marks)).toEqual(new Set(['✓', '✗', '–']));
    const row = heatmap.locator('tbody tr[aria-current=true]');
    expect(await row.locator('th a').getAttribute('href')).toBe(
      '#/convergence?org=org-acme&asset=inf-customers',
    );
    await screenshot(page, 'convergence');

    // A system from the heatmap: information is not required of it, its sector is muted.
    await heatmap.locator('a[href="#/convergence?org=org-acme&asset=sys-crm"]').click();
    await page.waitForURL(/asset=sys-crm/);
    await hasText(panel.locator('h3').first(), 'CRM');
    const crm = await graphOf(page, 'convergence');
    const sector = async () =>
      (await graphOf(page, 'convergence')).nodes.find((n) => n.id === 'sector:information');
    for (let i = 0; i < 100 && !(await sector())?.classes.includes('na'); i++) await page.waitForTimeout(100);
    expect((await sector())?.classes).toEqual(expect.arrayContaining(['sector', 'na']));
    expect(crm.nodes.map((n) => n.id)).toContain('sys-crm');
    expect(await heatmap.locator('tbody tr[aria-current=true] th a').textContent()).toBe('CRM');
    await screenshot(page, 'convergence-system');
  });

  it('draws a SECRET node grey as "restricted" to an analyst cleared OFFICIAL (its own tab)', async () => {
    const account = await signInAs(ui.app, 'analyst', { clearance: 'OFFICIAL' });
    const context = await ui.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const tab = await context.newPage();
      const errors: Error[] = [];
      tab.on('pageerror', (e) => errors.push(e));
      await signInThroughUi(tab, base, account);

      // Erin (OFFICIAL) reads the payroll data (SECRET): one hop from her, it is drawn by its kind only.
      await tab.goto(`${base}/#/blast?nodes=p-erin&hops=1`);
      await shows(tab, '[data-testid=blast-panel][data-mode=STRUCTURAL]');
      const g = await graphOf(tab, 'blast');
      const restricted = g.nodes.filter((n) => n.classes.includes('restricted'));
      expect(restricted.length).toBeGreaterThan(0);
      expect(restricted.map((n) => n.label)).toContain('restricted (Information)');
      expect(restricted.every((n) => /^restricted-[0-9a-f]{16}$/.test(n.id))).toBe(true);
      expect(g.nodes.map((n) => n.id)).not.toContain('inf-payroll');
      const style = await tab.evaluate((id) => {
        type Cy = { getElementById(i: string): { style(k: string): string } };
        const n = (
          globalThis as unknown as { rampartGraphs: Record<string, Cy> }
        ).rampartGraphs.blast.getElementById(id);
        return { bg: n.style('background-color'), shape: n.style('shape'), border: n.style('border-style') };
      }, restricted[0].id);
      expect(style).toEqual({ bg: 'rgb(158,158,158)', shape: 'cut-rectangle', border: 'dashed' });
      // In the list of assets reached: muted, "restricted", no link to a view that would ask by id.
      const top = tab.getByTestId('top-assets');
      await hasText(top, 'restricted');
      expect(await top.locator('[data-restricted] a, a[data-restricted]').count()).toBe(0);
      expect(await top.locator('a[href*="restricted-"]').count()).toBe(0);
      await screenshot(tab, 'blast-radius-restricted');

      // The explorer: Erin's neighbours include the payroll data as a restricted entity; picked,
      // it shows the note and its kind only, with nothing to expand.
      await tab.goto(`${base}/#/explorer?focus=p-erin`);
      const detail = tab.getByTestId('detail');
      await hasText(detail.locator('h3').first(), 'Erin Walsh');
      const explored = await graphOf(tab, 'explorer');
      const hidden = explored.nodes.find((n) => n.classes.includes('restricted'));
      expect(hidden?.label).toBe('restricted (Information)');
      await tapIn(tab, 'explorer', hidden!.id);
      await hasText(detail.getByTestId('restricted-detail'), 'Restricted: above your clearance');
      await hasText(detail.getByTestId('restricted-detail'), 'restricted (Information)');
      expect(await detail.getByRole('button', { name: /Expand/ }).count()).toBe(0);
      expect(await detail.getByTestId('detail-id').count()).toBe(0);
      await screenshot(tab, 'explorer-restricted');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
