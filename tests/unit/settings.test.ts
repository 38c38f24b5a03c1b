import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  decideForUrl,
  defaultSettings,
  findSiteRule,
  loadSettings,
  migrateSettings,
  saveSettings,
  siteKeyOf,
  updateSettings,
  withSiteMode,
  toStored,
  settingsArea,
  isSettingsChange,
} from '../../settings';

beforeEach(() => fakeBrowser.reset());

describe('defaults', () => {
  it('runs everywhere, unpaused, with a 400 ms hover delay, when nothing is stored', async () => {
    const s = await loadSettings(fakeBrowser.storage.local);
    expect(s).toEqual({
      version: SETTINGS_VERSION,
      paused: false,
      defaultMode: 'on',
      sites: {},
      hoverDelayMs: 400,
      markStyle: 'underline',
      hiddenGroups: [],
      theme: 'auto',
    });
    expect(decideForUrl(s, 'https://www.example.com/news/1').active).toBe(true);
  });

  it('hands out copies, so changing one reader setting never changes the defaults', () => {
    const s = defaultSettings();
    s.sites['example.com'] = 'off';
    expect(DEFAULT_SETTINGS.sites).toEqual({});
    expect(defaultSettings().sites).toEqual({});
  });
});

describe('migrations', () => {
  it('turns version 1 (flat flag + list of switched-off hosts) into site rules', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { version: 1, enabled: true, disabledSites: ['WWW.Example.com', 'm.news.org', 'not a host!', 42], hoverDelay: 650 },
    });
    const s = await loadSettings(fakeBrowser.storage.local);
    expect(s).toEqual({
      version: 3,
      paused: false,
      defaultMode: 'on',
      sites: { 'example.com': 'off', 'news.org': 'off' },
      hoverDelayMs: 650,
      markStyle: 'underline',
      hiddenGroups: [],
      theme: 'auto',
    });
    expect(decideForUrl(s, 'https://www.example.com/a')).toMatchObject({ active: false, reason: 'site-off' });
  });

  it('keeps a version 1 global switch-off as a pause', () => {
    expect(migrateSettings({ enabled: false }).paused).toBe(true);
  });

  it('repairs damaged values one by one instead of dropping the site rules', () => {
    const s = migrateSettings({ version: 2, paused: 'yes', defaultMode: 'sometimes', sites: { 'a.com': 'off', 'b.com': 'maybe' }, hoverDelayMs: 1e9 });
    expect(s.paused).toBe(false);
    expect(s.defaultMode).toBe('on');
    expect(s.sites).toEqual({ 'a.com': 'off' });
    expect(s.hoverDelayMs).toBe(2000);
  });

  it('reads settings written by a newer version without losing the rules it understands', () => {
    const s = migrateSettings({ version: 99, paused: true, sites: { 'a.com': 'off' }, futureField: 1 });
    expect(s).toMatchObject({ version: SETTINGS_VERSION, paused: true, sites: { 'a.com': 'off' } });
  });

  it('treats garbage as no settings', () => {
    for (const junk of [null, 'x', 7, [1, 2], undefined]) expect(migrateSettings(junk)).toEqual(defaultSettings());
  });

  it('writes the migrated form back on the next save', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, disabledSites: ['a.com'] } });
    await updateSettings(fakeBrowser.storage.local, (s) => ({ ...s, hoverDelayMs: 500 }));
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw[SETTINGS_KEY]).toMatchObject({ version: 3, hoverDelayMs: 500, siteChunks: 1 });
    expect(raw['sites.0']).toBe('a.com=off');
  });

  it('turns version 2 (rules inside the settings object) into version 3 with the new defaults', () => {
    const s = migrateSettings({ version: 2, paused: false, defaultMode: 'off', sites: { 'bbc.co.uk': 'on' }, hoverDelayMs: 300 });
    expect(s).toEqual({ ...defaultSettings(), defaultMode: 'off', sites: { 'bbc.co.uk': 'on' }, hoverDelayMs: 300 });
  });

  it('keeps the new fields valid one by one', () => {
    const s = migrateSettings({ version: 3, markStyle: 'blink', theme: 'dark', hiddenGroups: ['dates', 'nonsense', 7], sites: { 'a.com': 'ask' } });
    expect(s).toMatchObject({ markStyle: 'underline', theme: 'dark', hiddenGroups: ['dates'], sites: { 'a.com': 'ask' } });
  });
});

