/**
 * The knowledge base in IndexedDB (`backstory-kb`), background only.
 *
 * Two slots of stores, `a` and `b`. A new KB is written into the slot not in use, in one
 * transaction, and only then does `meta.active` switch to it: a crash, a thrown error or a killed
 * service worker mid-import leaves the previous KB in place and in use. User data lives in
 * another database and is never touched here.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { normaliseAlias } from '../core/kb/normalise';
import type { CompiledKb, DatedEvent, KbEntry } from '../core/kb/types';

export const KB_DB_NAME = 'backstory-kb';
/** 2: aliases stored in hash buckets (one record per bucket, not per alias), which halves import time. */
export const KB_DB_VERSION = 2;
export const ALIAS_BUCKETS = 1024;

/** FNV-1a of the normalised alias, folded into a bucket number. */
export function aliasBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % ALIAS_BUCKETS;
}

export type Slot = 'a' | 'b';

export interface ActiveKb {
  slot: Slot;
  hash: string;
  entries: number;
  aliases: number;
  events: number;
  importedAt: number;
  importMs: number;
}

interface AliasBucket {
  bucket: number;
  /** Normalised alias → entry ids, most prominent first. */
  names: Record<string, string[]>;
}

interface SlotStores {
  entries: { key: string; value: KbEntry };
  aliases: { key: number; value: AliasBucket };
  events: { key: string; value: DatedEvent; indexes: { monthDay: string; year: number } };
}

interface KbSchema extends DBSchema {
  meta: { key: string; value: ActiveKb };
  'entries-a': SlotStores['entries'];
  'aliases-a': SlotStores['aliases'];
  'events-a': SlotStores['events'];
  'entries-b': SlotStores['entries'];
  'aliases-b': SlotStores['aliases'];
  'events-b': SlotStores['events'];
}

type Db = IDBPDatabase<KbSchema>;
const stores = (slot: Slot) => ({ entries: `entries-${slot}`, aliases: `aliases-${slot}`, events: `events-${slot}` }) as const;

export function openKbDb(): Promise<Db> {
  return openDB<KbSchema>(KB_DB_NAME, KB_DB_VERSION, {
    upgrade(db) {
      // The KB is a cache of what ships: on any schema change, drop it all and import again.
      for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
      db.createObjectStore('meta');
      for (const slot of ['a', 'b'] as const) {
        const s = stores(slot);
        db.createObjectStore(s.entries, { keyPath: 'id' });
        db.createObjectStore(s.aliases, { keyPath: 'bucket' });
        const events = db.createObjectStore(s.events, { keyPath: 'key' });
        events.createIndex('monthDay', 'monthDay');
        events.createIndex('year', 'year');
      }
    },
  });
}

export interface ImportOptions {
  /** Called after every chunk of writes; tests throw from it to simulate a crash. */
  onProgress?: (written: number, total: number) => void;
  now?: () => number;
}

export type ImportResult = { imported: false; active: ActiveKb } | { imported: true; active: ActiveKb };

export interface DatedHit {
  event: DatedEvent;
  entry: KbEntry;
}

export class KbStore {
  private active: ActiveKb | null | undefined;

  constructor(private readonly db: Db) {}

  static async open(): Promise<KbStore> {
    return new KbStore(await openKbDb());
  }

  close(): void {
    this.db.close();
  }

  /** The KB in use, or null before the first import. */
  async status(): Promise<ActiveKb | null> {
    if (this.active === undefined) this.active = (await this.db.get('meta', 'active')) ?? null;
    return this.active;
  }

