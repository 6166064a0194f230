import * as fs from 'node:fs';
import { Page } from 'playwright-core';
import { countIn, graphOf, hasText, screenshot, startUiSession, tapIn, UiSession } from '../support/browser';
import { testConfig } from '../support/test-graph';

// The analyst's UI on the demo organisation in Debian's chromium. Expected values are those of
// docs/demo-organisation.md (also asserted over GraphQL in analytics-api.int-spec.ts).
describe('web UI on the demo organisation (chromium)', () => {
  const config = testConfig();
  let ui: UiSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ui = await startUiSession(config);
    ({ page, base } = ui);
  });
  afterAll(() => ui?.close());

  it('opens on the RSE dashboard: posture numbers, weakest links, risk matrix, findings', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('posture-critical').waitFor();
    expect(await page.getByTestId('posture-critical').locator('.value').textContent()).toBe('69');
    expect(await page.getByTestId('posture-exposed').locator('.value').textContent()).toBe('2');
    expect(await page.getByTestId('posture-common-mode').locator('.value').textContent()).toBe('1');
    expect(await page.getByTestId('weakest-links').locator('tbody tr').count()).toBeGreaterThan(3);
    const cells = await page.getByTestId('risk-matrix').locator('td').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + (b || 0), 0)).toBeGreaterThan(0);
    await page.getByTestId('findings').locator('tbody tr').first().waitFor();
    const all = await page.getByTestId('findings').locator('tbody tr').count();
    await page.getByLabel('Severity').selectOption('high');
    for (let i = 0; i < 100 && (await countIn(page, '[data-testid=findings] tbody tr')) >= all; i++) {
      await page.waitForTimeout(100);
    }
    const severities = await page
      .getByTestId('findings')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(new Set(severities)).toEqual(new Set(['high']));
    await screenshot(page, 'dashboard');
  });

  it('answers the headline question in a few clicks: how organised criminals reach the customer records', async () => {
    await page.goto(`${base}/#/paths`);
    await page.getByLabel('Threat').selectOption('thr-crime');
    await page.getByLabel('Target asset').selectOption('inf-customers');
    const panel = page.getByTestId('paths-panel');
    await panel.waitFor();
    // Best path web portal -> CRM -> customer records, P = 0.5 x 0.5 x 0.7 x 0.8 x 0.5 = 7.0 %.
    await hasText(panel.getByTestId('path').first(), 'P = 7.0%');
    expect(await panel.getByTestId('path').count()).toBe(3);
    await hasText(panel.locator('h3').first(), 'Security depth: 3');
    // The single control-independent stand-in: the identity provider, a common-mode dependency.
    await hasText(panel.getByTestId('spof-list'), 'dependency');
    const g = await graphOf(page, 'paths');
    expect(g.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['thr-crime', 'sys-web', 'sys-crm', 'inf-customers', 'sys-idp']),
    );
    expect(g.nodes.find((n) => n.id === 'sys-idp')?.classes).toContain('common-mode');
    expect(g.nodes.find((n) => n.id === 'inf-customers')?.label).toContain('[');
    await screenshot(page, 'attack-paths');
    // The view exports as SVG (and PNG) from the graph toolbar.
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('rampart-paths.svg');
    expect(fs.readFileSync((await svg.path()) as string, 'utf8')).toMatch(/<svg[\s\S]*Customer records/);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(
      fs
        .readFileSync((await png.path()) as string)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    // Tapping the last step of the best path (CRM -> customer records) lists its controls; failing
    // one can only raise the path probability, at least to 7.0 % / (1 - its effectiveness).
    const last = g.edgeList.find((e) => e.source === 'sys-crm' && e.target === 'inf-customers');
    expect(last?.controls.length).toBeGreaterThan(0);
    await tapIn(page, 'paths', last!.id);
    const picked = panel.getByTestId('picked');
    await hasText(picked, 'CRM → Customer records');
    const first = picked.getByRole('button', { name: /^What if .* fails\?$/ }).first();
    const control = /^What if (.*) fails\?$/.exec((await first.textContent()) ?? '')![1];
    const effectiveness =
      Number(/(\d+(?:\.\d+)?)% effective/.exec((await picked.textContent()) ?? '')![1]) / 100;
    await first.click();
    await hasText(page.getByTestId('failed'), control);
    await page.waitForFunction(
      () =>
        !/P = 7\.0%/.test(
          (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
        ),
    );
    const p = Number(
      /P = (\d+(?:\.\d+)?)%/.exec((await panel.getByTestId('path').first().textContent()) ?? '')![1],
    );
    expect(p).toBeGreaterThanOrEqual(7 / (1 - effectiveness) - 0.05);
    await screenshot(page, 'attack-paths-step-failed');
    await page.getByRole('button', { name: 'Restore all' }).click();
    await hasText(panel.getByTestId('path').first(), 'P = 7.0%');

    // What if the identity provider fails? Every control depending on it goes: the path opens.
    await panel.getByTestId('spof-list').getByRole('button', { name: 'What if it fails?' }).first().click();
    await hasText(page.getByTestId('failed'), 'Identity provider');
    await hasText(panel.getByTestId('path').first(), 'P = 100.0%');
    await screenshot(page, 'attack-paths-idp-failed');
  });

  it('explores: search, focus an entity, its details, neighbours and findings', async () => {
    await page.goto(`${base}/#/explorer`);
    await page.getByLabel('Search').fill('customer');
    const results = page.getByTestId('search-results');
    await results.getByText('inf-customers').waitFor();
    await results
      .locator('a', { hasText: /customer/i })
      .first()
      .click();
    await page.waitForURL(/focus=/);
    const detail = page.getByTestId('detail');
    await detail.getByTestId('detail-id').waitFor();
    const g = await graphOf(page, 'explorer');
    expect(g.nodes.length).toBeGreaterThan(1);
    expect(g.edges).toBeGreaterThan(0);
    await screenshot(page, 'explorer');
  });

  it('asks to narrow a view above the element cap instead of drawing it, and can raise the cap', async () => {
    await page.goto(`${base}/`);
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('rampart.maxElements', '5'),
    );
    try {
      await page.goto(`${base}/#/blast?nodes=p-femi`);
      const capped = page.getByTestId('graph-blast-capped');
      await hasText(capped, 'more than the cap of 5');
      await capped.getByRole('button').click();
      const g = await graphOf(page, 'blast');
      expect(g.nodes.length).toBeGreaterThan(5);
    } finally {
      await page.evaluate(() => (globalThis as unknown as { localStorage: Storage }).localStorage.clear());
    }
  });
});

interface Storage {
  setItem(k: string, v: string): void;
  clear(): void;
}
