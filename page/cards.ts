/** Wires hover to cards: hit-test, dwell, fetch the card's data from the background, show it. */
import { browser } from '@wxt-dev/webextension-polyfill/browser';
import type { CardModel } from '../components/Card';
import type { Mention } from '../core/detect/detector';
import { sendMessage, type Envelope } from '../messaging';
import { CardHost } from './card-host';
import { rangeFor } from './highlights';
import type { MentionIndex } from './mention-index';
import { caretAt, followPointer, type HoverTarget } from './pointer';
import type { TextSegment } from './text-segments';

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

export function startCards(doc: Document, delayMs: number, publishedAt?: string) {
  let segments: TextSegment[] = [];
  let starts: number[] = [];
  let index: MentionIndex | null = null;
  let openKey: string | null = null;
  const controller = new AbortController();
  const host = new CardHost(doc, () => close());

  const close = () => {
    openKey = null;
    host.hide();
  };

  const lookup = (x: number, y: number): HoverTarget | null => {
    if (!index) return null;
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    const i = index.at(caret.node, caret.offset);
    if (i === null) return null;
    const m = index.mentions[i];
    const range = rangeFor(doc, segments, starts, m.start, m.end);
    if (!range) return null;
    // The caret snaps to the nearest text: make sure the pointer is really on the words.
    const rect = [...range.getClientRects()].find((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2);
    return rect ? { key: `${i}:${m.start}`, rect } : null;
  };

  const open = (target: HoverTarget) => {
    const i = Number(target.key.split(':')[0]);
    const m = index?.mentions[i];
    if (!m) return;
    openKey = target.key;
    host.show({ kind: 'loading', title: m.text }, target.rect);
    void load(m).then((model) => {
      if (openKey === target.key) host.show(model, target.rect);
    });
  };

  const load = async (m: Mention): Promise<CardModel> => {
    try {
      if (m.kind === 'entity') {
        const entry = await sendMessage(transport, 'getEntry', { id: m.id });
        return { kind: 'entity', entry, title: m.title, publishedAt };
      }
      const day = /^(\d{4}|XXXX)-(\d{2})-(\d{2})/.exec(m.edtf);
      const onThisDay = day ? await sendMessage(transport, 'onThisDay', { month: Number(day[2]), day: Number(day[3]) }) : [];
      return { kind: 'date', mention: m, onThisDay, today: new Date().toISOString().slice(0, 10), publishedAt };
    } catch (err) {
      return { kind: 'error', title: m.text, message: `Backstory could not look this up: ${err instanceof Error ? err.message : String(err)}` };
    }
  };

  followPointer(doc.defaultView!, {
    delayMs: () => delayMs,
    lookup,
    open,
    close,
    overCard: (e) => host.contains(e),
    signal: controller.signal,
  });

  return {
    update(nextSegments: TextSegment[], nextStarts: number[], nextIndex: MentionIndex) {
      segments = nextSegments;
      starts = nextStarts;
      index = nextIndex;
    },
    stop() {
      controller.abort();
      host.destroy();
    },
  };
}
