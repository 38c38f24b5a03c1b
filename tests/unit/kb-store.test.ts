import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileKb } from '../../core/kb/compile';
import type { CompiledKb, KbEntry } from '../../core/kb/types';
import { KB_DB_NAME, KbStore } from '../../db/kb-store';

const entry = (id: string, extra: Partial<KbEntry> = {}): KbEntry => ({
  id,
  type: 'event',
  name: id,
  aliases: {},
  layer: 'curated',
  sources: [{ layer: 'curated', ref: 'test.yaml', licence: 'test' }],
  ...extra,
});

const fakeHash = (text: string) => `h${text.length}-${[...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}`;

async function kb(entries: KbEntry[]): Promise<CompiledKb> {
  return compileKb(entries, fakeHash);
}

const V1 = [
  entry('soviet-japanese-war', { type: 'war', name: 'Soviet–Japanese War', aliases: { en: ['Soviet-Japanese War', 'August Storm'], uk: ['Радянсько-японська війна'] }, start: '1945-08-09', end: '1945-09-02', related: ['yalta-conference', 'kwantung-army'] }),
  entry('yalta-conference', { type: 'conference', name: 'Yalta Conference', start: '1945-02-04', end: '1945-02-11' }),
  entry('kwantung-army', { type: 'military-unit', name: 'Kwantung Army', start: '1919', end: '1945-08' }),
  entry('atomic-bombing-of-nagasaki', { name: 'Atomic bombing of Nagasaki', date: '1945-08-09' }),
  entry('battle-of-kursk', { type: 'battle', name: 'Battle of Kursk', start: '1943-07-05', end: '1943-08-23' }),
  entry('joseph-stalin', { type: 'person', name: 'Joseph Stalin', aliases: { en: ['Stalin'], ru: ['Сталин'] }, born: '1878-12-18', died: '1953-03-05' }),
];

let store: KbStore;

beforeEach(async () => {
  store = await KbStore.open();
});

afterEach(async () => {
  store.close();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(KB_DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
});

describe('KbStore import', () => {
  it('reports no KB before the first import, then its hash and counts', async () => {
    expect(await store.status()).toBeNull();
    const compiled = await kb(V1);
    const result = await store.import(compiled);
    expect(result.imported).toBe(true);
    expect(await store.status()).toMatchObject({ hash: compiled.hash, entries: 6, events: compiled.events.length });
  });

  it('does not import the same hash twice, and a second import leaves no duplicates', async () => {
    const compiled = await kb(V1);
    await store.import(compiled);
    const again = await store.import(compiled);
    expect(again.imported).toBe(false);
    const v2 = await kb([...V1, entry('potsdam-conference', { type: 'conference', name: 'Potsdam Conference', start: '1945-07-17', end: '1945-08-02' })]);
    await store.import(v2);
    await store.import(compiled); // back to v1 through the other slot
    expect(await store.findByAlias('Stalin')).toHaveLength(1);
    expect((await store.onThisDay(8, 9)).map((h) => h.entry.id)).toEqual(['atomic-bombing-of-nagasaki', 'soviet-japanese-war']);
    expect(await store.getEntry('potsdam-conference')).toBeNull();
    expect((await store.status())?.entries).toBe(6);
  });

  it('keeps the previous KB in use when an import fails halfway', async () => {
    const v1 = await kb(V1);
    await store.import(v1);
    const big = await kb([...V1, ...Array.from({ length: 5000 }, (_, i) => entry(`filler-${i}`, { date: '1950-01-01' }))]);
    await expect(
      store.import(big, {
        onProgress: (written) => {
          if (written >= 2000) throw new Error('service worker killed');
        },
      }),
    ).rejects.toThrow('service worker killed');
    expect((await store.status())?.hash).toBe(v1.hash);
    expect((await store.getEntry('yalta-conference'))?.name).toBe('Yalta Conference');
    expect(await store.getEntry('filler-10')).toBeNull();
    // A fresh connection (a restarted service worker) sees the same thing.
    store.close();
    store = await KbStore.open();
    expect((await store.status())?.hash).toBe(v1.hash);
    expect(await store.findByAlias('August Storm')).toHaveLength(1);
    // And the next attempt completes.
    expect((await store.import(big)).imported).toBe(true);
    expect(await store.getEntry('filler-10')).not.toBeNull();
  });
});

describe('KbStore schema upgrade', () => {
  it('drops a KB cached under an older schema, so the next start imports it afresh', async () => {
    store.close();
    await new Promise<void>((resolve) => {
      const del = indexedDB.deleteDatabase(KB_DB_NAME);
      del.onsuccess = () => resolve();
    });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(KB_DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('meta');
        req.result.createObjectStore('aliases-a', { keyPath: 'alias' });
      };
      req.onsuccess = () => {
        const tx = req.result.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ slot: 'a', hash: 'old', entries: 1 }, 'active');
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
      };
      req.onerror = () => reject(req.error);
    });
    store = await KbStore.open();
    expect(await store.status()).toBeNull();
    const compiled = await kb(V1);
    expect((await store.import(compiled)).imported).toBe(true);
    expect((await store.findByAlias('Stalin')).map((e) => e.id)).toEqual(['joseph-stalin']);
  });
});

describe('KbStore queries', () => {
  beforeEach(async () => {
    await store.import(await kb(V1));
  });

  it('finds an entry by id', async () => {
    expect((await store.getEntry('kwantung-army'))?.type).toBe('military-unit');
    expect(await store.getEntry('nope')).toBeNull();
  });

  it('finds entries by any alias, in any language, ignoring case, dashes and diacritics', async () => {
    for (const name of ['Soviet-Japanese War', 'soviet–japanese war', 'SOVIET JAPANESE WAR', 'Радянсько-японська війна', 'August Storm']) {
      expect((await store.findByAlias(name)).map((e) => e.id)).toEqual(['soviet-japanese-war']);
    }
    expect((await store.findByAlias('Сталин')).map((e) => e.id)).toEqual(['joseph-stalin']);
    expect(await store.findByAlias('Nobody')).toEqual([]);
  });

  it('lists what happened on a day of the year', async () => {
    const hits = await store.onThisDay(8, 9);
    expect(hits.map((h) => [h.entry.id, h.event.field])).toEqual([
      ['atomic-bombing-of-nagasaki', 'date'],
      ['soviet-japanese-war', 'start'],
    ]);
    expect(await store.onThisDay(12, 18)).toMatchObject([{ entry: { id: 'joseph-stalin' }, event: { field: 'born', year: 1878 } }]);
  });

  it('lists dated facts in a range of years, in date order', async () => {
    const hits = await store.inYears(1943, 1945);
    expect(hits.map((h) => h.event.key)).toEqual([
      'battle-of-kursk:start',
      'battle-of-kursk:end',
      'yalta-conference:start',
      'yalta-conference:end',
      'kwantung-army:end',
      'atomic-bombing-of-nagasaki:date',
      'soviet-japanese-war:start',
      'soviet-japanese-war:end',
    ]);
    expect(await store.inYears(1990, 1980)).toEqual([]);
  });

  it('returns related entries, skipping ids the KB does not have', async () => {
    expect((await store.related('soviet-japanese-war')).map((e) => e.id)).toEqual(['yalta-conference', 'kwantung-army']);
    expect(await store.related('nope')).toEqual([]);
  });
});
