/** A one-line progress bar on stderr, drawn only on a terminal and only for long imports. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, minTotal = 5000) {
  let last = -1;
  return {
    update(done: number, total: number): void {
      if (!stream.isTTY || total < minTotal) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} rows`,
      );
      if (done >= total) stream.write('\n');
    },
  };
}
