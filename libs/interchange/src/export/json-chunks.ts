/**
 * A document's JSON in pieces of about `chunkChars` characters, equal once joined to
 * `JSON.stringify(doc)`: a file of any size (a generated organisation of 1M people is longer than
 * the longest string V8 can hold, about 512 MB) is written piece by piece. The top-level object's
 * arrays are split between their items; every other value is one piece.
 */
export function* jsonChunks(doc: Record<string, unknown>, chunkChars = 1 << 20): Generator<string> {
  let buffer = '{';
  let first = true;
  for (const [key, value] of Object.entries(doc)) {
    // JSON.stringify leaves these keys out.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    buffer += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value)) {
      buffer += JSON.stringify(value);
      continue;
    }
    buffer += '[';
    for (let i = 0; i < value.length; i++) {
      buffer += `${i ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`;
      if (buffer.length >= chunkChars) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += ']';
  }
  yield `${buffer}}`;
}
