/**
 * Renders assets/icon.svg to the PNG sizes the manifests use (public/icon/N.png) with Debian's
 * Chromium. Run after changing the SVG: `npx tsx scripts/make-icons.ts`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const out = new URL('../public/icon/', import.meta.url);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] });
for (const size of [16, 32, 48, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(`${size}.png`, out).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('icons written to public/icon/');
