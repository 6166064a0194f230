import * as fs from 'node:fs';
import { Browser, chromium, errors } from 'playwright-core';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface PdfOptions {
  /** Debian's chromium (e.g. /usr/bin/chromium); never a downloaded browser. */
  chromiumPath: string;
  /** A handling marking, e.g. OFFICIAL-SENSITIVE, printed at the top and bottom of every page. */
  marking?: string;
  /** The PDF's Title metadata; without it the HTML's own <title>. */
  title?: string;
  /** For the whole job, launch included. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Why printing failed: the time ran out, chromium is missing or did not start, or printing broke. */
export type PdfFailure = 'timeout' | 'no-chromium' | 'launch' | 'print';

/** A PDF that could not be printed, said in one line (no stack, no browser log). */
export class PdfRenderError extends Error {
  /** What went wrong after "PDF rendering", e.g. "timed out after 30000 ms (...)". */
  readonly detail: string;
  constructor(
    readonly reason: PdfFailure,
    detail: string,
    /** The whole job's allowance, for a caller that names its setting. */
    readonly timeoutMs: number,
  ) {
    super(`PDF rendering ${oneLine(detail)}`);
    this.detail = oneLine(detail);
    this.name = 'PdfRenderError';
  }
}

// The same flags as the end-to-end tests: this machine's closed network refuses the browser's
// own background connections, and containers have a small /dev/shm.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--dns-prefetch-disable',
];

/**
 * Prints a self-contained HTML document to an A4 PDF. The page may fetch nothing: every request
 * it attempts is aborted (data: URLs excepted), so a report never leaks or waits on the network.
 */
export async function renderPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  assertChromium(opts.chromiumPath, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PdfRenderError(
            'timeout',
            `timed out after ${timeoutMs} ms (chromium did not finish)`,
            timeoutMs,
          ),
        ),
      timeoutMs,
    );
  });
  const launching = launch(opts.chromiumPath, timeoutMs);
  const job = launching.then((browser) => print(browser, html, opts, timeoutMs));
  // Past the deadline the job fails when its browser closes: nobody awaits it then.
  job.catch(() => undefined);
  try {
    return await Promise.race([job, deadline]);
  } catch (e) {
    if (e instanceof PdfRenderError) throw e;
    if (e instanceof errors.TimeoutError) {
      throw new PdfRenderError(
        'timeout',
        `timed out after ${timeoutMs} ms: ${firstLine(e.message)}`,
        timeoutMs,
      );
    }
    throw new PdfRenderError('print', `failed: ${firstLine((e as Error).message ?? String(e))}`, timeoutMs);
  } finally {
    clearTimeout(timer);
    // The launch has its own timeout, so this settles even when the deadline passed during it.
    const browser = await launching.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

async function print(browser: Browser, html: string, opts: PdfOptions, timeoutMs: number): Promise<Buffer> {
  const context = await browser.newContext({
    // Belt and braces with the route below: offline also covers what routing does not see.
    offline: true,
    serviceWorkers: 'block',
    // Reports are static documents: nothing in one needs to run.
    javaScriptEnabled: false,
  });
  context.setDefaultTimeout(timeoutMs);
  await context.route('**/*', (route) =>
    route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  if (opts.title !== undefined) {
    // Chromium writes document.title as the PDF's Title.
    await page.evaluate((t) => {
      (globalThis as unknown as { document: { title: string } }).document.title = t;
    }, opts.title);
  }
  const marking = opts.marking ? escapeHtml(opts.marking) : '';
  const style = 'box-sizing: border-box; width: 100%; padding: 0 14mm; font: 8pt sans-serif; color: #333;';
  return page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    // An empty header would otherwise be Chromium's default one (date and title).
    headerTemplate: `<div style="${style} text-align: center;">${marking}</div>`,
    footerTemplate:
      `<div style="${style} display: flex; justify-content: space-between;">` +
      `<span>${marking}</span>` +
      '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
    margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
  });
}

function assertChromium(path: string, timeoutMs: number): void {
  try {
    fs.accessSync(path, fs.constants.X_OK);
  } catch {
    throw new PdfRenderError(
      'no-chromium',
      `needs chromium, and there is no executable at ${path}: ` +
        "install Debian's (apt-get install -y chromium) or set RAMPART_CHROMIUM_PATH to where it is.",
      timeoutMs,
    );
  }
}

async function launch(path: string, timeoutMs: number): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, timeout: timeoutMs });
  } catch (e) {
    if (e instanceof errors.TimeoutError) throw e;
    throw new PdfRenderError(
      'launch',
      `failed: chromium at ${path} did not start: ${firstLine((e as Error).message)}`,
      timeoutMs,
    );
  }
}

const firstLine = (s: string) => s.split('\n')[0];
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
