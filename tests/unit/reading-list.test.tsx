// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadingListApp, type ReadingListDeps } from '../../components/ReadingListApp';
import { parseTags, SaveForm } from '../../components/SaveForm';
import { toWebAnnotations } from '../../core/annotations/exchange';
import { applyFilters, filterChoices, groupByPage, NO_FILTERS } from '../../core/annotations/library';
import type { Highlight } from '../../core/annotations/types';
import { crc32, zipFiles } from '../../core/annotations/zip';
import { USER_DB_NAME, UserStore } from '../../db/user-store';

const A = 'https://news.example.com/soviet-japanese-war';
const B = 'https://history.example.org/khalkhin-gol';

function h(id: string, url: string, createdAt: number, extra: Partial<Highlight> = {}): Highlight {
  const exact = extra.quote?.exact ?? `Quote ${id}`;
  return {
    id,
    url,
    title: url === A ? 'How the war in the East ended' : 'Khalkhin Gol, 1939',
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    note: '',
    tags: [],
    entities: [],
    dates: [],
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

const SAMPLE = [
  h('1', A, 100, { quote: { type: 'TextQuoteSelector', exact: 'Stalin promised Churchill and Roosevelt', prefix: '', suffix: '' }, note: 'Tehran promise', entities: [{ id: 'winston-churchill', name: 'Winston Churchill' }], dates: [{ edtf: '1943-11', text: 'late 1943' }], tags: ['diplomacy'] }),
  h('2', B, 200, { quote: { type: 'TextQuoteSelector', exact: 'Zhukov took command at Khalkhin Gol', prefix: '', suffix: '' }, entities: [{ id: 'georgy-zhukov', name: 'Georgy Zhukov' }], dates: [{ edtf: '1939-06', text: 'June 1939' }] }),
  h('3', A, 300, { quote: { type: 'TextQuoteSelector', exact: 'The Kwantung Army collapsed', prefix: '', suffix: '' }, note: 'Manchuria in ten days', tags: ['diplomacy', 'war'], dates: [{ edtf: '1945-08-09', text: 'August 9' }] }),
];

describe('reading list logic', () => {
  it('groups by page, newest page and newest highlight first', () => {
    const groups = groupByPage(SAMPLE);
    expect(groups.map((g) => [g.url, g.highlights.map((x) => x.id)])).toEqual([
      [A, ['3', '1']],
      [B, ['2']],
    ]);
  });

  it('offers the names, years and tags that occur, and filters by them', () => {
    const c = filterChoices(SAMPLE);
    expect(c.years.map((y) => y.year)).toEqual(['1939', '1943', '1945']);
    expect(c.tags).toEqual([{ tag: 'diplomacy', count: 2 }, { tag: 'war', count: 1 }]);
    expect(applyFilters(SAMPLE, { ...NO_FILTERS, year: '1945' }).map((x) => x.id)).toEqual(['3']);
    expect(applyFilters(SAMPLE, { ...NO_FILTERS, entity: 'georgy-zhukov' }).map((x) => x.id)).toEqual(['2']);
    expect(applyFilters(SAMPLE, { ...NO_FILTERS, tag: 'diplomacy' }).map((x) => x.id)).toEqual(['1', '3']);
  });

  it('searches quotes, notes, tags and entity names, with filters on top', () => {
    const ids = (query: string, extra = {}) => applyFilters(SAMPLE, { ...NO_FILTERS, query, ...extra }).map((x) => x.id);
    expect(ids('Winston')).toEqual(['1']); // only the entity name says Winston
    expect(ids('manchuria')).toEqual(['3']); // the note
    expect(ids('zhukov')).toEqual(['2']);
    expect(ids('diplomacy', { year: '1943' })).toEqual(['1']);
    expect(ids('Hokkaido')).toEqual([]);
  });
});

describe('zip', () => {
  it('computes the same CRC-32 as zlib and writes a readable archive', () => {
    const bytes = new TextEncoder().encode('Халхин-Гол 1939 — 🇲🇳');
    expect(crc32(bytes)).toBe(zlibCrc32(Buffer.from(bytes)));
    const zip = zipFiles([
      { name: 'Khalkhin Gol.md', content: '# Khalkhin Gol\n' },
      { name: 'Квантунська армія.md', content: '> quote\n' },
    ]);
    const view = new DataView(zip.buffer);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    // The end record points at a central directory listing both files.
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    expect(view.getUint16(end + 10, true)).toBe(2);
    const text = new TextDecoder().decode(zip);
    expect(text).toContain('Квантунська армія.md');
    expect(text).toContain('# Khalkhin Gol\n');
  });
});

describe('save form', () => {
  afterEach(() => cleanup());

  it('reads tags the way readers type them', () => {
    expect(parseTags(' #war, diplomacy ,, War,  Far East ')).toEqual(['war', 'diplomacy', 'Far East']);
  });

  it('keeps the note when saving fails, and saves it on the next try', async () => {
    const onSave = vi.fn().mockRejectedValueOnce(new Error('The disk is full.')).mockResolvedValueOnce(undefined);
    render(<SaveForm model={{ kind: 'save', quote: 'The Kwantung Army collapsed', found: ['Kwantung Army'] }} onSave={onSave} onClose={() => undefined} />);
    const note = screen.getByLabelText('Note (optional)') as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'ten days' } });
    fireEvent.input(screen.getByLabelText('Tags, separated by commas'), { target: { value: 'war, 1945' } });
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain('The disk is full.');
    expect((screen.getByLabelText('Note (optional)') as HTMLTextAreaElement).value).toBe('ten days');
    fireEvent.click(screen.getByText('Save'));
    expect((await screen.findByRole('status')).textContent).toBe('Saved to your reading list.');
    expect(onSave).toHaveBeenNthCalledWith(2, 'ten days', ['war', '1945']);
  });

  it('tells a reader in a private window that a saved highlight outlives the window, and says nothing otherwise', () => {
    render(<SaveForm model={{ kind: 'save', quote: 'Yalta', found: [], privateWindow: true }} onSave={async () => undefined} onClose={() => undefined} />);
    expect(screen.getByRole('note').textContent).toContain('stays there after this window closes');
    cleanup();
    render(<SaveForm model={{ kind: 'save', quote: 'Yalta', found: [] }} onSave={async () => undefined} onClose={() => undefined} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('reading list page', () => {
  let store: UserStore;
  let downloads: { name: string; data: Blob }[];
  const deps = (): ReadingListDeps => ({
    store,
    openHighlight: vi.fn(async () => undefined),
    openPage: vi.fn(),
    download: (name, data) => downloads.push({ name, data }),
    now: () => new Date('2026-11-26T12:00:00Z'),
    onMaybeChanged: () => () => undefined,
  });

  beforeEach(async () => {
    store = await UserStore.open();
    downloads = [];
    for (const x of SAMPLE) await store.saveHighlight(x);
    await store.setAnchorStates(B, [{ id: '2', state: 'orphan' }]);
  });
  afterEach(async () => {
    cleanup();
    store.close();
    await new Promise((r) => (indexedDB.deleteDatabase(USER_DB_NAME).onsuccess = r));
  });

  it('lists highlights by page and puts orphans in their own section', async () => {
    render(<ReadingListApp deps={deps()} />);
    await screen.findAllByTestId('page-group');
    expect(screen.getAllByTestId('page-group')).toHaveLength(1);
    expect(screen.getByTestId('orphans').textContent).toContain('Zhukov took command at Khalkhin Gol');
    expect(screen.getByTestId('orphans').textContent).toContain('never painted on other text');
  });

  it('deletes with undo', async () => {
    render(<ReadingListApp deps={deps()} />);
    await screen.findAllByTestId('highlight');
    fireEvent.click(screen.getByLabelText('Delete highlight “The Kwantung Army collapsed”'));
    await waitFor(() => expect(screen.getAllByTestId('highlight')).toHaveLength(2));
    expect((await store.counts()).highlights).toBe(2);
    fireEvent.click(screen.getByText('Undo'));
    await waitFor(() => expect(screen.getAllByTestId('highlight')).toHaveLength(3));
    expect(await store.getHighlight('3')).toEqual(SAMPLE[2]);
  });

  it('edits a note', async () => {
    render(<ReadingListApp deps={deps()} />);
    await screen.findAllByTestId('highlight');
    fireEvent.click(screen.getAllByText('Edit note')[0]);
    fireEvent.input(screen.getByTestId('edit-note'), { target: { value: 'Ten days in August' } });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(async () => expect((await store.getHighlight('3'))?.note).toBe('Ten days in August'));
    expect(await screen.findByText('Ten days in August')).toBeTruthy();
  });

  it('refuses a malformed import with reasons, changing nothing; imports a good file once', async () => {
    render(<ReadingListApp deps={deps()} />);
    await screen.findAllByTestId('highlight');
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    const choose = (name: string, text: string) => {
      Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'application/json' })], configurable: true });
      fireEvent.change(input);
    };
    choose('broken.json', '{"type": "AnnotationCollection", "first": {"items": [{"target": {"source": "javascript:alert(1)", "selector": []}}]}}');
    expect((await screen.findByTestId('import-notice')).textContent).toMatch(/Nothing was imported from “broken.json”.*not a web address/s);
    expect((await store.counts()).highlights).toBe(3);

    const fresh = h('9', A, 900, { quote: { type: 'TextQuoteSelector', exact: 'Port Arthur', prefix: '', suffix: '' }, note: '<img src=x onerror=alert(1)>' });
    const file = JSON.stringify(toWebAnnotations([...SAMPLE, fresh], [], new Date()));
    choose('mine.jsonld', file);
    await waitFor(() => expect(screen.getByTestId('import-notice').textContent).toContain('1 new, 0 updated, 3 already here'));
    // Markup in a note is shown as text, never run.
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    choose('mine.jsonld', file);
    await waitFor(() => expect(screen.getByTestId('import-notice').textContent).toContain('0 new, 0 updated, 4 already here'));
    expect((await store.counts()).highlights).toBe(4);
  });

  it('exports JSON-LD and a zip of Markdown files', async () => {
    render(<ReadingListApp deps={deps()} />);
    await screen.findAllByTestId('highlight');
    fireEvent.click(screen.getByTestId('export-json'));
    fireEvent.click(screen.getByTestId('export-markdown'));
    expect(downloads.map((d) => d.name)).toEqual(['backstory-highlights-2026-11-26.jsonld', 'backstory-markdown-2026-11-26.zip']);
    const json = JSON.parse(await downloads[0].data.text());
    expect(json.total).toBe(3);
  });
});
