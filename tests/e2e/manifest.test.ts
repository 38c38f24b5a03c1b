/**
 * What the built extensions may do. Any change to a permission, a host pattern, what pages may
 * reach, or the content security policy fails here until this snapshot is updated on purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD, requireBuild } from './paths';

const CAPABILITY_KEYS = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'web_accessible_resources',
  'externally_connectable',
  'content_security_policy',
  'sandbox',
  'declarative_net_request',
] as const;

function capabilities(dir: string) {
  const m = JSON.parse(readFileSync(join(requireBuild(dir), 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const present = Object.fromEntries(CAPABILITY_KEYS.filter((k) => m[k] !== undefined).map((k) => [k, m[k]]));
  const scripts = (m.content_scripts as { matches: string[]; all_frames?: boolean; world?: string; match_about_blank?: boolean }[]).map((c) => ({
    matches: c.matches,
    all_frames: c.all_frames ?? false,
    world: c.world ?? 'ISOLATED',
    match_about_blank: c.match_about_blank ?? false,
  }));
  return { ...present, content_scripts: scripts, commands: Object.keys((m.commands as object) ?? {}).sort() };
}

const EXPECTED = {
  permissions: ['storage', 'contextMenus'],
  // The note form's frame: the page cannot hear keys typed into an extension frame.
  web_accessible_resources: [{ resources: ['note-frame.html'], matches: ['http://*/*', 'https://*/*'] }],
  content_scripts: [{ matches: ['http://*/*', 'https://*/*'], all_frames: false, world: 'ISOLATED', match_about_blank: false }],
  commands: ['open-card', 'save-highlight', 'toggle-site'],
};

describe('manifest permissions (snapshot)', () => {
  it('[chromium] the Chrome build asks for exactly these capabilities', () => {
    expect(capabilities(CHROME_BUILD)).toEqual(EXPECTED);
  });
  it('[firefox] the Firefox build asks for exactly these capabilities', () => {
    expect(capabilities(FIREFOX_BUILD)).toEqual(EXPECTED);
  });
});
