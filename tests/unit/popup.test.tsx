// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupDeps } from '../../components/PopupApp';
import type { Status, TabReport } from '../../messaging';
import { loadSettings } from '../../settings';

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

function deps(report: TabReport | null = REPORT, status: Status = STATUS): PopupDeps & { opened: ReturnType<typeof vi.fn> } {
  const opened = vi.fn();
  return {
    targetTab: async () => ({ id: 7, url: report?.url }),
    send: (async (type: string) => (type === 'getStatus' ? status : report)) as PopupDeps['send'],
    storage: fakeBrowser.storage.local,
    onSettingsChanged: () => () => undefined,
    openReadingList: opened,
    opened,
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

  it('switches the site off and stores the rule under the site, then asks for a reload', async () => {
    render(<PopupApp deps={deps()} />);
    const site = (await screen.findByTestId('site-switch')) as HTMLInputElement;
    expect(site.checked).toBe(true);
    fireEvent.click(site);
    await waitFor(async () => expect((await loadSettings(fakeBrowser.storage.local)).sites).toEqual({ 'kyivindependent.com': 'off' }));
    await waitFor(() => expect(screen.getByTestId('page-status').textContent).toBe('Reload the page to remove Backstory from it.'));
  });

  it('pauses everywhere', async () => {
    render(<PopupApp deps={deps()} />);
    fireEvent.click(await screen.findByTestId('pause-switch'));
    await waitFor(async () => expect((await loadSettings(fakeBrowser.storage.local)).paused).toBe(true));
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
