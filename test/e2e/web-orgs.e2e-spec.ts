/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import * as fs from 'node:fs';
import { Locator, Page } from 'playwright-core';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { graphOf, hasText, screenshot, startUiSession, UiSession } from '../support/browser';
import { authed } from '../support/test-app';
import { freshDemo, testConfig } from '../support/test-graph';

const GEN = 'org-gen-5';
// Names only the demo has (the generated organisation has threats named like some of the demo's,
// "Organised criminals" among them, so those are told apart by id).
const DEMO_ONLY = ['Customer records', 'Femi Adeyemi', 'Vandals and metal thieves', 'River flood', 'CRM'];

// The UI on two organisations in one graph: the demo (org-acme, "Acme Water") and a generated one
// (org-gen-5, ids `org-gen-5:...`). Each view shows only the organisation chosen in the header.
describe('web UI with two organisations (chromium)', () => {
  const config = testConfig();
  let ui: UiSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ui = await startUiSession(config);
    ({ page, base } = ui);
    const report = await new NativeImporter(ui.graph).importText(
      'gen-5.json',
      JSON.stringify(generateOrganisation({ people: 40, seed: 5 })),
    );
    expect(report.ok).toBe(true);
  });
  afterAll(async () => {
    // The other suites expect the demo alone.
    if (ui) await freshDemo(ui.graph, config).catch(() => undefined);
    await ui?.close();
  });

  const picker = () => page.getByLabel('Organisation', { exact: true });
  const hash = () => new URL(page.url()).hash;
  /** Waits until the address's hash is `expected` (the app corrects it in place). */
  async function hashIs(expected: string): Promise<void> {
    for (let i = 0; i < 100 && hash() !== expected; i++) await page.waitForTimeout(100);
    expect(hash()).toBe(expected);
  }
  const mainText = async () => (await page.locator('main').textContent()) ?? '';
  /** The entity ids the links of a part of the page lead to (focus=, asset=, nodes=). */
  const linkedIds = (where: Locator) =>
    where.locator('a[href^="#/"]').evaluateAll((as) =>
      as.map((a) => {
        const q = new URLSearchParams((a.getAttribute('href') ?? '').split('?')[1]);
        return { org: q.get('org'), id: q.get('focus') ?? q.get('asset') ?? q.get('nodes') };
      }),
    );
  const optionsOf = (select: Locator) =>
    select
      .locator('option')
      .evaluateAll((os) =>
        os
          .map((o) => ({ value: (o as any).value as string, text: o.textContent ?? '' }))
          .filter((o) => o.value),
      );
  const gqlAs = async (query: string) =>
    (await authed(ui.app, ui.account.accessToken).post('/graphql').send({ query })).body.data as any;

  it('offers both organisations in the header, the first in id order by default, and keeps it in the address', async () => {
    await page.goto(`${base}/`);
    await hasText(page.getByTestId('posture-critical'), '69');
    expect(await picker().locator('option').allTextContents()).toEqual([
      'Acme Water',
      'Generated organisation 5',
    ]);
    expect(await picker().inputValue()).toBe('org-acme');
    await hashIs('#/dashboard?org=org-acme');
    expect(await page.getByRole('link', { name: 'Attack paths' }).getAttribute('href')).toBe(
      '#/paths?org=org-acme',
    );

    await picker().selectOption(GEN);
    await hashIs(`#/dashboard?org=${GEN}`);
    await hasText(page.locator('main h2'), 'Generated organisation 5');
    const expected = await gqlAs(`{ posture(organizationId: "${GEN}") { criticalAssets findings } }`);
    await hasText(page.getByTestId('posture-critical'), String(expected.posture.criticalAssets));
    expect(await page.getByTestId('posture-critical').locator('.value').textContent()).toBe(
      String(expected.posture.criticalAssets),
    );
    expect(expected.posture.criticalAssets).not.toBe(69);
    await page.getByTestId('findings').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('findings').locator('tbody tr').count()).toBe(
      Math.min(200, expected.posture.findings),
    );
    // Every entity the dashboard links to is the generated organisation's, in its views.
    const links = await linkedIds(page.locator('main'));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toEqual({ org: GEN, id: expect.stringMatching(/^org-gen-5:/) });
    const text = await mainText();
    for (const name of DEMO_ONLY) expect(text).not.toContain(name);
    expect(await page.getByRole('link', { name: 'Explorer' }).getAttribute('href')).toBe(
      `#/explorer?org=${GEN}`,
    );
    await screenshot(page, 'orgs-dashboard');

    // Its reports, for it alone.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Security posture as JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^rampart-posture-org-gen-5-\d{4}-\d\d-\d\d\.json$/);
    const report = JSON.parse(fs.readFileSync((await json.path()) as string, 'utf8'));
    expect(report.parameters.organizationId).toBe(GEN);
    expect(JSON.stringify(report)).toContain('Generated organisation 5');
    expect(JSON.stringify(report)).not.toContain('Acme Water');
    await hasText(page.getByTestId('report-status'), 'Downloaded rampart-posture-org-gen-5-');

    // A reload keeps the organisation.
    await page.reload();
    await hasText(page.locator('main h2'), 'Generated organisation 5');
    expect(await picker().inputValue()).toBe(GEN);
  });

  it('offers only the chosen organisation’s threats, and the targets its threat reaches first', async () => {
    await page.goto(`${base}/#/paths?org=${GEN}`);
    const threat = page.getByLabel('Threat', { exact: true });
    await threat.locator(`option[value="${GEN}:thr-crime"]`).waitFor({ state: 'attached' });
    const threats = await optionsOf(threat);
    expect(threats.every((o) => o.value.startsWith(`${GEN}:`))).toBe(true);
    expect(threats.map((o) => o.text)).toContain('Organised criminals');
    for (const name of DEMO_ONLY) expect(threats.map((o) => o.text)).not.toContain(name);

    await threat.selectOption(`${GEN}:thr-crime`);
    const target = page.getByLabel('Target asset', { exact: true });
    await target.locator('optgroup').first().waitFor({ state: 'attached' });
    const groups = await target
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups[0]).toMatch(/^Reached by this threat \(\d+\)$/);
    const targets = await optionsOf(target);
    expect(targets.length).toBeGreaterThan(1);
    expect(targets.every((o) => o.value.startsWith(`${GEN}:`))).toBe(true);
    for (const name of DEMO_ONLY) expect(targets.map((o) => o.text).join('\n')).not.toContain(name);
    // The first targets are the nearest (its entry points, 0 hops): pick one a hop or more away.
    const reached = await target
      .locator('optgroup')
      .first()
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as any).value as string, text: o.textContent ?? '' })));
    const pick = reached.find((o) => /, [1-9]\d* hops?\)$/.test(o.text));
    expect(pick).toBeDefined();
    await target.selectOption(pick!.value);
    await hashIs(
      `#/paths?org=${GEN}&threat=${encodeURIComponent(`${GEN}:thr-crime`)}&asset=${encodeURIComponent(pick!.value)}&k=3`,
    );
    await page.getByTestId('paths-panel').getByTestId('path').first().waitFor();
    const g = await graphOf(page, 'paths');
    expect(g.nodes.every((n) => n.id.startsWith(`${GEN}:`))).toBe(true);
    await screenshot(page, 'orgs-attack-paths');

    // Back to the demo: its own threats, and nothing of the generated organisation stays chosen.
    await picker().selectOption('org-acme');
    await hashIs('#/paths?org=org-acme');
    await threat.locator('option[value="thr-crime"]').waitFor({ state: 'attached' });
    const demo = await optionsOf(threat);
    expect(demo.some((o) => o.value.startsWith(`${GEN}:`))).toBe(false);
    expect(demo.map((o) => o.text)).toContain('Vandals and metal thieves');
    expect(await threat.inputValue()).toBe('');
  });

  it('searches the chosen organisation only in the explorer, and says when a search shows part of its matches', async () => {
    await page.goto(`${base}/#/explorer?org=${GEN}`);
    const search = page.getByLabel('Search', { exact: true });
    const results = page.getByTestId('search-results');
    await search.fill('Organised');
    await results.getByText(`${GEN}:thr-crime`).waitFor();
    expect(await results.textContent()).not.toMatch(/· thr-crime/);
    await search.fill('person');
    await hasText(page.getByTestId('search-note'), 'showing 15 of');
    const ids = await results.locator('li .hint').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((t) => t.includes(`· ${GEN}:`))).toBe(true);
    await screenshot(page, 'orgs-explorer');

    await picker().selectOption('org-acme');
    await hashIs('#/explorer?org=org-acme');
    await search.fill('customer');
    await results.getByText('inf-customers').waitFor();
    expect(await results.textContent()).not.toContain(`${GEN}:`);
  });

  it('shows the generated organisation’s critical assets in the convergence heatmap', async () => {
    await page.goto(`${base}/#/convergence?org=${GEN}`);
    await page.getByTestId('heatmap').waitFor();
    const expected = await gqlAs(`{ posture(organizationId: "${GEN}") { criticalAssets } }`);
    const rows = page.getByTestId('heatmap').locator('tbody tr');
    for (let i = 0; i < 100 && (await rows.count()) !== expected.posture.criticalAssets; i++) {
      await page.waitForTimeout(100);
    }
    expect(await rows.count()).toBe(expected.posture.criticalAssets);
    const links = await linkedIds(page.getByTestId('heatmap'));
    for (const l of links) expect(l).toEqual({ org: GEN, id: expect.stringMatching(/^org-gen-5:/) });
  });

  it('falls back to the default organisation, with a note, for an id it does not know', async () => {
    await page.goto(`${base}/#/convergence?org=org-nope`);
    await hasText(page.getByTestId('org-note'), '“org-nope”');
    await hasText(page.getByTestId('org-note'), 'showing Acme Water');
    await hashIs('#/convergence?org=org-acme');
    expect(await picker().inputValue()).toBe('org-acme');
    await page.getByTestId('heatmap').waitFor();
    expect(await page.getByTestId('heatmap').locator('tbody tr').count()).toBe(69);
    await screenshot(page, 'orgs-unknown');
    // The note is about the address arrived at: gone once another organisation is chosen.
    await picker().selectOption(GEN);
    await hashIs(`#/convergence?org=${GEN}`);
    expect(await page.getByTestId('org-note').count()).toBe(0);
  });
});
