// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupDeps } from '../../components/PopupApp';
import type { Status, TabReport } from '../../messaging';
import { loadSettings, updateSettings } from '../../settings';
import type { PageIndexReply } from '../../core/cards/page-index';

const STATUS: Status = { version: '0.1.0', kb: { state: 'ready', hash: 'abc', entries: 21557 } };
const REPORT: TabReport = {
  tabId: 7,
  url: 'https://www.kyivindependent.com/history',
  site: 'kyivindependent.com',
  at: 1,
  active: true,
  segments: 83,
  characters: 20_000,
  entities: 266,
  dates: 53,
  marks: 319,
  highlightApi: true,
};

const INDEX: PageIndexReply = {
  read: true,
  mode: 'on',
  groups: [
    { group: 'people', label: 'People', count: 4, entries: [{ key: 'joseph-stalin', label: 'Joseph Stalin', count: 3, first: 5 }, { key: 'vyacheslav-molotov', label: 'Vyacheslav Molotov', count: 1, first: 9 }] },
    { group: 'dates', label: 'Dates', count: 1, entries: [{ key: '1945-08-09', label: '9 August 1945', count: 1, first: 12 }] },
  ],
};

function deps(report: TabReport | null = REPORT, status: Status = STATUS): PopupDeps & { opened: ReturnType<typeof vi.fn>; shown: ReturnType<typeof vi.fn> } {
  const opened = vi.fn();
  const shown = vi.fn();
  return {
    targetTab: async () => ({ id: 7, url: report?.url }),
    send: (async (type: string) => (type === 'getStatus' ? status : report)) as PopupDeps['send'],
    loadSettings: () => loadSettings(fakeBrowser.storage.sync),
    updateSettings: (fn) => updateSettings(fakeBrowser.storage.sync, fn),
    onSettingsChanged: () => () => undefined,
    pageIndex: async () => INDEX,
    readPage: async () => INDEX,
    showMention: shown,
    openOptions: () => undefined,
    openReadingList: opened,
    opened,
    shown,
    recentNotes: async () => [],
    savePage: async () => undefined,
    isPageSaved: async () => false,
    openHighlight: () => undefined,
  };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('popup', () => {
  it('names the site and says what Backstory found on the page', async () => {
    render(<PopupApp deps={deps()} />);
    expect(await screen.findByText('kyivindependent.com')).toBeTruthy();
    expect(screen.getByTestId('page-status').textContent).toBe('Found 266 names and 53 dates in 83 text passages.');
    expect(screen.getByTestId('kb-status').textContent).toBe('Knowledge base: 21,557 entries');
  });

  it('switches the site off or to "only when I ask", storing the rule under the site', async () => {
    render(<PopupApp deps={deps()} />);
    const on = (await screen.findByTestId('site-on')) as HTMLInputElement;
    expect(on.checked).toBe(true);
    fireEvent.click(screen.getByTestId('site-off'));
    await waitFor(async () => expect((await loadSettings(fakeBrowser.storage.sync)).sites).toEqual({ 'kyivindependent.com': 'off' }));
    await waitFor(() => expect(screen.getByTestId('page-status').textContent).toBe('Off on this site.'));
    fireEvent.click(screen.getByTestId('site-ask'));
    await waitFor(async () => expect((await loadSettings(fakeBrowser.storage.sync)).sites).toEqual({ 'kyivindependent.com': 'ask' }));
  });

  it('lists the page index by kind and jumps to a first mention', async () => {
    const d = deps();
    render(<PopupApp deps={d} />);
    const people = await screen.findByTestId('index-people');
    expect(people.textContent).toContain('People (2)');
    expect(people.textContent).toContain('Joseph Stalin ×3');
    fireEvent.click(screen.getByText('Vyacheslav Molotov'));
    expect(d.shown).toHaveBeenCalledWith(7, 9);
  });

  it('changes how marks look', async () => {
    render(<PopupApp deps={deps()} />);
    fireEvent.change(await screen.findByTestId('mark-style'), { target: { value: 'background' } });
    fireEvent.click(screen.getByTestId('kind-dates'));
    fireEvent.change(screen.getByTestId('theme'), { target: { value: 'dark' } });
    await waitFor(async () => expect(await loadSettings(fakeBrowser.storage.sync)).toMatchObject({ markStyle: 'background', hiddenGroups: ['dates'], theme: 'dark' }));
  });

  it('pauses everywhere', async () => {
    render(<PopupApp deps={deps()} />);
    fireEvent.click(await screen.findByTestId('pause-switch'));
    await waitFor(async () => expect((await loadSettings(fakeBrowser.storage.sync)).paused).toBe(true));
  });

  it('says when the browser cannot paint marks', async () => {
    render(<PopupApp deps={deps({ ...REPORT, highlightApi: false, marks: 0 })} />);
    expect((await screen.findByTestId('page-status')).textContent).toContain('cannot underline them');
  });

  it('explains pages Backstory does not run on, and opens the reading list', async () => {
    const d = deps(null);
    d.targetTab = async () => ({ id: 3, url: 'chrome://extensions' });
    render(<PopupApp deps={d} />);
    expect(await screen.findByText(/does not run on this page/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('open-reading-list'));
    expect(d.opened).toHaveBeenCalledOnce();
  });
});
