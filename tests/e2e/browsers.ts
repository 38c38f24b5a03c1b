import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const INSTALL = 'apt-get update && apt-get install -y chromium firefox-esr';

/**
 * Makes sure Debian's Chromium and Firefox ESR are installed. As root it installs them with
 * apt-get; otherwise it fails with the command to run. It never lets a browser be skipped.
 */
export function ensureBrowsers(): { chromium: string; firefox: string } {
  const missing = [CHROMIUM, FIREFOX].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      throw new Error(`Browser tests need ${missing.join(' and ')}. Install them with:\n  sudo sh -c '${INSTALL}'`);
    }
    console.log(`[browsers] installing Chromium and Firefox ESR: ${INSTALL}`);
    const run = spawnSync('sh', ['-c', INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const still = [CHROMIUM, FIREFOX].filter((p) => !existsSync(p));
    if (run.status !== 0 || still.length > 0) {
      throw new Error(`Installing the browsers failed (exit ${run.status}); missing ${still.join(', ')}. Run: ${INSTALL}`);
    }
  }
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  const firefox = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8' }).trim();
  return { chromium, firefox };
}
