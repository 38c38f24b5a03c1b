/** The span helpers detection uses to put names and dates together. */
import { describe, expect, it } from 'vitest';
import { keepLongest, mergeByStart } from '../../core/spans';

type Span = { start: number; end: number; from: string };

function randomSorted(random: () => number, from: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0, n = Math.floor(random() * 12); i < n; i++) {
    const start = Math.floor(random() * 30);
    spans.push({ start, end: start + 1 + Math.floor(random() * 6), from: `${from}${i}` });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

describe('mergeByStart', () => {
  it('gives what a stable sort of both lists gives, ties to the first list, over 2,000 random pairs', () => {
    let s = 7;
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let ties = 0;
    for (let round = 0; round < 2000; round++) {
      const a = randomSorted(random, 'a');
      const b = randomSorted(random, 'b');
      const expected = [...a, ...b].sort((x, y) => x.start - y.start || y.end - x.end);
      expect(mergeByStart(a, b)).toEqual(expected);
      expect(keepLongest(mergeByStart(a, b), true)).toEqual(keepLongest([...a, ...b]));
      ties += a.filter((x) => b.some((y) => y.start === x.start && y.end === x.end)).length;
    }
    // The random lists do tie, so the tie order is tested.
    expect(ties).toBeGreaterThan(50);
  });
});
