import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { edtfInWords, entityDates, yearsBefore, yearsPhrase } from '../core/cards/format-dates';
import type { DateMention } from '../core/dates/resolve';
import type { KbEntry } from '../core/kb/types';
import type { DatedHitView } from '../messaging';

export interface Alternative {
  id: string;
  name: string;
  type: string;
}

export type CardModel =
  | {
      kind: 'entity';
      entry: KbEntry | null;
      title: string;
      publishedAt?: string;
      /** Related entries and places, as chips that open their own card. */
      related: KbEntry[];
      /** The other entries this name could mean ("Not this one"). */
      alternatives: Alternative[];
    }
  | {
      kind: 'date';
      mention: DateMention;
      onThisDay: DatedHitView[];
      timeline: DatedHitView[];
      today: string;
      publishedAt?: string;
      /** Events named in the same sentence whose KB dates disagree with this date (see datesDisagree). */
      namedElsewhere?: KbEntry[];
    }
  | { kind: 'loading'; title: string }
  | { kind: 'error'; title: string; message: string };

const TYPE_LABELS: Record<string, string> = {
  person: 'Person', place: 'Place', state: 'State', event: 'Event', war: 'War', battle: 'Battle', operation: 'Military operation',
  treaty: 'Treaty', conference: 'Conference', organization: 'Organisation', 'military-unit': 'Military unit', document: 'Document',
};

const RULES: Record<string, string> = {
  'same-paragraph': 'from the same paragraph',
  'same-sentence-event': 'from the event named in the sentence',
  'same-sentence-date': 'from the date in the sentence',
  'same-day-earlier': 'from the same day named earlier',
  narrative: 'from the story so far',
  'publication-date': 'from the publication date',
};

/** A hover card: a labelled dialog with what the knowledge base knows about a name or a date. */
export interface CardActions {
  onClose: () => void;
  /** Show the card of another entry (a related chip). */
  onOpen: (id: string) => void;
  /** The reader says this name means another entry; remembered for the page. */
  onPick: (id: string) => void;
  /** Save the hovered name (or the selection around it) as a highlight. */
  onSave?: () => void;
}

export function Card({ model, onClose, onOpen, onPick, onSave }: { model: CardModel } & CardActions): JSX.Element {
  const heading = model.kind === 'entity' ? (model.entry?.name ?? model.title) : model.kind === 'date' ? (edtfInWords(model.mention.edtf, { weekday: true }) ?? model.mention.text) : model.title;
  return (
    <div class="card" role="dialog" aria-label={heading} aria-modal="false">
      <header class="card-head">
        <h2 class="card-title">{heading}</h2>
        <button type="button" class="card-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {model.kind === 'loading' && <p class="muted">Looking it up…</p>}
      {model.kind === 'error' && <p class="error">{model.message}</p>}
      {model.kind === 'entity' && <EntityBody model={model} onOpen={onOpen} onPick={onPick} />}
      {model.kind === 'date' && <DateBody model={model} />}
      {onSave && (model.kind === 'entity' || model.kind === 'date') && (
        <p class="card-actions">
          <button type="button" class="button" onClick={onSave}>
            Save highlight
          </button>
        </p>
      )}
    </div>
  );
}

function EntityBody({ model, onOpen, onPick }: { model: Extract<CardModel, { kind: 'entity' }>; onOpen: (id: string) => void; onPick: (id: string) => void }): JSX.Element {
  const [choosing, setChoosing] = useState(false);
  const e = model.entry;
  if (!e) return <p class="muted">Backstory has no entry for this name.</p>;
  const dates = entityDates(e);
  const anchor = e.born ?? e.start ?? e.date;
  const before = anchor && model.publishedAt ? yearsBefore(anchor, model.publishedAt) : null;
  const licences = [...new Set(e.sources.map((s) => s.licence))];
  return (
    <>
      <p class="card-type">{TYPE_LABELS[e.type] ?? e.type}</p>
      {dates && (
        <p class="card-dates">
          {dates}
          {before !== null && <span class="muted"> · {yearsPhrase(before, 'before this article')}</span>}
        </p>
      )}
      {e.summary && <p class="card-summary">{e.summary}</p>}
      {model.related.length > 0 && (
        <ul class="chips" aria-label="Related">
          {model.related.slice(0, 6).map((r) => (
            <li key={r.id}>
              <button type="button" class="chip" onClick={() => onOpen(r.id)}>
                {r.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {e.wikipedia && (
        <p>
          <a href={`https://en.wikipedia.org/wiki/${encodeURIComponent(e.wikipedia.replace(/ /g, '_'))}`} target="_blank" rel="noopener noreferrer">
            Read on Wikipedia
          </a>
        </p>
      )}
      <p class="card-source muted">Source: {licences.join('; ')}</p>
      {model.alternatives.length > 0 && (
        <div class="card-alt">
          <button type="button" class="link-button" aria-expanded={choosing} onClick={() => setChoosing(!choosing)}>
            Not this one?
          </button>
          {choosing && (
            <ul class="card-list">
              {model.alternatives.map((a) => (
                <li key={a.id}>
                  <button type="button" class="link-button" onClick={() => onPick(a.id)}>
                    {a.name}
                  </button>{' '}
                  <span class="muted">{TYPE_LABELS[a.type] ?? a.type}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

function DateBody({ model }: { model: Extract<CardModel, { kind: 'date' }> }): JSX.Element {
  const m = model.mention;
  const ago = yearsBefore(m.edtf, model.today);
  const year = /^(\d{4})/.exec(m.edtf)?.[1];
  return (
    <>
      {m.role === 'publication' && <p class="card-type">Publication date of this page</p>}
      {m.inferred && m.inferredFrom && year && (
        <p class="card-resolution">
          Year from context: {year} <span class="muted">({RULES[m.inferredFrom.rule] ?? 'from the story'}: “{m.inferredFrom.text}”)</span>
        </p>
      )}
      {!m.inferred && m.edtf.startsWith('XXXX') && <p class="muted">The year is not given here.</p>}
      {ago !== null && <p class="card-dates">{yearsPhrase(ago, 'ago')}</p>}
      {!!model.namedElsewhere?.length && (
        <section class="card-disagree">
          <h3 class="card-sub">Dated differently in the knowledge base</h3>
          <ul class="card-list">
            {model.namedElsewhere.map((e) => (
              <li key={e.id}>
                {e.name}: <span class="muted">{entityDates(e)}</span>
              </li>
            ))}
          </ul>
          <p class="muted">The article gives {edtfInWords(m.edtf) ?? m.text}; both are shown.</p>
        </section>
      )}
      <EventList title="Around this date" hits={model.timeline.slice(0, 6)} when={(h) => edtfInWords(h.event.edtf)} />
      <EventList title="On this day" hits={model.onThisDay.slice(0, 5)} when={(h) => String(h.event.year)} />
    </>
  );
}

function EventList({ title, hits, when }: { title: string; hits: DatedHitView[]; when: (h: DatedHitView) => string | null }): JSX.Element | null {
  if (!hits.length) return null;
  return (
    <section>
      <h3 class="card-sub">{title}</h3>
      <ul class="card-list">
        {hits.map((h) => (
          <li key={h.event.key}>
            <span class="muted">{when(h)}</span> {h.entry.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
