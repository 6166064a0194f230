/**
 * What a cut list says about itself: "showing 100 of 340 threats" when it holds fewer than match,
 * with the search it answers; empty when everything shows and nothing is searched.
 */
export function capNote(shown: number, total: number, noun: string, search = ''): string {
  const matching = search ? ` matching “${search}”` : '';
  if (shown < total)
    return `showing ${shown.toLocaleString()} of ${total.toLocaleString()} ${noun}${matching}`;
  if (search) return `${total.toLocaleString()} ${noun}${matching}`;
  return '';
}

/** Options in groups, in the order the groups first appear (one unnamed group for ungrouped ones). */
export function grouped<T extends { group?: string }>(
  options: readonly T[],
): { group?: string; options: T[] }[] {
  const out: { group?: string; options: T[] }[] = [];
  for (const o of options) {
    const last = out.find((g) => g.group === o.group);
    if (last) last.options.push(o);
    else out.push({ group: o.group, options: [o] });
  }
  return out;
}
