/**
 * What the reader keeps, in IndexedDB `backstory-user`: highlights and saved pages. Separate from
 * the knowledge base (`backstory-kb`), which imports never touch this database.
 *
 * Every write is one transaction. Saving is idempotent on the highlight's id (made where the
 * reader saved it), so a save retried after a stopped service worker never stores a duplicate.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AnchorState, Highlight, SavedPage } from '../core/annotations/types';

export const USER_DB_NAME = 'backstory-user';
export const USER_DB_VERSION = 1;

interface UserSchema extends DBSchema {
  highlights: { key: string; value: Highlight; indexes: { url: string; updatedAt: number } };
  pages: { key: string; value: SavedPage; indexes: { savedAt: number } };
}

type Db = IDBPDatabase<UserSchema>;
type UpgradeTx = IDBPTransaction<UserSchema, StoreNames<UserSchema>[], 'versionchange'>;

/**
 * MIGRATIONS[n] turns a version-n database into version n + 1 (0 is "no database yet"). Steps
 * only ever add: a reader's notes are never dropped by an upgrade.
 */
const MIGRATIONS: ((db: Db, tx: UpgradeTx) => void)[] = [
  (db) => {
    const highlights = db.createObjectStore('highlights', { keyPath: 'id' });
    highlights.createIndex('url', 'url');
    highlights.createIndex('updatedAt', 'updatedAt');
    const pages = db.createObjectStore('pages', { keyPath: 'url' });
    pages.createIndex('savedAt', 'savedAt');
  },
];

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

export class UserStore {
  private constructor(private readonly db: Db) {}

