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

/**
 * Of overlapping spans, keeps the longest (the earlier on ties); returns them in text order.
 * `sorted`: the spans are already by start, longer first at the same start.
 */
export function keepLongest<T extends { start: number; end: number }>(spans: T[], sorted = false): T[] {
  if (!sorted) spans = [...spans].sort(byStartLongerFirst);
  const kept: T[] = [];
  for (const s of spans) {
    const last = kept[kept.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) kept[kept.length - 1] = s;
      continue;
    }
    kept.push(s);
  }
  return kept;
}

const byStartLongerFirst = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || b.end - a.end;

/**
 * Two lists each by start (longer first at the same start) as one, in the order a stable sort of
 * `[...a, ...b]` would give: on a tie, `a`'s span first.
 */
export function mergeByStart<T extends { start: number; end: number }>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byStartLongerFirst(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