  /**
   * Imports a compiled KB unless the same hash is already active. Writes the inactive slot in a
   * single transaction, then switches; the old slot is emptied afterwards.
   */
  async import(kb: CompiledKb, options: ImportOptions = {}): Promise<ImportResult> {
    const now = options.now ?? Date.now;
    const started = now();
    const current = (await this.db.get('meta', 'active')) ?? null;
    if (current && current.hash === kb.hash) {
      this.active = current;
      return { imported: false, active: current };
    }
    const slot: Slot = current?.slot === 'a' ? 'b' : 'a';
    const s = stores(slot);
    const buckets = new Map<number, AliasBucket>();
    for (const [alias, ids] of Object.entries(kb.aliases)) {
      const b = aliasBucket(alias);
      let bucket = buckets.get(b);
      if (!bucket) buckets.set(b, (bucket = { bucket: b, names: {} }));
      bucket.names[alias] = ids;
    }
    const aliasRecords = [...buckets.values()];
    const aliasCount = Object.keys(kb.aliases).length;
    const total = kb.entries.length + aliasRecords.length + kb.events.length;

    const tx = this.db.transaction([s.entries, s.aliases, s.events], 'readwrite');
    try {
      await Promise.all([tx.objectStore(s.entries).clear(), tx.objectStore(s.aliases).clear(), tx.objectStore(s.events).clear()]);
      let written = 0;
      const CHUNK = 2000;
      const put = async <T>(name: typeof s.entries | typeof s.aliases | typeof s.events, records: T[]) => {
        const store = tx.objectStore(name) as unknown as { put(v: T): Promise<unknown> };
        for (let i = 0; i < records.length; i += CHUNK) {
          const chunk = records.slice(i, i + CHUNK);
          // Queue the whole chunk before awaiting, so the transaction never idles.
          await Promise.all(chunk.map((r) => store.put(r)));
          written += chunk.length;
          options.onProgress?.(written, total);
        }
      };
      await put(s.entries, kb.entries);
      await put(s.aliases, aliasRecords);
      await put(s.events, kb.events);
      await tx.done;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      await tx.done.catch(() => undefined);
      throw err;
    }

    const active: ActiveKb = {
      slot,
      hash: kb.hash,
      entries: kb.entries.length,
      aliases: aliasCount,
      events: kb.events.length,
      importedAt: now(),
      importMs: now() - started,
    };
    await this.db.put('meta', active, 'active');
    this.active = active;
    if (current) {
      const old = stores(current.slot);
      const cleanup = this.db.transaction([old.entries, old.aliases, old.events], 'readwrite');
      await Promise.all([
        cleanup.objectStore(old.entries).clear(),
        cleanup.objectStore(old.aliases).clear(),
        cleanup.objectStore(old.events).clear(),
        cleanup.done,
      ]);
    }
    return { imported: true, active };
  }

  private async slot(): Promise<ReturnType<typeof stores> | null> {
    const active = await this.status();
    return active ? stores(active.slot) : null;
  }

  async getEntry(id: string): Promise<KbEntry | null> {
    const s = await this.slot();
    return s ? ((await this.db.get(s.entries, id)) ?? null) : null;
  }

  async getEntries(ids: string[]): Promise<KbEntry[]> {
    const s = await this.slot();
    if (!s || !ids.length) return [];
    const tx = this.db.transaction(s.entries);
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    return found.filter((e): e is KbEntry => !!e);
  }

  /** Entries known under a name, in any language and spelling, most prominent first. */
  async findByAlias(name: string): Promise<KbEntry[]> {
    const s = await this.slot();
    if (!s) return [];
    const key = normaliseAlias(name);
    const bucket = await this.db.get(s.aliases, aliasBucket(key));
    const ids = bucket && Object.prototype.hasOwnProperty.call(bucket.names, key) ? bucket.names[key] : undefined;
    return ids ? this.getEntries(ids) : [];
  }

  /** What happened on a day of the year, in any year ("on this day"). */
  async onThisDay(month: number, day: number): Promise<DatedHit[]> {
    const s = await this.slot();
    if (!s) return [];
    const key = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const events = await this.db.getAllFromIndex(s.events, 'monthDay', key);
    return this.withEntries(events.sort((a, b) => a.year - b.year || a.key.localeCompare(b.key)));
  }

  /** Dated facts in a range of years, inclusive, in date order. */
  async inYears(from: number, to: number, limit = 500): Promise<DatedHit[]> {
    const s = await this.slot();
    if (!s || from > to) return [];
    const events = await this.db.getAllFromIndex(s.events, 'year', IDBKeyRange.bound(from, to), limit);
    const order = (e: DatedEvent) => `${String(e.year).padStart(5, '0')}-${String(e.month ?? 0).padStart(2, '0')}-${e.monthDay ?? ''}`;
    return this.withEntries(events.sort((a, b) => order(a).localeCompare(order(b)) || a.key.localeCompare(b.key)));
  }

  /** The entries an entry points to: related first, then places. */
  async related(id: string): Promise<KbEntry[]> {
    const entry = await this.getEntry(id);
    if (!entry) return [];
    const ids = [...new Set([...(entry.related ?? []), ...(entry.places ?? [])])];
    return this.getEntries(ids);
  }

  private async withEntries(events: DatedEvent[]): Promise<DatedHit[]> {
    const entries = await this.getEntries([...new Set(events.map((e) => e.id))]);
    const byId = new Map(entries.map((e) => [e.id, e]));
    return events.flatMap((event) => {
      const entry = byId.get(event.id);
      return entry ? [{ event, entry }] : [];
    });
  }
}
