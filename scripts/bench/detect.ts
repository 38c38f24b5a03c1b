/**
 * Detection figures: throughput on a generated 1 MB page and on the seed article, against two
 * baselines run in the same process on the same text — (a) one RegExp alternation of every alias,
 * (b) chrono-node for dates — and the time to make the matcher ready from its shipped form in a
 * fresh process. Also what the index costs to move and to hold, for deciding where detection runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { Detector } from '../../core/detect/detector';
import { documentFromText, locator } from '../../core/detect/document';
import { resolveDates } from '../../core/dates/resolve';
import { requireShippedMatcher } from '../kb/shipped';
import { generatePage, SEED_TEXT } from './corpus';

const KB = join(import.meta.dirname, '../../public/kb');
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => unknown, runs: number): number {
  fn(); // warm up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** Finding and resolving the dates of a plain text, without names. */
function datesAlone(text: string) {
  const doc = documentFromText(text);
  const { blockAt, sentenceAt } = locator(doc);
  return resolveDates(text, { blockAt, blockBounds: (b) => (b < doc.blocks.length ? [doc.blocks[b].start, doc.blocks[b].end] : [text.length, text.length]), sentenceAt });
}

export async function benchDetect(): Promise<void> {
  const { data, file: matcherPath } = requireShippedMatcher(KB);
  const detector = new Detector(data);
  const page = generatePage(data);
  const seed = readFileSync(SEED_TEXT, 'utf8');
  const bytes = Buffer.byteLength(page);
  console.log(`\n## Detection`);
  console.log(`generated page: ${(bytes / 1e6).toFixed(2)} MB; seed article: ${(Buffer.byteLength(seed) / 1e3).toFixed(1)} kB`);

  // The first runs are the JIT's: report them, then the median once it has settled.
  const firstRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    detector.detect(documentFromText(page));
    firstRuns.push(performance.now() - t);
  }
  for (let i = 0; i < 3; i++) detector.detect(documentFromText(page));
  const full = time(() => detector.detect(documentFromText(page)), 7);
  const seedMs = time(() => detector.detect(documentFromText(seed), { publishedAt: '2025-11-29' }), 30);

  // (a) one RegExp alternation of all aliases, longest first, case-insensitive.
  const escaped = data.aliasTokens.toArray().sort((x, y) => y.length - x.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]+'));
  const built = performance.now();
  const alternation = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const compileMs = performance.now() - built;
  const slice = page.slice(0, 100_000);
  const regexMs = time(() => [...slice.matchAll(alternation)].length, 2);
  // (b) chrono-node on the same text, for dates only.
  const chronoMs = time(() => chrono.parse(slice).length, 5);
  const sliceBytes = Buffer.byteLength(slice);
  // Our dates alone on the same text, for a like-for-like figure against (b).
  const datesMs = time(() => datesAlone(slice).length, 5);

  const ours = mbps(bytes, full);
  const regex = mbps(sliceBytes, regexMs);
  const chronoRate = mbps(sliceBytes, chronoMs);
  console.log(`full detection (entities + dates, whole KB): ${ours.toFixed(1)} MB/s (${full.toFixed(0)} ms per MB), median of 7 runs after 6; first three runs ${firstRuns.map((ms) => mbps(bytes, ms).toFixed(1)).join(', ')} MB/s`);
  console.log(`baseline (a) RegExp alternation of ${data.aliasTokens.length} aliases: ${regex.toFixed(4)} MB/s (on 100 kB; compile ${compileMs.toFixed(0)} ms) → ${(ours / regex).toFixed(1)}× baseline`);
  console.log(`baseline (b) chrono-node, dates only: ${chronoRate.toFixed(2)} MB/s (on 100 kB) → ${(ours / chronoRate).toFixed(1)}× baseline; our dates alone on the same 100 kB: ${mbps(sliceBytes, datesMs).toFixed(1)} MB/s (${(mbps(sliceBytes, datesMs) / chronoRate).toFixed(0)}× chrono-node)`);
  console.log(`seed article, warm: ${seedMs.toFixed(2)} ms`);

  // Cold: a fresh process reads the shipped index and builds the matcher.
  const probe = `
    const { readFileSync } = require('node:fs');
    // Loading the code is not part of it: only reading the index and making the matcher.
    const { Detector } = require(${JSON.stringify(join(import.meta.dirname, '../../core/detect/detector.ts'))});
    const { unpackMatcher } = require(${JSON.stringify(join(import.meta.dirname, '../../core/detect/matcher-data.ts'))});
    const { documentFromText } = require(${JSON.stringify(join(import.meta.dirname, '../../core/detect/document.ts'))});
    const t0 = performance.now();
    const bytes = readFileSync(${JSON.stringify(matcherPath)});
    const t1 = performance.now();
    const data = unpackMatcher(bytes);
    const t2 = performance.now();
    const d = new Detector(data);
    const t3 = performance.now();
    d.detect(documentFromText(readFileSync(${JSON.stringify(SEED_TEXT)}, 'utf8')));
    const t4 = performance.now();
    global.gc && global.gc();
    console.log(JSON.stringify({ read: t1 - t0, unpack: t2 - t1, build: t3 - t2, first: t4 - t3, heapMB: process.memoryUsage().heapUsed / 1e6, keep: !!d }));
  `;
  // Five fresh processes; the one in the middle by total time.
  type Cold = { read: number; unpack: number; build: number; first: number; heapMB: number };
  const colds: Cold[] = [];
  for (let i = 0; i < 5; i++) {
    const cold = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', probe], { encoding: 'utf8' });
    if (cold.status !== 0) throw new Error(`cold probe failed: ${cold.stderr}`);
    colds.push(JSON.parse(cold.stdout.trim().split('\n').pop()!) as Cold);
  }
  const ready = (x: Cold) => x.read + x.unpack + x.build;
  colds.sort((x, y) => ready(x) - ready(y));
  const c = colds[2];
  console.log(
    `matcher ready, cold (fresh process): median of 5 ${ready(c).toFixed(0)} ms (reading the file ${c.read.toFixed(1)} ms, unpacking ${c.unpack.toFixed(1)} ms, ` +
      `making the detector ${c.build.toFixed(1)} ms; all five ${colds.map((x) => ready(x).toFixed(0)).join(', ')} ms); first seed detection after that: ${c.first.toFixed(0)} ms`,
  );
  console.log(`index transfer: ${(statSync(matcherPath).size / 1e6).toFixed(2)} MB matcher file; heap with matcher ready: ${c.heapMB.toFixed(0)} MB`);
}
