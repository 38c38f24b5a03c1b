/** Reading the detection index a build shipped (`<kb dir>/manifest.json` and the matcher file it names), in Node. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unpackMatcher, type MatcherData } from '../../core/detect/matcher-data';
import type { KbManifest } from '../../core/kb/types';

/** The matcher index shipped in `kbDir` and its file, or undefined when the directory holds no build. */
export function readShippedMatcher(kbDir: string): { data: MatcherData; file: string } | undefined {
  const manifestPath = join(kbDir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as KbManifest;
  if (!manifest.matcher) return undefined;
  const file = join(kbDir, manifest.matcher);
  if (!existsSync(file)) return undefined;
  return { data: unpackMatcher(readFileSync(file)), file };
}

/** As readShippedMatcher, but a missing build is an error that says how to make one. */
export function requireShippedMatcher(kbDir: string): { data: MatcherData; file: string } {
  const shipped = readShippedMatcher(kbDir);
  if (!shipped) throw new Error(`No knowledge base build in ${kbDir}: run npm run build first`);
  return shipped;
}
