// Reads a PDF on stdin and prints {"pages": ["text of page 1", ...], "title": ...} as JSON. A separate Node
// process because pdfjs-dist is ESM only and jest's CommonJS sandbox cannot import() it.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({
  data: new Uint8Array(Buffer.concat(chunks)),
  verbosity: 0,
  isEvalSupported: false,
  useSystemFonts: false,
}).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const { items } = await (await doc.getPage(n)).getTextContent();
  pages.push(pageText(items.filter((i) => 'str' in i)));
}
const { info } = await doc.getMetadata();
await doc.destroy();
process.stdout.write(JSON.stringify({ pages, title: info?.Title || undefined }));

// Items come in the order Chromium painted them (document order). A new line where the baseline
// moves; a space where a visible gap separates two runs on one line (separate spans have none).
function pageText(items) {
  let text = '';
  let prev;
  for (const item of items) {
    if (prev) {
      const size = Math.abs(item.transform[3]) || Math.abs(prev.transform[3]) || 1;
      const sameLine = Math.abs(item.transform[5] - prev.transform[5]) < size * 0.5;
      if (prev.hasEOL || !sameLine) text += '\n';
      else if (item.transform[4] - (prev.transform[4] + prev.width) > size * 0.15) text += ' ';
    }
    text += item.str;
    prev = item;
  }
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{2,}/g, '\n');
}
