import * as http from 'node:http';
import { AddressInfo } from 'node:net';
// The lib's index is written alongside; this file is its own module.
import { renderPdf } from '../../libs/reports/src/pdf-renderer';
import { readPdf, pdfPageCount, pdfText } from '../support/pdf-text';

// Debian's chromium, as CI installs it; a developer may point elsewhere.
const CHROMIUM = process.env.RAMPART_CHROMIUM_PATH || '/usr/bin/chromium';
const MARKING = 'OFFICIAL-SENSITIVE <PERSONAL> & co';

const page = (body: string, head = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Report</title>${head}</head><body>${body}</body></html>`;

describe('renderPdf (Debian chromium)', () => {
  it('prints text, non-ASCII, numbers and SVG text to a PDF with its title', async () => {
    const html = page(
      '<h1>Zürich &amp; Co</h1><p>Residual risk 7.0 %</p>' +
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">' +
        '<rect width="120" height="20" fill="#c00"/><text x="10" y="45">Gatehouse Ω 42</text></svg>',
    );
    const t0 = Date.now();
    const pdf = await renderPdf(html, { chromiumPath: CHROMIUM, title: 'Risk — Zürich & Co' });
    const ms = Date.now() - t0;

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(pdf);
    const text = read.pages.join('\n');
    expect(text).toContain('Zürich & Co');
    expect(text).toContain('7.0 %');
    expect(text).toContain('Gatehouse Ω 42');
    expect(read.pages).toHaveLength(1);
    expect(text).toContain('page 1 of 1');
    expect(read.title).toBe('Risk — Zürich & Co');
    // One launch, load and print; generous for a slow CI machine.
    expect(ms).toBeLessThan(20_000);
  });

  it('puts the marking, escaped, and "page N of M" on every page', async () => {
    const sections = [1, 2, 3]
      .map((n) => `<section style="break-after: page"><h2>Section ${n}</h2><p>asset-${n}</p></section>`)
      .join('');
    const pdf = await renderPdf(page(sections, '<style>section:last-child { break-after: auto }</style>'), {
      chromiumPath: CHROMIUM,
      marking: MARKING,
    });

    expect(await pdfPageCount(pdf)).toBe(3);
    const { pages } = await readPdf(pdf);
    pages.forEach((text, i) => {
      expect(text).toContain(`asset-${i + 1}`);
      expect(text).toContain(`page ${i + 1} of 3`);
      // Top and bottom of the page.
      expect(text.split(MARKING)).toHaveLength(3);
    });
  });

  describe('a page that reaches for the network', () => {
    let server: http.Server;
    let base = '';
    const requests: string[] = [];

    beforeAll(async () => {
      // Records and never answers: a request that got through would be seen, and would hang.
      server = http.createServer((req) => requests.push(req.url ?? ''));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    it('fetches nothing, and still renders without waiting', async () => {
      const dot = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
      const html = page(
        `<p>Offline report</p><img src="${base}/logo.png"><img src="${dot}">` +
          `<script src="${base}/track.js"></script><iframe src="${base}/frame"></iframe>` +
          `<div style="background: url(${base}/bg.png)">Background</div>`,
        `<link rel="stylesheet" href="${base}/style.css"><style>@import url(${base}/more.css);` +
          `@font-face { font-family: F; src: url(${base}/f.woff2) } p { font-family: F, sans-serif }</style>`,
      );
      const t0 = Date.now();
      const pdf = await renderPdf(html, { chromiumPath: CHROMIUM, timeoutMs: 15_000 });

      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(await pdfText(pdf)).toContain('Offline report');
      expect(requests).toEqual([]);
    });
  });

  it('says where chromium is missing and how to install it', async () => {
    await expect(renderPdf(page('<p>x</p>'), { chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(
      /no executable at \/nonexistent\/chromium.*apt-get install -y chromium.*RAMPART_CHROMIUM_PATH/,
    );
  });

  it('says so when it runs out of time', async () => {
    await expect(renderPdf(page('<p>x</p>'), { chromiumPath: CHROMIUM, timeoutMs: 50 })).rejects.toThrow(
      /timed out after 50 ms/,
    );
  });
});
