/**
 * `npm run kb:build`: validates data/kb/*.yaml, imports the npm data layers, merges, and writes
 * public/kb/kb.<hash>.json plus public/kb/manifest.json for the extension to ship.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbManifest } from '../core/kb/types';
import { packMatcher } from '../core/detect/matcher-data';
import { buildKb, KbBuildError, sha256 } from './kb/build';

const OUT = 'public/kb';

try {
  const started = performance.now();
  const { kb, matcher, report, curated } = await buildKb();
  const stem = `kb.${kb.hash.slice(0, 16)}`;
  // Parts of at most ~3 MB: web-ext lint refuses files over 5 MB, and smaller parts parse in steps.
  const parts: Array<{ name: string; json: string }> = [];
  parts.push({ name: `${stem}.index.json`, json: JSON.stringify({ format: 1, hash: kb.hash, aliases: kb.aliases, events: kb.events }) });
  let chunk: typeof kb.entries = [];
  let size = 0;
  const flush = () => {
    if (!chunk.length) return;
    parts.push({ name: `${stem}.entries-${parts.length}.json`, json: JSON.stringify({ format: 1, hash: kb.hash, entries: chunk }) });
    chunk = [];
    size = 0;
  };
  for (const e of kb.entries) {
    const n = JSON.stringify(e).length;
    if (size + n > 3_000_000) flush();
    chunk.push(e);
    size += n;
  }
  flush();
  const matcherBytes = packMatcher(matcher);
  const matcherFile = `matcher.${sha256(matcherBytes).slice(0, 16)}.bin`;
  mkdirSync(OUT, { recursive: true });
  const keep = new Set([...parts.map((p) => p.name), matcherFile]);
  for (const old of readdirSync(OUT)) if (/^(kb|matcher)\..*\.(json|bin)$/.test(old) && !keep.has(old)) rmSync(join(OUT, old));
  for (const p of parts) writeFileSync(join(OUT, p.name), p.json);
  writeFileSync(join(OUT, matcherFile), matcherBytes);
  const manifest: KbManifest = {
    format: 1,
    hash: kb.hash,
    entries: kb.entries.length,
    aliases: Object.keys(kb.aliases).length,
    events: kb.events.length,
    files: parts.map((p) => p.name),
    bytes: parts.reduce((n, p) => n + Buffer.byteLength(p.json), 0),
    matcher: matcherFile,
  };
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `kb: ${manifest.entries} entries (${curated} curated; merged ${JSON.stringify(report.merged)}; added ${JSON.stringify(report.added)}), ` +
      `${manifest.aliases} aliases, ${manifest.events} dated facts, ${(manifest.bytes / 1e6).toFixed(1)} MB, hash ${kb.hash.slice(0, 16)} in ${ms} ms`,
  );
} catch (err) {
  if (err instanceof KbBuildError) {
    console.error(`kb: build failed\n${err.problems.join('\n')}`);
    process.exit(1);
  }
  throw err;
}
