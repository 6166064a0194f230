import { CHROMIUM_ARGS } from '@rampart/reports';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, Locator, Page, chromium } from 'playwright-core';
import { AppConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { TestAccount, signInAs, startDemoApp } from './test-app';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's chromium, headless, with the flags this machine needs (no background networking: its
 * closed network refuses those connections). Never a downloaded browser.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`End-to-end tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

/** Saves a full-page screenshot under test-results/e2e/ (kept by CI as evidence). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(__dirname, '../../test-results/e2e');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Waits until the element's text contains `text`; fails saying what it showed instead. */
export async function hasText(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = (await locator.textContent({ timeout: timeoutMs }).catch(() => '')) ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected the page to show "${text}"; it showed: ${last.slice(0, 500)}`);
}

/**
 * Waits until `selector` shows; fails at once if the page shows an error instead, saying what it
 * shows, where, and what the browser logged (a bare timeout tells nothing of why).
 */
export async function shows(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  const logged: string[] = [];
  const log = (m: { type(): string; text(): string }) => logged.push(`${m.type()}: ${m.text()}`);
  page.on('console', log);
  try {
    const target = page.locator(selector).first();
    const error = page.locator('.error').first();
    await Promise.race([target.waitFor({ timeout: timeoutMs }), error.waitFor({ timeout: timeoutMs })]).catch(
      () => undefined,
    );
    if (await target.isVisible()) return;
    const errors = (await page.locator('.error').allTextContents()).join(' | ') || '(no error shown)';
    const main = (
      (await page
        .locator('main')
        .innerText({ timeout: 1000 })
        .catch(() => '')) ?? ''
    ).slice(0, 300);
    throw new Error(
      `${selector} did not show at ${page.url()}; errors: ${errors}; the page: ${main}; console: ${logged.slice(-5).join(' / ')}`,
    );
  } finally {
    page.off('console', log);
  }
}

/** What a named Cytoscape graph on the page draws: node ids, labels, classes, edges. */
export async function graphOf(page: Page, name: string): Promise<DrawnGraph> {
  await page.waitForFunction(
    (n) => Boolean((globalThis as unknown as PageWindow).rampartGraphs?.[n]?.nodes().length),
    name,
  );
  return page.evaluate((n) => {
    const cy = (globalThis as unknown as PageWindow).rampartGraphs![n];
    return {
      nodes: cy.nodes().map((x) => ({ id: x.id(), label: String(x.data('label')), classes: x.classes() })),
      edges: cy.edges().length,
      edgeList: cy.edges().map((x) => ({
        id: x.id(),
        source: String(x.data('source')),
        target: String(x.data('target')),
        controls: (x.data('controls') as string[] | undefined) ?? [],
      })),
    };
  }, name);
}

/** Taps an element of a named graph as a user would (Cytoscape's own tap event). */
export async function tapIn(page: Page, name: string, elementId: string): Promise<void> {
  // Returns nothing: handing the Cytoscape collection back would make Playwright serialise the
  // whole graph (tens of seconds on a large view) for a tap that takes milliseconds.
  await page.evaluate(
    ([n, id]) => {
      (globalThis as unknown as PageWindow).rampartGraphs![n].getElementById(id).emit('tap');
    },
    [name, elementId] as const,
  );
}

/** How many elements match a selector in the page. */
export const countIn = (page: Page, selector: string) =>
  page.evaluate(
    (sel) => (globalThis as unknown as PageWindow).document.querySelectorAll(sel).length,
    selector,
  );

export interface DrawnGraph {
  nodes: { id: string; label: string; classes: string[] }[];
  edges: number;
  edgeList: { id: string; source: string; target: string; controls: string[] }[];
}

/**
 * The page's globals, typed for the functions that run inside the page (no DOM lib here). Those
 * functions are sent as source text: they may use nothing from this module.
 */
interface PageWindow {
  document: { querySelectorAll(selector: string): { length: number } };
  rampartGraphs?: Record<
    string,
    {
      nodes(): { id(): string; data(k: string): unknown; classes(): string[] }[];
      edges(): { length: number; map<T>(f: (x: { id(): string; data(k: string): unknown }) => T): T[] };
      getElementById(id: string): { emit(event: string): void };
    }
  >;
}

export interface UiSession {
  app: INestApplication;
  /** The app's graph (to load more next to the demo, say). */
  graph: GraphContext;
  /** The browser, for pages of their own (`browser.newContext()`: their own sessionStorage). */
  browser: Browser;
  /** The one page, signed in as `account` (the admin test account). */
  page: Page;
  /** The app's address, e.g. http://127.0.0.1:41234 */
  base: string;
  account: TestAccount;
  close(): Promise<void>;
}

/**
 * Signs in through the UI's sign-in page, as a user would. The refresh token stays in the tab's
 * sessionStorage, so later `page.goto`s (full page loads) in the same page stay signed in.
 */
export async function signInThroughUi(
  page: Page,
  base: string,
  account: { username: string; password: string },
): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * The built UI served by the API on the demo organisation, and one chromium page on it signed in
 * as the admin test account; an error thrown inside the page fails the test.
 */
export async function startUiSession(config: AppConfig): Promise<UiSession> {
  if (!fs.existsSync(path.join(config.webDir, 'index.html'))) {
    throw new Error(`No built UI in ${config.webDir}: run npm run build first.`);
  }
  const { app, graph } = await startDemoApp(config);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const account = await signInAs(app);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    await signInThroughUi(page, base, account);
    return {
      app,
      graph,
      browser,
      page,
      base,
      account,
      close: async () => {
        await browser.close();
        await app.close();
      },
    };
  } catch (e) {
    await browser.close();
    await app.close();
    throw e;
  }
}
