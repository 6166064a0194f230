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

  it('shows nothing before sign-in; refuses a wrong password; signs in and out (its own tab)', async () => {
    // A browser context of its own: its own sessionStorage, the shared page stays signed in.
    const context = await ui.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const tab = await context.newPage();
      const errors: Error[] = [];
      tab.on('pageerror', (e) => errors.push(e));
      const graphql: string[] = [];
      tab.on('request', (r) => {
        if (new URL(r.url()).pathname === '/graphql') graphql.push(r.url());
      });
      const storedKeys = () =>
        tab.evaluate(() => {
          const w = globalThis as unknown as { sessionStorage: KeyList; localStorage: KeyList };
          const keys = (s: KeyList) => Array.from({ length: s.length }, (_, i) => s.key(i));
          return { session: keys(w.sessionStorage), local: keys(w.localStorage) };
        });

      await tab.goto(`${base}/`);
      const username = tab.getByLabel('Username');
      await username.waitFor();
      expect(await tab.evaluate(activeName)).toBe('username');
      expect(await countIn(tab, 'nav, [data-testid^=posture-]')).toBe(0);
      expect(await tab.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

      await username.fill(ui.account.username);
      await tab.getByLabel('Password').fill('not the password 0123');
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await hasText(tab.getByRole('alert'), 'Wrong username or password.');
      expect(await tab.evaluate(activeName)).toBe('password');
      expect(await countIn(tab, 'nav, [data-testid^=posture-]')).toBe(0);
      expect(graphql).toEqual([]); // nothing of the organisation was asked for
      expect(await storedKeys()).toEqual({ session: [], local: [] });
      await screenshot(tab, 'sign-in');

      await tab.getByLabel('Password').fill(ui.account.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await hasText(tab.getByTestId('posture-critical'), '69');
      await hasText(tab.getByTestId('signed-in-as'), `${ui.account.username} (admin)`);
      // The refresh token in this tab's sessionStorage (the access token in memory only).
      expect(await storedKeys()).toEqual({ session: ['rampart.refreshToken'], local: [] });

      // A reload resumes the session, straight to the dashboard.
      await tab.reload();
      await hasText(tab.getByTestId('posture-critical'), '69');
      expect(await tab.getByLabel('Username').count()).toBe(0);

      await tab.getByRole('button', { name: 'Sign out' }).click();
      await username.waitFor();
      expect(await countIn(tab, 'nav, [data-testid^=posture-]')).toBe(0);
      expect(await storedKeys()).toEqual({ session: [], local: [] });
      const seen = graphql.length;
      await tab.reload();
      await username.waitFor();
      expect(await countIn(tab, 'nav, [data-testid^=posture-]')).toBe(0);

      // Signing in on a link into a view opens that view.
      await tab.goto(`${base}/#/explorer?focus=inf-customers`);
      await username.fill(ui.account.username);
      await tab.getByLabel('Password').fill(ui.account.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByTestId('detail').getByTestId('detail-id').waitFor();
      // The address names the organisation shown (added in place, the view's own inputs kept).
      expect(new URL(tab.url()).hash).toBe('#/explorer?org=org-acme&focus=inf-customers');
      expect(await tab.getByRole('link', { name: 'Explorer' }).getAttribute('aria-current')).toBe('page');
      expect(graphql.length).toBeGreaterThan(seen);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

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

/** The name of the focused element (runs in the page). */
function activeName(): string | undefined {
  return (
    (
      globalThis as unknown as { document: { activeElement?: { getAttribute(a: string): string | null } } }
    ).document.activeElement?.getAttribute('name') ?? undefined
  );
}

interface KeyList {
  length: number;
  key(i: number): string | null;
}

interface Storage {
  setItem(k: string, v: string): void;
  clear(): void;
}
