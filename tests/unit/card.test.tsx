// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Card, type CardModel } from '../../components/Card';
import type { DateMention } from '../../core/dates/resolve';
import type { KbEntry } from '../../core/kb/types';

afterEach(() => cleanup());

const entry = (id: string, extra: Partial<KbEntry> = {}): KbEntry => ({
  id,
  type: 'conference',
  name: id,
  aliases: {},
  layer: 'curated',
  sources: [{ layer: 'curated', ref: 'x.yaml', licence: 'CC BY 4.0 (Backstory contributors)' }],
  ...extra,
});

const actions = () => ({ onClose: vi.fn(), onOpen: vi.fn(), onPick: vi.fn() });

describe('entity card', () => {
  const yalta = entry('yalta-conference', {
    name: 'Yalta Conference',
    start: '1945-02-04',
    end: '1945-02-11',
    summary: 'The February 1945 summit.',
    wikipedia: 'Yalta Conference',
  });
  const model: CardModel = {
    kind: 'entity',
    entry: yalta,
    title: 'Yalta Conference',
    publishedAt: '2025-11-29',
    related: [entry('joseph-stalin', { name: 'Joseph Stalin', type: 'person' }), entry('yalta', { name: 'Yalta', type: 'place' })],
    alternatives: [{ id: 'yalta-conference-2', name: 'Another Yalta meeting', type: 'conference' }],
  };

  it('is a labelled dialog with the name, type, dates, distance to the article, summary, link and source', () => {
    render(<Card model={model} {...actions()} />);
    expect(screen.getByRole('dialog', { name: 'Yalta Conference' })).toBeTruthy();
    expect(screen.getByText('Conference')).toBeTruthy();
    expect(screen.getByText(/4–11 February 1945/)).toBeTruthy();
    expect(screen.getByText(/80 years before this article/)).toBeTruthy();
    const link = screen.getByText('Read on Wikipedia') as HTMLAnchorElement;
    expect(link.href).toBe('https://en.wikipedia.org/wiki/Yalta_Conference');
    expect(link.rel).toContain('noopener');
    expect(screen.getByText(/CC BY 4.0/)).toBeTruthy();
  });

  it('opens a related entry from its chip, and offers the other meanings on request', () => {
    const a = actions();
    render(<Card model={model} {...a} />);
    fireEvent.click(screen.getByText('Joseph Stalin'));
    expect(a.onOpen).toHaveBeenCalledWith('joseph-stalin');
    expect(screen.queryByText('Another Yalta meeting')).toBeNull();
    fireEvent.click(screen.getByText('Not this one?'));
    fireEvent.click(screen.getByText('Another Yalta meeting'));
    expect(a.onPick).toHaveBeenCalledWith('yalta-conference-2');
  });

  it('offers "Save highlight" for the name', () => {
    const a = { ...actions(), onSave: vi.fn() };
    render(<Card model={model} {...a} />);
    fireEvent.click(screen.getByText('Save highlight'));
    expect(a.onSave).toHaveBeenCalledOnce();
  });

  it('shows text from the knowledge base as text, never as markup', () => {
    render(<Card model={{ ...model, entry: { ...yalta, summary: '<img src=x onerror=alert(1)>' } }} {...actions()} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('date card', () => {
  const mention: DateMention = {
    kind: 'date',
    start: 0,
    end: 8,
    text: 'August 9',
    edtf: '1945-08-09',
    precision: 'day',
    role: 'narrative',
    inferred: true,
    inferredFrom: { start: 0, end: 10, text: 'April 1945', rule: 'narrative' },
  };

  it('gives the weekday, where the year came from, how long ago, and nearby events', () => {
    const hit = (id: string, name: string, monthDay: string) => ({
      event: { key: `${id}:start`, id, field: 'start' as const, edtf: `1945-${monthDay}`, year: 1945, month: 8, monthDay, precision: 'day' as const },
      entry: entry(id, { name }),
    });
    render(
      <Card
        model={{ kind: 'date', mention, today: '2026-11-26', onThisDay: [hit('soviet-japanese-war', 'Soviet–Japanese War', '08-09')], timeline: [hit('little-boy', 'Little Boy', '08-06')] }}
        {...actions()}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Thursday, 9 August 1945' })).toBeTruthy();
    expect(screen.getByText(/Year from context: 1945/)).toBeTruthy();
    expect(screen.getByText(/April 1945/)).toBeTruthy();
    expect(screen.getByText('81 years ago')).toBeTruthy();
    expect(screen.getByText('Little Boy')).toBeTruthy();
    expect(screen.getByText('Soviet–Japanese War')).toBeTruthy();
  });

  it('shows an event named in the sentence with its own dates when they disagree with the article', () => {
    const yaltaEntry = entry('yalta-conference', { name: 'Yalta Conference', type: 'conference', start: '1945-02-04', end: '1945-02-11' });
    const feb14: DateMention = { ...mention, text: 'February 14, 1945', edtf: '1945-02-14', inferred: false, inferredFrom: undefined };
    render(<Card model={{ kind: 'date', mention: feb14, today: '2026-11-26', onThisDay: [], timeline: [], namedElsewhere: [yaltaEntry] }} {...actions()} />);
    expect(screen.getByText('Dated differently in the knowledge base')).toBeTruthy();
    expect(screen.getByText(/Yalta Conference/).textContent).toContain('4–11 February 1945');
    expect(screen.getByText(/The article gives/).textContent).toContain('14 February 1945');
  });
});