describe('site keys', () => {
  it.each([
    ['https://www.example.com/path?q=1#x', 'example.com'],
    ['http://m.example.com/', 'example.com'],
    ['https://news.example.com:8443/a', 'news.example.com'],
    ['https://www.m.example.co.uk/', 'example.co.uk'],
    ['EXAMPLE.com.', 'example.com'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['https://www.com/', 'www.com'],
    ['https://m.me/', 'm.me'],
    ['https://пример.укр/', 'xn--e1afmkfd.xn--j1amh'],
  ])('%s → %s', (input, key) => {
    expect(siteKeyOf(input)).toBe(key);
  });

  it.each(['chrome://extensions', 'about:blank', 'file:///tmp/a.html', '', 'not a host!', 'moz-extension://abc/popup.html'])(
    'refuses %s',
    (input) => expect(siteKeyOf(input)).toBeNull(),
  );
});

describe('site rules', () => {
  const settings = { ...defaultSettings(), sites: { 'example.com': 'off' as const, 'news.example.com': 'on' as const } };

  it('folds www. and m. into the site', () => {
    expect(findSiteRule(settings, 'https://www.example.com/')).toEqual({ key: 'example.com', mode: 'off' });
    expect(findSiteRule(settings, 'https://m.example.com/')).toEqual({ key: 'example.com', mode: 'off' });
  });

  it('lets a rule for news.example.com beat one for example.com', () => {
    expect(findSiteRule(settings, 'https://news.example.com/story')).toEqual({ key: 'news.example.com', mode: 'on' });
    expect(findSiteRule(settings, 'https://www.news.example.com/story')?.mode).toBe('on');
  });

  it('applies a parent rule to subdomains that have none', () => {
    expect(findSiteRule(settings, 'https://sport.example.com/')).toEqual({ key: 'example.com', mode: 'off' });
    expect(decideForUrl(settings, 'https://sport.example.com/')).toMatchObject({ active: false, reason: 'site-off' });
  });

  it('does not match look-alike hosts', () => {
    expect(findSiteRule(settings, 'https://notexample.com/')).toBeNull();
    expect(findSiteRule(settings, 'https://example.com.evil.org/')).toBeNull();
  });

  it('pause wins over every site rule', () => {
    const paused = { ...settings, paused: true };
    expect(decideForUrl(paused, 'https://news.example.com/')).toMatchObject({ active: false, reason: 'paused' });
  });

  it('a switched-off default makes unknown sites off and ruled sites on', () => {
    const optIn = { ...defaultSettings(), defaultMode: 'off' as const, sites: { 'kyivindependent.com': 'on' as const } };
    expect(decideForUrl(optIn, 'https://example.org/').active).toBe(false);
    expect(decideForUrl(optIn, 'https://kyivindependent.com/').active).toBe(true);
  });

  it('withSiteMode stores a rule only where it changes something', () => {
    let s = withSiteMode(defaultSettings(), 'https://www.example.com/', 'off');
    expect(s.sites).toEqual({ 'example.com': 'off' });
    s = withSiteMode(s, 'https://news.example.com/', 'off'); // inherited already
    expect(s.sites).toEqual({ 'example.com': 'off' });
    s = withSiteMode(s, 'https://news.example.com/', 'on');
    expect(s.sites).toEqual({ 'example.com': 'off', 'news.example.com': 'on' });
    s = withSiteMode(s, 'example.com', 'on');
    expect(s.sites).toEqual({ 'news.example.com': 'on' });
    expect(() => withSiteMode(s, 'chrome://settings', 'off')).toThrow(/Not a web site/);
  });

  it('survives a save and load round trip', async () => {
    const s = withSiteMode(defaultSettings(), 'example.com', 'off');
    await saveSettings(fakeBrowser.storage.local, s);
    expect(await loadSettings(fakeBrowser.storage.local)).toEqual(s);
  });

  it('"only when I ask" is active, without marks', () => {
    const s = withSiteMode(defaultSettings(), 'example.com', 'ask');
    expect(decideForUrl(s, 'https://example.com/a')).toMatchObject({ active: true, mode: 'ask' });
  });
});

describe('sync storage', () => {
  const QUOTA_BYTES_PER_ITEM = 8192;
  const QUOTA_BYTES = 102_400;
  const size = (items: Record<string, unknown>) => Object.entries(items).reduce((n, [k, v]) => n + k.length + new TextEncoder().encode(JSON.stringify(v)).length, 0);

  it('splits many site rules into chunks that each fit storage.sync quotas, and reads them back', async () => {
    let s = defaultSettings();
    for (let i = 0; i < 1500; i++) s = withSiteMode(s, `news-site-number-${i}.example.com`, i % 3 === 0 ? 'off' : 'ask');
    const items = toStored(s);
    for (const [k, v] of Object.entries(items)) expect(size({ [k]: v }), k).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    expect(size(items)).toBeLessThanOrEqual(QUOTA_BYTES);
    expect(Object.keys(items).length).toBeGreaterThan(2);
    await saveSettings(fakeBrowser.storage.sync, s);
    expect(await loadSettings(fakeBrowser.storage.sync)).toEqual(s);
  });

  it('removes chunks the rules no longer need', async () => {
    let s = defaultSettings();
    for (let i = 0; i < 1500; i++) s = withSiteMode(s, `news-site-number-${i}.example.com`, 'off');
    await saveSettings(fakeBrowser.storage.sync, s);
    await saveSettings(fakeBrowser.storage.sync, { ...s, sites: { 'one.example': 'off' } });
    const keys = Object.keys(await fakeBrowser.storage.sync.get(null));
    expect(keys.sort()).toEqual(['settings', 'sites.0']);
    expect((await loadSettings(fakeBrowser.storage.sync)).sites).toEqual({ 'one.example': 'off' });
  });

  it('refuses, with a reason, more rules than sync can hold', () => {
    const s = { ...defaultSettings(), sites: Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`a-rather-long-news-site-name-${i}.example.com`, 'off' as const])) };
    expect(() => toStored(s)).toThrow(/Too many site rules to keep in sync \(6000\)/);
  });

  it('moves settings an earlier version kept in storage.local into sync, once', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: 2, paused: true, defaultMode: 'on', sites: { 'a.com': 'off' }, hoverDelayMs: 700 } });
    const { area, name } = await settingsArea(fakeBrowser.storage);
    expect(name).toBe('sync');
    expect(await loadSettings(area)).toMatchObject({ paused: true, sites: { 'a.com': 'off' }, hoverDelayMs: 700 });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('falls back to storage.local where sync refuses', async () => {
    const broken = { get: () => Promise.reject(new Error('sync is disabled by policy')), set: () => Promise.reject(new Error('no')), remove: () => Promise.reject(new Error('no')) };
    const { name } = await settingsArea({ sync: broken, local: fakeBrowser.storage.local });
    expect(name).toBe('local');
  });

  it('tells settings changes from other storage changes', () => {
    expect(isSettingsChange({ 'sites.3': {} })).toBe(true);
    expect(isSettingsChange({ settings: {} })).toBe(true);
    expect(isSettingsChange({ 'tab-report:4': {} })).toBe(false);
  });
});
