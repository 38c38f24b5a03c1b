import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(process.env.BACKSTORY_SHARED ?? resolve(ROOT, '../shared'));
export const SHARED_FIXTURES = resolve(SHARED, 'fixtures');
export const OWN_FIXTURES = resolve(ROOT, 'tests/fixtures');
export const ARTIFACTS = resolve(ROOT, 'test-results');
export const CHROME_BUILD = resolve(ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD = resolve(ROOT, '.output/firefox-mv3');

export function requireBuild(dir: string): string {
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`No extension build in ${dir}. Run "npm run build" first (npm test does it for you).`);
  }
  return dir;
}
