/**
 * Keeps the IndexedDB copy of the shipped knowledge base current: on install, update and every
 * start it compares the shipped hash with the active one and imports only when they differ.
 */
import { assembleKb, type KbManifest, type KbPart } from '../core/kb/types';
import type { KbStore } from '../db/kb-store';
import type { KbStatus } from '../messaging';

export interface KbServiceDeps {
  store: () => Promise<KbStore>;
  /** Reads a file shipped inside the extension (`kb/manifest.json`, `kb/kb.<hash>.json`). */
  fetchJson: <T>(path: string) => Promise<T>;
  log?: (message: string) => void;
}

export class KbService {
  private state: KbStatus = { state: 'none' };
  private running: Promise<KbStatus> | null = null;

  constructor(private readonly deps: KbServiceDeps) {}

  /** Current status, checking the database if this worker has not looked yet. */
  async status(): Promise<KbStatus> {
    if (this.state.state === 'none') {
      const active = await (await this.deps.store()).status();
      if (active) this.state = { state: 'ready', hash: active.hash, entries: active.entries };
    }
    return this.state;
  }

  /**
   * Resolves once this worker has a usable KB. While a new KB is being imported, the previous one
   * answers (an update must not hold the reader's cards back, and a worker stopped mid-import must
   * not leave them without answers); only a first install waits for its import.
   */
  async whenReady(): Promise<KbStatus> {
    if (this.state.state === 'ready') return this.state;
    const previous = await (await this.deps.store()).status();
    if (previous) {
      void this.ensure();
      return { state: 'ready', hash: previous.hash, entries: previous.entries };
    }
    return this.ensure();
  }

  /** Imports the shipped KB when its hash differs from the active one. Concurrent calls share one run. */
  ensure(): Promise<KbStatus> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<KbStatus> {
    try {
      const store = await this.deps.store();
      const manifest = await this.deps.fetchJson<KbManifest>('kb/manifest.json');
      const active = await store.status();
      if (active?.hash === manifest.hash) {
        this.state = { state: 'ready', hash: active.hash, entries: active.entries };
        return this.state;
      }
      this.state = { state: 'importing', hash: manifest.hash };
      const parts = await Promise.all(manifest.files.map((f) => this.deps.fetchJson<KbPart>(`kb/${f}`)));
      const kb = assembleKb(manifest.hash, parts);
      if (kb.entries.length !== manifest.entries) throw new Error(`the shipped KB has ${kb.entries.length} entries, its manifest says ${manifest.entries}`);
      const result = await store.import(kb);
      this.deps.log?.(`Backstory KB ${result.active.hash.slice(0, 12)}: ${result.active.entries} entries in ${result.active.importMs} ms`);
      this.state = { state: 'ready', hash: result.active.hash, entries: result.active.entries };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // The previous KB, if any, is still active and answers queries.
      const previous = await (await this.deps.store()).status().catch(() => null);
      this.state = previous
        ? { state: 'ready', hash: previous.hash, entries: previous.entries }
        : { state: 'error', message: `The knowledge base could not be installed: ${message}` };
      this.deps.log?.(`Backstory KB import failed: ${message}`);
    }
    return this.state;
  }
}
