/** Small helpers for sorted arrays and text spans, shared by dates and detection. */

/** The first index in [0, n) for which `atOrAfter` holds; `atOrAfter` must be false then true. */
export function firstIndex(n: number, atOrAfter: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atOrAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Of overlapping spans, keeps the longest (the earlier on ties); returns them in text order. */
export function keepLongest<T extends { start: number; end: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const s of sorted) {
    const last = kept[kept.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) kept[kept.length - 1] = s;
      continue;
    }
    kept.push(s);
  }
  return kept;
}
