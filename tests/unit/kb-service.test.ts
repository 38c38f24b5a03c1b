import { describe, expect, it } from 'vitest';
import { KbService } from '../../background/kb-service';
import type { KbStore } from '../../db/kb-store';

/** A store whose import finishes only when the test says so. */
function fakeStore(previous: { hash: string; entries: number } | null) {
  let finish!: () => void;
  const importing = new Promise<void>((r) => (finish = r));
  let active = previous;
  const store = {
    status: async () => active,
    import: async (kb: { hash: string; entries: unknown[] }) => {
      await importing;
      active = { hash: kb.hash, entries: kb.entries.length };
      return { imported: true, active: { ...active, importMs: 1 } };
    },
  } as unknown as KbStore;
  return { store, finish };
}

const shipped = (hash: string) => ({
  fetchJson: async <T,>(path: string): Promise<T> =>
    (path === 'kb/manifest.json'
      ? { format: 1, hash, entries: 1, files: ['part.json'] }
      : { format: 1, hash, entries: [{ id: 'x' }], aliases: {}, events: [] }) as T,
});

describe('KB service', () => {
  it('answers from the previous KB while an update is being imported, and switches when it is done', async () => {
    const { store, finish } = fakeStore({ hash: 'old', entries: 5 });
    const service = new KbService({ store: async () => store, ...shipped('new') });
    void service.ensure();
    await new Promise((r) => setTimeout(r, 0));
    expect((await service.status()).state).toBe('importing');
    // A card asking now is answered at once, from the old KB.
    expect(await service.whenReady()).toEqual({ state: 'ready', hash: 'old', entries: 5 });
    finish();
    await service.ensure();
    expect(await service.whenReady()).toEqual({ state: 'ready', hash: 'new', entries: 1 });
  });

  it('on a first install, waits for the import', async () => {
    const { store, finish } = fakeStore(null);
    const service = new KbService({ store: async () => store, ...shipped('first') });
    let answered = false;
    const ready = service.whenReady().then((s) => ((answered = true), s));
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    finish();
    expect(await ready).toEqual({ state: 'ready', hash: 'first', entries: 1 });
  });
});
