/**
 * The date patterns run only near their cues (core/dates/grammar.ts, matchesNear). That shortcut
 * must find exactly what a scan of the whole text finds: same matches, same places, same groups.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BC_YEAR, CENTURY, CYRILLIC_DATE, dateCues, DECADE, EARLY_YEAR, matchesNear, MONTH_DATE, RELATIVE_YEAR, SEASON, TIME, YEAR, YEAR_RANGE, YEARS_AGO } from '../../core/dates/grammar';
import { wordsOf } from '../../core/detect/detector';

const PATTERNS = { MONTH_DATE, DECADE, CENTURY, SEASON, YEAR, YEAR_RANGE, TIME, CYRILLIC_DATE, YEARS_AGO, EARLY_YEAR, BC_YEAR, RELATIVE_YEAR };
const SEED = readFileSync(join(__dirname, '../../../shared/seed/article.txt'), 'utf8');

// Pieces that make and unmake dates, glued in random order: prefixes, months, numbers, seasons.
const PIECES = [
  'between', 'from', 'and', 'to', 'until', 'the', 'of', 'in', 'during', 'by', 'since', 'through', 'early', 'mid', 'late',
  'the end of', 'the beginning of', 'first half of the', 'second half of the', 'last quarter of the', 'turn of the',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'Sept.', 'Sep', 'Oct.', 'Dec', 'Mayor', 'Marching',
  '9', '13th', '20', '25', '31', '1904', '1905', '1941', '1941-04-13', '42', '1,500', '700,000', '$1945', '19455', '2019', '2099',
  '1930s', '1930S', '2000s', 'nineteenth', 'twenty-first', '20th', 'century', 'Century', 'spring', 'Summer', 'autumn', 'fall', 'WINTER',
  '17:00', '7:53', 'p.m.', 'a.m.', 'am', 'pm', 'A.M.', 'PM', '10am', 'amp', 'Moscow', 'time', 'at', 'soldiers', 'percent', '%',
  ' ', ' ', '  ', '-', '–', '—', ',', '.', ':', '/', '\n', '(', ')', '’s',
  // Where a boundary falls inside a word: letters beyond ASCII, inner apostrophes, glued words.
  'é', 'Ж', "O'", 'd’', 'x', '_', 'earlyspring', 'latefall', 'Springfield', 'Marshal', '1930s’', '٣',
  // Ukrainian and Russian dates.
  'вересня', 'серпні', 'Серпня', 'мая', 'ТРАВНЯ', 'у', 'в', 'року', 'году', 'г.', '2-го', 'серпнявий',
  // Ranges of years in words.
  'from 1904 to', 'between 1941 and', 'From 1939 until', 'through',
  // Dates in figures, and what only looks like them.
  '22.06.1941', '1.2.2024', '31.12.2024.5', '7.05.19450', '1944/45', '/',
  // Years before Christ.
  '44', 'BC', 'B.C.', 'BCE', 'BCD', '513BC', 'B.C', 'AD',
  // Years before 1000.
  'in 988', 'In', '882', 'AD', 'A.D.', '945', 'CE', '300', '9880', 'x988', 'Since 862', 'around', 'c.', 'ca.', 'circa', 'the year', 'After', '79', '9', 'AD 79', '960s', '900s', 'the 960s',
  // Years counted back.
  // Years counted on.
  'the same year', 'that very same year', 'the following year', 'the next year', 'two years later', 'a year later', 'years', 'later', 'a decade later', 'yearly', 'decades', 'YEAR', '12 years later',
  'Eighty years ago', 'seventy-five years', 'ago', 'AGO', 'years ago today', 'a century', '75 years ago', 'agony', 'the twentieth century', 'two decades', 'a decade', 'decades', 'half a century',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function torture(count: number): string[] {
  const random = rng(1941);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 5 + Math.floor(random() * 60);
    for (let k = 0; k < n; k++) {
      parts.push(PIECES[Math.floor(random() * PIECES.length)]);
      if (random() < 0.6) parts.push(' ');
    }
    out.push(parts.join(''));
  }
  return out;
}

const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, ...m]);

describe('date patterns run near their cues', () => {
  const texts = [SEED, ...torture(3000)];
  for (const [name, pattern] of Object.entries(PATTERNS)) {
    it(`${name}: the same matches as a scan of the whole text, with cues from the text or from its words, on the seed article and 3,000 generated texts`, () => {
      let found = 0;
      for (const text of texts) {
        const expected = shape(text.matchAll(pattern));
        found += expected.length;
        expect(shape(matchesNear(text, pattern)), text).toEqual(expected);
        // The detector's way: cues from the words it has already split.
        expect(shape(matchesNear(text, pattern, dateCues(text, wordsOf(text)))), text).toEqual(expected);
      }
      // The generated texts do exercise the pattern.
      expect(found).toBeGreaterThan(20);
    });
  }
});
