/**
 * A deterministic ~1 MB English news page for benchmarks: paragraphs of the seed article mixed
 * with generated sentences that name people, places and dates from the knowledge base, and
 * plain filler prose. Same seed, same page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatcherData } from '../../core/detect/matcher-data';

export const SEED_TEXT = join(import.meta.dirname, '../../../shared/seed/article.txt');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = [
  'Officials said the talks would continue next week, although no agenda has been published.',
  'The committee met again on Tuesday to review the budget and the schedule of repairs.',
  'Residents complained about the noise, the traffic and the rising price of bread.',
  'According to the report, more than 1,500 households were left without heating for two days.',
  'Analysts expect the figures to improve in the second half of the year.',
  'The museum reopened its main hall after a long restoration funded by private donors.',
  'Volunteers delivered 700,000 meals to families in the region over the winter.',
  'Reading the old letters, the historian found notes that no one had catalogued.',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function generatePage(matcher: MatcherData, bytes = 1_000_000, seed = 1945): string {
  const random = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const seedParagraphs = readFileSync(SEED_TEXT, 'utf8').split(/\n\s*\n/).filter((p) => p.length > 200);
  const names = matcher.names.toArray().filter((_, i) => matcher.layers[i] === 0 || matcher.population[i] > 200_000);
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    let p: string;
    const r = random();
    if (r < 0.3) p = pick(seedParagraphs);
    else if (r < 0.7) {
      const parts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const y = 1900 + Math.floor(random() * 120);
        parts.push(
          pick([
            `In ${pick(MONTHS)} ${y}, ${pick(names)} met envoys from ${pick(names)} to discuss the border.`,
            `On ${pick(MONTHS)} ${1 + Math.floor(random() * 28)}, troops moved from ${pick(names)} towards ${pick(names)}.`,
            `Historians compare ${pick(names)} with ${pick(names)}, especially after the events of ${y}.`,
            `By the late ${Math.floor(y / 10) * 10}s the influence of ${pick(names)} had grown considerably.`,
          ]),
        );
      }
      p = parts.join(' ');
    } else {
      p = Array.from({ length: 6 }, () => pick(FILLER)).join(' ');
    }
    out.push(p);
    size += p.length + 2;
  }
  return out.join('\n\n');
}
