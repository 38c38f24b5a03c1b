/**
 * The one place Backstory's settings and per-site rules are declared: shape, defaults, schema
 * version, migrations, and how a page's host finds its rule. The pure functions come first; the
 * two storage functions at the end take the storage area as an argument so tests can hand them a
 * fake one.
 */

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 3;

/** How Backstory behaves on a site: mark and show cards, stay away, or wait to be asked. */
export type SiteMode = 'on' | 'off' | 'ask';
export const SITE_MODES: readonly SiteMode[] = ['on', 'ask', 'off'];

/** How marks look: a quiet underline, a soft background, or nothing (cards still open on hover). */
export type MarkStyle = 'underline' | 'background' | 'none';
export const MARK_STYLES: readonly MarkStyle[] = ['underline', 'background', 'none'];

export type Theme = 'auto' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];

/** The kinds of mention a reader can choose to mark, as the page index groups them. */
export const MARK_GROUPS = ['people', 'places', 'conflicts', 'treaties', 'organisations', 'dates'] as const;
export type MarkGroup = (typeof MARK_GROUPS)[number];

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
  markStyle: MarkStyle;
  /** Kinds of mention not marked (cards for them still open from the page index or the shortcut). */
  hiddenGroups: MarkGroup[];
  /** Look of the popup, options, reading list and cards. */
  theme: Theme;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  paused: false,
  defaultMode: 'on',
  sites: Object.freeze({}) as Record<string, SiteMode>,
  hoverDelayMs: 400,
  markStyle: 'underline',
  hiddenGroups: Object.freeze([]) as unknown as MarkGroup[],
  theme: 'auto',
});

export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, sites: {}, hiddenGroups: [] };
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
  // Version 3 added "only when I ask", mark style, hidden kinds and theme: all start at their defaults.
  2: (old) => ({ ...old, version: 3 }),
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
  if (MARK_STYLES.includes(data.markStyle as MarkStyle)) out.markStyle = data.markStyle as MarkStyle;
  if (THEMES.includes(data.theme as Theme)) out.theme = data.theme as Theme;
  if (Array.isArray(data.hiddenGroups)) {
    out.hiddenGroups = MARK_GROUPS.filter((g) => (data.hiddenGroups as unknown[]).includes(g));
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
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Stored form, made to fit `storage.sync` quotas (8 KB per item, 100 KB in all, 512 items): the
 * general settings under `settings`, the site rules as compact `host=mode` lists in numbered
 * chunks `sites.0`, `sites.1`, … of at most {@link SYNC_CHUNK_BYTES} each.
 */
export const SITES_KEY_PREFIX = 'sites.';
export const SYNC_CHUNK_BYTES = 7_000;
/** storage.sync's total quota, less room for the general settings. */
export const SYNC_TOTAL_BYTES = 100_000;

export function toStored(settings: Settings): Record<string, unknown> {
  const { sites, ...general } = settings;
  const chunks: string[] = [];
  let current = '';
  for (const [host, mode] of Object.entries(sites).sort(([a], [b]) => a.localeCompare(b))) {
    const entry = `${host}=${mode}`;
    // JSON-encoded size, with the key: what the quota counts (hosts are ASCII or punycode-like).
    if (current && new TextEncoder().encode(current).length + entry.length + 1 > SYNC_CHUNK_BYTES) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current};${entry}` : entry;
  }
  if (current) chunks.push(current);
  const items: Record<string, unknown> = { [SETTINGS_KEY]: { ...general, siteChunks: chunks.length } };
  chunks.forEach((c, i) => (items[`${SITES_KEY_PREFIX}${i}`] = c));
  const bytes = Object.entries(items).reduce((n, [k, v]) => n + k.length + new TextEncoder().encode(JSON.stringify(v)).length, 0);
  if (bytes > SYNC_TOTAL_BYTES) {
    throw new Error(`Too many site rules to keep in sync (${Object.keys(sites).length}); remove some on the options page.`);
  }
  return items;
}

/** Reads the stored form back (any version: version 1 and 2 kept the rules inside `settings`). */
export function fromStored(items: Record<string, unknown>): Settings {
  const raw = items[SETTINGS_KEY];
  if (!isRecord(raw)) return migrateSettings(raw);
  const chunks = typeof raw.siteChunks === 'number' ? raw.siteChunks : 0;
  if (chunks > 0) {
    const sites: Record<string, string> = {};
    for (let i = 0; i < chunks && i < 512; i++) {
      const chunk = items[`${SITES_KEY_PREFIX}${i}`];
      if (typeof chunk !== 'string') continue;
      for (const entry of chunk.split(';')) {
        const at = entry.lastIndexOf('=');
        if (at > 0) sites[entry.slice(0, at)] = entry.slice(at + 1);
      }
    }
    return migrateSettings({ ...raw, sites });
  }
  return migrateSettings(raw);
}

export async function loadSettings(area: SettingsArea): Promise<Settings> {
  return fromStored(await area.get(null));
}

export async function saveSettings(area: SettingsArea, settings: Settings): Promise<Settings> {
  const clean = migrateSettings(settings);
  const items = toStored(clean);
  await area.set(items);
  // Chunks the rules no longer need.
  const stale = Object.keys(await area.get(null)).filter((k) => k.startsWith(SITES_KEY_PREFIX) && !(k in items));
  if (stale.length) await area.remove(stale);
  return clean;
}

/** Reads, changes and writes settings; stored data of an older version is migrated on the way. */
export function updateSettings(area: SettingsArea, change: (current: Settings) => Settings): Promise<Settings> {
  // One change at a time per area in this page: quick clicks must not overwrite each other.
  const run = (pending.get(area) ?? Promise.resolve()).catch(() => undefined).then(async () => saveSettings(area, change(await loadSettings(area))));
  pending.set(area, run);
  return run;
}

const pending = new WeakMap<SettingsArea, Promise<unknown>>();

/** Whether a `storage.onChanged` report touches the settings. */
export function isSettingsChange(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).some((k) => k === SETTINGS_KEY || k.startsWith(SITES_KEY_PREFIX));
}

/**
 * The area settings live in: `storage.sync`, so they follow the reader to their other browsers,
 * or `storage.local` where sync is missing or refused (a policy, a private window). Settings an
 * earlier version kept in `storage.local` move to sync once.
 */
export async function settingsArea(storage: { sync?: SettingsArea; local: SettingsArea }): Promise<{ area: SettingsArea; name: 'sync' | 'local' }> {
  const sync = storage.sync;
  if (!sync) return { area: storage.local, name: 'local' };
  try {
    const inSync = await sync.get(SETTINGS_KEY);
    if (inSync[SETTINGS_KEY] === undefined) {
      const local = await storage.local.get(null);
      if (local[SETTINGS_KEY] !== undefined) {
        await saveSettings(sync, fromStored(local));
        await storage.local.remove([SETTINGS_KEY, ...Object.keys(local).filter((k) => k.startsWith(SITES_KEY_PREFIX))]);
      }
    }
    return { area: sync, name: 'sync' };
  } catch {
    return { area: storage.local, name: 'local' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSiteMode(value: unknown): value is SiteMode {
  return value === 'on' || value === 'off' || value === 'ask';
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