  static async open(name = USER_DB_NAME): Promise<UserStore> {
    const db = await openDB<UserSchema>(name, USER_DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < USER_DB_VERSION; v++) MIGRATIONS[v](db, tx);
      },
      blocking() {
        // A newer Backstory wants to upgrade: let it.
        db.close();
      },
    });
    return new UserStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Stores a highlight. A highlight already stored under the same id keeps its creation time and
   * is replaced only by a version at least as new, so retries and replays change nothing.
   */
  async saveHighlight(h: Highlight): Promise<Highlight> {
    const tx = this.db.transaction('highlights', 'readwrite');
    const existing = await tx.store.get(h.id);
    let stored = h;
    if (existing) {
      stored = h.updatedAt >= existing.updatedAt ? { ...h, createdAt: existing.createdAt } : existing;
    }
    if (stored !== existing) await tx.store.put(stored);
    await tx.done;
    return stored;
  }

  async getHighlight(id: string): Promise<Highlight | null> {
    return (await this.db.get('highlights', id)) ?? null;
  }

  /** Changes a highlight's note and tags; throws when it is gone (deleted in another window). */
  async updateHighlight(id: string, patch: { note?: string; tags?: string[] }, now = Date.now()): Promise<Highlight> {
    const tx = this.db.transaction('highlights', 'readwrite');
    const existing = await tx.store.get(id);
    if (!existing) throw new Error('This highlight no longer exists; it may have been deleted in another window.');
    const next: Highlight = {
      ...existing,
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
      updatedAt: Math.max(now, existing.updatedAt + 1),
    };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Deletes a highlight and returns it, so the reader can undo. */
  async deleteHighlight(id: string): Promise<Highlight | null> {
    const tx = this.db.transaction('highlights', 'readwrite');
    const existing = (await tx.store.get(id)) ?? null;
    if (existing) await tx.store.delete(id);
    await tx.done;
    return existing;
  }

  /** Puts back a deleted highlight exactly as it was. */
  async restoreHighlight(h: Highlight): Promise<void> {
    await this.db.put('highlights', h);
  }

  async highlightsForUrl(url: string): Promise<Highlight[]> {
    const all = await this.db.getAllFromIndex('highlights', 'url', url);
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Every highlight, newest first. */
  async allHighlights(): Promise<Highlight[]> {
    const all = await this.db.getAll('highlights');
    return all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** The most recently written highlights that carry a note. */
  async recentNotes(limit: number): Promise<Highlight[]> {
    const out: Highlight[] = [];
    let cursor = await this.db.transaction('highlights').store.index('updatedAt').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      if (cursor.value.note.trim()) out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /**
   * Records where highlights of one page were found on the reader's last visit. Writes only
   * those whose state changed, and only highlights filed under `url`.
   */
  async setAnchorStates(url: string, results: { id: string; state: AnchorState['state']; method?: AnchorState['method'] }[], now = Date.now()): Promise<number> {
    const tx = this.db.transaction('highlights', 'readwrite');
    let changed = 0;
    for (const r of results) {
      const h = await tx.store.get(r.id);
      if (!h || h.url !== url) continue;
      if (h.anchor?.state === r.state && h.anchor.method === r.method) continue;
      await tx.store.put({ ...h, anchor: { state: r.state, ...(r.method ? { method: r.method } : {}), at: now } });
      changed++;
    }
    await tx.done;
    return changed;
  }

  /** Saves a page to read later; saving it again keeps its first save time and read state. */
  async savePage(url: string, title: string, now = Date.now()): Promise<SavedPage> {
    const tx = this.db.transaction('pages', 'readwrite');
    const existing = await tx.store.get(url);
    const page: SavedPage = existing ? { ...existing, title: title || existing.title } : { url, title, savedAt: now, updatedAt: now, read: false };
    await tx.store.put(page);
    await tx.done;
    return page;
  }

  async getPage(url: string): Promise<SavedPage | null> {
    return (await this.db.get('pages', url)) ?? null;
  }

  async setPageRead(url: string, read: boolean, now = Date.now()): Promise<SavedPage | null> {
    const tx = this.db.transaction('pages', 'readwrite');
    const existing = await tx.store.get(url);
    if (!existing) return null;
    const page: SavedPage = { ...existing, read, updatedAt: now };
    if (read) page.readAt = now;
    else delete page.readAt;
    await tx.store.put(page);
    await tx.done;
    return page;
  }

  async deletePage(url: string): Promise<SavedPage | null> {
    const tx = this.db.transaction('pages', 'readwrite');
    const existing = (await tx.store.get(url)) ?? null;
    if (existing) await tx.store.delete(url);
    await tx.done;
    return existing;
  }

  async restorePage(page: SavedPage): Promise<void> {
    await this.db.put('pages', page);
  }

  /** Saved pages, newest first. */
  async allPages(): Promise<SavedPage[]> {
    return (await this.db.getAll('pages')).sort((a, b) => b.savedAt - a.savedAt);
  }

  /**
   * Imports validated records in one transaction: all or nothing. A record already here and
   * equal is left alone; a newer one replaces it; an older one never overwrites the reader's
   * later edit. Importing the same file twice therefore adds nothing.
   */
  async importAll(highlights: Highlight[], pages: SavedPage[]): Promise<ImportResult> {
    const result: ImportResult = { added: 0, updated: 0, unchanged: 0 };
    const tx = this.db.transaction(['highlights', 'pages'], 'readwrite');
    const hs = tx.objectStore('highlights');
    const ps = tx.objectStore('pages');
    try {
      for (const h of highlights) {
        const existing = await hs.get(h.id);
        if (!existing) {
          await hs.put(h);
          result.added++;
        } else if (h.updatedAt > existing.updatedAt) {
          await hs.put(h);
          result.updated++;
        } else result.unchanged++;
      }
      for (const p of pages) {
        const existing = await ps.get(p.url);
        if (!existing) {
          await ps.put(p);
          result.added++;
        } else if (p.updatedAt > existing.updatedAt) {
          await ps.put(p);
          result.updated++;
        } else result.unchanged++;
      }
    } catch (err) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw err;
    }
    await tx.done;
    return result;
  }

  /** How much is stored (for the reading list and the tests). */
  async counts(): Promise<{ highlights: number; pages: number }> {
    return { highlights: await this.db.count('highlights'), pages: await this.db.count('pages') };
  }
}
