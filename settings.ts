/**
 * The one place Backstory's settings and per-site rules are declared: shape, defaults, schema
 * version, migrations, and how a page's host finds its rule. The pure functions come first; the
 * two storage functions at the end take the storage area as an argument so tests can hand them a
 * fake one.
 */

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;

/** How Backstory behaves on a site: mark and show cards, stay away, or wait to be asked. */
export type SiteMode = 'on' | 'off';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Global pause: nothing runs on any site while true. */
  paused: boolean;
  /** What a site without a rule gets. */
  defaultMode: SiteMode;
  /** Rules keyed by site key (see {@link siteKeyOf}). */
  sites: Record<string, SiteMode>;
  /** Pointer dwell before a card opens. */
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  paused: false,
  defaultMode: 'on',
  sites: Object.freeze({}) as Record<string, SiteMode>,
  hoverDelayMs: 400,
});

export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, sites: {} };
}

/**
 * Version 1 (the 0.0.x builds) kept a flat on/off flag and a list of switched-off hosts, some
 * stored with their `www.` prefix and upper-case letters.
 */
export interface SettingsV1 {
  version?: 1;
  enabled?: boolean;
  disabledSites?: string[];
  hoverDelay?: number;
}

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: Record<number, Migration> = {
  1: (old) => {
    const v1 = old as SettingsV1;
    const sites: Record<string, SiteMode> = {};
    for (const host of Array.isArray(v1.disabledSites) ? v1.disabledSites : []) {
      const key = typeof host === 'string' ? siteKeyOf(host) : null;
      if (key) sites[key] = 'off';
    }
    return {
      version: 2,
      paused: v1.enabled === false,
      defaultMode: 'on',
      sites,
      hoverDelayMs: v1.hoverDelay,
    };
  },
};

/**
 * Turns whatever storage holds (nothing, an old version, a damaged object) into valid current
 * settings. Unknown or invalid fields fall back to their defaults one by one, so a single bad
 * value never throws away the reader's site rules.
 */
export function migrateSettings(stored: unknown): Settings {
  if (!isRecord(stored)) return defaultSettings();
  let data: Record<string, unknown> = { ...stored };
  let version = typeof data.version === 'number' ? data.version : 1;
  if (version > SETTINGS_VERSION) {
    // Written by a newer Backstory (e.g. synced from another browser): keep what we understand.
    version = SETTINGS_VERSION;
  }
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return defaultSettings();
    data = step(data);
    version += 1;
  }
  return sanitize(data);
}

function sanitize(data: Record<string, unknown>): Settings {
  const out = defaultSettings();
  if (typeof data.paused === 'boolean') out.paused = data.paused;
  if (isSiteMode(data.defaultMode)) out.defaultMode = data.defaultMode;
  if (isRecord(data.sites)) {
    for (const [host, mode] of Object.entries(data.sites)) {
      const key = siteKeyOf(host);
      if (key && isSiteMode(mode)) out.sites[key] = mode;
    }
  }
  if (typeof data.hoverDelayMs === 'number' && Number.isFinite(data.hoverDelayMs)) {
    out.hoverDelayMs = clamp(Math.round(data.hoverDelayMs), HOVER_DELAY_RANGE.min, HOVER_DELAY_RANGE.max);
  }
  return out;
}

/**
 * The key a site's rule is stored under: the lower-case host name without a port, a trailing
 * dot, or a leading `www.`/`m.` (those are the same site for a reader). Accepts a URL or a bare
 * host. Returns null for anything that is not a web host.
 */
export function siteKeyOf(urlOrHost: string): string | null {
  let host = urlOrHost.trim().toLowerCase();
  if (!host) return null;
  if (host.includes('://')) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    host = url.hostname;
  } else {
    host = host.replace(/[/?#].*$/, '');
    if (!host.startsWith('[')) host = host.replace(/:\d+$/, '');
  }
  host = host.replace(/\.$/, '');
  while (/^(www|m)\./.test(host) && host.split('.').length > 2) {
    host = host.replace(/^(www|m)\./, '');
  }
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?(\.[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)*)$/.test(host)) {
    return null;
  }
  return host;
}

/** The rule that governs a host: its own, else the nearest parent domain's (most specific wins). */
export function findSiteRule(
  settings: Pick<Settings, 'sites'>,
  urlOrHost: string,
): { key: string; mode: SiteMode } | null {
  const key = siteKeyOf(urlOrHost);
  if (!key) return null;
  if (key.startsWith('[') || /^\d+(\.\d+){3}$/.test(key)) {
    const mode = settings.sites[key];
    return mode ? { key, mode } : null;
  }
  const labels = key.split('.');
  for (let i = 0; i < labels.length; i++) {
    const candidate = labels.slice(i).join('.');
    const mode = settings.sites[candidate];
    if (mode) return { key: candidate, mode };
  }
  return null;
}

export type SiteDecision =
  | { active: true; site: string; mode: SiteMode }
  | { active: false; site: string | null; mode: SiteMode; reason: 'paused' | 'site-off' | 'unsupported' };

/** Whether Backstory runs on a page, and why not when it does not. */
export function decideForUrl(settings: Settings, url: string): SiteDecision {
  const site = siteKeyOf(url);
  if (!site) return { active: false, site: null, mode: 'off', reason: 'unsupported' };
  const rule = findSiteRule(settings, site);
  const mode = rule?.mode ?? settings.defaultMode;
  if (settings.paused) return { active: false, site, mode, reason: 'paused' };
  if (mode === 'off') return { active: false, site, mode, reason: 'site-off' };
  return { active: true, site, mode };
}

/**
 * Sets the mode for exactly this site. When the new mode equals what the site would get anyway
 * (from a parent rule or the default), the rule is removed instead, so the list stays short.
 */
export function withSiteMode(settings: Settings, urlOrHost: string, mode: SiteMode): Settings {
  const key = siteKeyOf(urlOrHost);
  if (!key) throw new Error(`Not a web site: ${urlOrHost}`);
  const sites = { ...settings.sites };
  delete sites[key];
  const inherited = findSiteRule({ sites }, key)?.mode ?? settings.defaultMode;
  if (inherited !== mode) sites[key] = mode;
  return { ...settings, sites };
}

/** The subset of `browser.storage.StorageArea` these functions need. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: SettingsArea): Promise<Settings> {
  const got = await area.get(SETTINGS_KEY);
  return migrateSettings(got[SETTINGS_KEY]);
}

export async function saveSettings(area: SettingsArea, settings: Settings): Promise<Settings> {
  const clean = migrateSettings(settings);
  await area.set({ [SETTINGS_KEY]: clean });
  return clean;
}

/** Reads, changes and writes settings; stored data of an older version is migrated on the way. */
export async function updateSettings(
  area: SettingsArea,
  change: (current: Settings) => Settings,
): Promise<Settings> {
  return saveSettings(area, change(await loadSettings(area)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSiteMode(value: unknown): value is SiteMode {
  return value === 'on' || value === 'off';
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
