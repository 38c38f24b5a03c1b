import type { JSX } from 'preact';
import { GROUP_LABELS } from '../core/cards/page-index';
import { Switch } from './Switch';
import { HOVER_DELAY_RANGE, MARK_GROUPS, type MarkStyle, type Settings, type SiteMode, type Theme } from '../settings';

export const MODE_LABELS: Record<SiteMode, string> = { on: 'On', ask: 'Only when I ask', off: 'Off' };
const MODE_HINTS: Record<SiteMode, string> = {
  on: 'Marks names and dates; cards on hover',
  ask: 'No marks; cards through the shortcut',
  off: 'Backstory stays away',
};

/** On / only when I ask / off: a radio group, so arrow keys move between the three. */
export function ModePicker({ name, value, onChange, legend }: { name: string; value: SiteMode; onChange: (m: SiteMode) => void; legend: string }): JSX.Element {
  return (
    <fieldset class="bs-modes" data-testid={`${name}-modes`}>
      <legend>{legend}</legend>
      {(['on', 'ask', 'off'] as const).map((m) => (
        <label key={m} class={value === m ? 'is-checked' : ''} title={MODE_HINTS[m]}>
          <input type="radio" name={name} value={m} checked={value === m} onChange={() => onChange(m)} data-testid={`${name}-${m}`} />
          <span>{MODE_LABELS[m]}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * How Backstory looks: mark style, which kinds are marked, hover delay and theme. `change` may run
 * its function later (changes are queued), so values are read from the event right away.
 */
export function DisplaySettings({ settings, change }: { settings: Settings; change: (fn: (s: Settings) => Settings) => void }): JSX.Element {
  return (
    <div class="bs-display">
      <label class="bs-field">
        <span>Marks</span>
        <select value={settings.markStyle} data-testid="mark-style" onChange={(e) => {
            const markStyle = e.currentTarget.value as MarkStyle;
            change((s) => ({ ...s, markStyle }));
          }}>
          <option value="underline">Dotted underline</option>
          <option value="background">Soft background</option>
          <option value="none">None (cards still open on hover)</option>
        </select>
      </label>
      <fieldset class="bs-kinds">
        <legend>Mark these kinds</legend>
        {MARK_GROUPS.map((g) => (
          <label key={g}>
            <input
              type="checkbox"
              checked={!settings.hiddenGroups.includes(g)}
              data-testid={`kind-${g}`}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                change((s) => ({ ...s, hiddenGroups: on ? s.hiddenGroups.filter((x) => x !== g) : [...s.hiddenGroups, g] }));
              }}
            />
            <span>{GROUP_LABELS[g]}</span>
          </label>
        ))}
      </fieldset>
      <label class="bs-field">
        <span>Card opens after (ms)</span>
        <input
          type="number"
          min={HOVER_DELAY_RANGE.min}
          max={HOVER_DELAY_RANGE.max}
          step={50}
          value={settings.hoverDelayMs}
          data-testid="hover-delay"
          // On change, not on every keystroke: storage.sync allows few writes a minute.
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (Number.isFinite(v)) change((s) => ({ ...s, hoverDelayMs: v }));
          }}
        />
      </label>
      <label class="bs-field">
        <span>Theme</span>
        <select value={settings.theme} data-testid="theme" onChange={(e) => {
            const theme = e.currentTarget.value as Theme;
            change((s) => ({ ...s, theme }));
          }}>
          <option value="auto">Same as the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </div>
  );
}

/** The global pause, the same in the popup and on the options page. */
export function PauseSwitch({ settings, change }: { settings: Settings; change: (fn: (s: Settings) => Settings) => void }): JSX.Element {
  return (
    <Switch
      label="Pause everywhere"
      description="Stops Backstory on every site until you switch it back"
      checked={settings.paused}
      testId="pause-switch"
      onChange={(paused) => change((s) => ({ ...s, paused }))}
    />
  );
}
