/**
 * `npm run kb:build`: validates data/kb/*.yaml, imports the npm data layers, merges, and writes
 * public/kb/kb.<hash>.json plus public/kb/manifest.json for the extension to ship.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbManifest } from '../core/kb/types';
import { buildKb, KbBuildError, sha256 } from './kb/build';

const OUT = 'public/kb';

try {
  const started = performance.now();
  const { kb, matcher, report, curated } = await buildKb();
  const file = `kb.${kb.hash.slice(0, 16)}.json`;
  const matcherJson = JSON.stringify(matcher);
  const matcherFile = `matcher.${sha256(matcherJson).slice(0, 16)}.json`;
  const json = JSON.stringify(kb);
  mkdirSync(OUT, { recursive: true });
  for (const old of readdirSync(OUT)) {
    if (/^(kb|matcher)\.[0-9a-f]+\.json$/.test(old) && old !== file && old !== matcherFile) rmSync(join(OUT, old));
  }
  writeFileSync(join(OUT, file), json);
  writeFileSync(join(OUT, matcherFile), matcherJson);
  const manifest: KbManifest = {
    format: 1,
    hash: kb.hash,
    entries: kb.entries.length,
    aliases: Object.keys(kb.aliases).length,
    events: kb.events.length,
    file,
    bytes: Buffer.byteLength(json),
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
