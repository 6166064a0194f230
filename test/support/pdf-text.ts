import { spawn } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.join(__dirname, 'pdf-text-cli.mjs');

export interface PdfContent {
  /** Each page's text in painting order (Chromium paints the body, then header and footer). */
  pages: string[];
  /** The Title metadata, if any. */
  title?: string;
}

/**
 * What a PDF says, read by pdfjs-dist in a child Node process: pdfjs-dist is ESM only, which
 * jest's CommonJS sandbox cannot import().
 */
export function readPdf(pdf: Buffer): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`Reading the PDF failed (exit ${code}): ${Buffer.concat(err).toString()}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString()) as PdfContent);
      } catch (e) {
        reject(e);
      }
    });
    // A child that died early closes stdin: its exit code tells why, not this EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}

/** All pages' text, one line per text line, pages separated by a blank line. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages.join('\n\n');
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return (await readPdf(pdf)).pages.length;
}
