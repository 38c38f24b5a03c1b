import { render, type JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CARD_CSS, rootClass } from '../page/card-styles';
import { Card, type CardModel } from './Card';
import { siteKeyOf, type Settings, type SiteMode } from '../settings';
import { DisplaySettings, MODE_LABELS, ModePicker, PauseSwitch } from './SettingsControls';

export interface OptionsDeps {
  loadSettings(): Promise<Settings>;
  updateSettings(fn: (s: Settings) => Settings): Promise<Settings>;
  /** Whether settings live in storage.sync (they follow the reader) or only in this browser. */
  syncing(): Promise<boolean>;
  onSettingsChanged(callback: () => void): () => void;
  openReadingList(): void;
  /** A real card to preview the look with (from the knowledge base), or null while it is not installed. */
  sampleCard(): Promise<CardModel | null>;
}

/** The options page: where Backstory runs (the default and every site rule) and how it looks. */
export function OptionsApp({ deps }: { deps: OptionsDeps }): JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [syncing, setSyncing] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [host, setHost] = useState('');
  const [newMode, setNewMode] = useState<SiteMode>('off');
  const [addError, setAddError] = useState<string | null>(null);
  const [sample, setSample] = useState<CardModel | null>(null);
  useEffect(() => {
    deps.sampleCard().then(setSample, () => setSample(null));
  }, [deps]);

  const load = useCallback(async () => {
    try {
      setSettings(await deps.loadSettings());
    } catch (err) {
      setError(`Backstory could not read its settings: ${message(err)}`);
    }
  }, [deps]);

  useEffect(() => {
    void load();
    void deps.syncing().then(setSyncing, () => setSyncing(false));
    return deps.onSettingsChanged(() => void load());
  }, [deps, load]);

  const change = async (fn: (s: Settings) => Settings) => {
    try {
      setSettings(await deps.updateSettings(fn));
      setError(null);
    } catch (err) {
      setError(`Your change was not saved: ${message(err)}`);
    }
  };

  if (!settings) {
    return (
      <main class="options" aria-busy={!error}>
        <h1>Backstory options</h1>
        {error ? <p class="bs-error" role="alert">{error}</p> : <p class="bs-muted">Loading…</p>}
      </main>
    );
  }

  const rules = Object.entries(settings.sites).sort(([a], [b]) => a.localeCompare(b));
  const add = (e: Event) => {
    e.preventDefault();
    const key = siteKeyOf(host);
    if (!key) {
      setAddError(`“${host.trim()}” is not a web site. Type a host name such as news.example.com.`);
      return;
    }
    setAddError(null);
    setHost('');
    // A rule is kept even where it matches the default, so the reader sees what they added.
    void change((s) => ({ ...s, sites: { ...s.sites, [key]: newMode } }));
  };

  return (
    <main class="options">
      <h1>Backstory options</h1>
      <p class="bs-muted opt-note" data-testid="sync-status">
        {syncing === null
          ? ' '
          : syncing
            ? 'These settings follow you to your other browsers signed in to the same account (browser sync). Your highlights stay in this browser.'
            : 'These settings are kept in this browser only: sync is not available here.'}
      </p>
      {error && <p class="bs-error" role="alert">{error}</p>}

      <h2>Where Backstory runs</h2>
      <div class="opt-card">
        <PauseSwitch settings={settings} change={(fn) => void change(fn)} />
        <ModePicker name="default" legend="Sites without a rule of their own" value={settings.defaultMode} onChange={(m) => void change((s) => ({ ...s, defaultMode: m }))} />
      </div>

      <h2 id="rules-heading">Site rules</h2>
      <div class="opt-card">
        {rules.length === 0 ? (
          <p class="bs-muted" data-testid="no-rules">
            No site has a rule of its own. Switch a site from the toolbar popup (or press Alt+Shift+O on it), or add one here. A rule for
            example.com covers its subdomains too, unless they have their own.
          </p>
        ) : (
          <table class="opt-rules" aria-labelledby="rules-heading" data-testid="rules">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Backstory</th>
                <th scope="col">
                  <span class="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map(([site, mode]) => (
                <tr key={site} data-testid="rule">
                  <td>{site}</td>
                  <td>
                    <select
                      aria-label={`Backstory on ${site}`}
                      value={mode}
                      onChange={(e) => {
                        const m = e.currentTarget.value as SiteMode;
                        void change((s) => ({ ...s, sites: { ...s.sites, [site]: m } }));
                      }}
                    >
                      {(['on', 'ask', 'off'] as const).map((m) => (
                        <option key={m} value={m}>
                          {MODE_LABELS[m]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="bs-button small"
                      aria-label={`Remove the rule for ${site}`}
                      onClick={() =>
                        void change((s) => {
                          const sites = { ...s.sites };
                          delete sites[site];
                          return { ...s, sites };
                        })
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form class="opt-add" onSubmit={add}>
          <label>
            <span>Site</span>
            <input type="text" value={host} placeholder="news.example.com" data-testid="rule-host" onInput={(e) => setHost(e.currentTarget.value)} />
          </label>
          <label>
            <span>Backstory</span>
            <select value={newMode} data-testid="rule-mode" onChange={(e) => setNewMode(e.currentTarget.value as SiteMode)}>
              {(['on', 'ask', 'off'] as const).map((m) => (
                <option key={m} value={m}>
                  {MODE_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="bs-button" data-testid="rule-add">
            Add rule
          </button>
        </form>
        {addError && (
          <p class="bs-error" role="alert">
            {addError}
          </p>
        )}
      </div>

      <h2>How it looks</h2>
      <div class="opt-card">
        <DisplaySettings settings={settings} change={(fn) => void change(fn)} />
        {sample && (
          <>
            <p class="bs-muted opt-note">A card, as it shows on news pages:</p>
            <CardPreview model={sample} theme={settings.theme} />
          </>
        )}
      </div>

      <h2>Shortcuts</h2>
      <div class="opt-card opt-note">
        <p>
          <strong>Alt+Shift+B</strong> opens the card for the name or date at the cursor · <strong>Alt+Shift+S</strong> saves the selection
          as a highlight · <strong>Alt+Shift+O</strong> switches the current site on or off. Change them in your browser's extension
          shortcut settings.
        </p>
        <p>
          <button type="button" class="bs-button" onClick={() => deps.openReadingList()}>
            Open the reading list
          </button>
        </p>
      </div>
    </main>
  );
}

/** The real card component and styles, in a shadow root of its own as on news pages. */
function CardPreview({ model, theme }: { model: CardModel; theme: Settings['theme'] }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const noop = () => undefined;
    render(
      <>
        <style>{CARD_CSS}</style>
        <div class={rootClass(theme)}>
          <Card model={model} onClose={noop} onOpen={noop} onPick={noop} />
        </div>
      </>,
      root,
    );
  }, [model, theme]);
  return <div ref={host} class="opt-preview" data-testid="card-preview" />;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

