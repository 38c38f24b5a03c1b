/**
 * A page that grows is read again and again: the content script sends only the segments after
 * those unchanged, and gets back only the mentions that changed. Whatever is sent, the mentions it
 * ends up with must be those of detecting the whole text.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../background/handlers';
import type { Detector, Mention } from '../../core/detect/detector';
import { sameMention, unchangedSegments } from '../../core/detect/delta';
import type { DetectDocument, SegmentInput } from '../../core/detect/document';
import { DETECT_PART, MESSAGES, type DetectResponse, type SenderInfo } from '../../messaging';

const TAB: SenderInfo = { id: 'backstory-id', url: 'https://news.example.com/feed', tab: { id: 4 }, frameId: 0 };

/** Finds every "Stalin"; its score shrinks as the page mentions him more (as real scores drift). */
const fakeDetector = {
  detect(doc: DetectDocument): Mention[] {
    const found: Mention[] = [];
    for (let at = doc.text.indexOf('Stalin'); at >= 0; at = doc.text.indexOf('Stalin', at + 1)) {
      found.push({ kind: 'entity', start: at, end: at + 6, text: 'Stalin', id: 'stalin', title: 'Joseph Stalin', type: 'person', score: 0, candidates: [] });
    }
    for (const m of found) if (m.kind === 'entity') m.score = 1 / found.length;
    // "the Pact" after a pact is named refers back: an earlier mention can change with later text.
    if (doc.text.includes('Pact')) found.forEach((m) => m.kind === 'entity' && (m.candidates = [{ id: 'pact', score: 0.1 }]));
    return found;
  },
} as unknown as Detector;

const paragraphs = (n: number, from = 0): SegmentInput[] => Array.from({ length: n }, (_, i) => ({ text: `Item ${from + i}: Stalin spoke.`, block: from + i }));

/** What a content script keeps between reads, and the one read it does. */
function reader(h: ReturnType<typeof createHandlers>, sender = TAB) {
  let last: { revision: number; segments: SegmentInput[]; mentions: Mention[] } | null = null;
  const sent: number[] = [];
  const received: number[] = [];
  return {
    sent,
    received,
    async read(segments: SegmentInput[]): Promise<Mention[]> {
      const keepSegments = last ? unchangedSegments(last.segments, segments) : 0;
      const request = last
        ? { segments: segments.slice(keepSegments), session: 'page-session-1', base: { revision: last.revision, keepSegments } }
        : { segments, session: 'page-session-1' };
      expect(MESSAGES.detect.validate(request)).toBe(true);
      let reply: DetectResponse = await h.detect(request, sender);
      if ('stale' in reply) reply = await h.detect({ segments, session: 'page-session-1' }, sender);
      if ('stale' in reply) throw new Error('stale twice');
      sent.push(request.segments.length);
      const tail = [...reply.mentions];
      while (tail.length < reply.total) {
        const part = await h.detectMore({ session: 'page-session-1', revision: reply.revision, from: reply.keep + tail.length }, sender);
        if ('stale' in part) throw new Error('stale part');
        expect(part.mentions.length).toBeLessThanOrEqual(DETECT_PART);
        tail.push(...part.mentions);
      }
      received.push(tail.length);
      const mentions = [...(last?.mentions.slice(0, reply.keep) ?? []), ...tail];
      last = { revision: reply.revision, segments, mentions };
      return mentions;
    },
  };
}

const whole = (segments: SegmentInput[]) => fakeDetector.detect({ text: segments.map((s) => s.text).join('\n\n'), blocks: [] });
const same = (a: Mention[], b: Mention[]) => a.length === b.length && a.every((m, i) => sameMention(m, b[i]));

describe('detecting a growing page by difference', () => {
  let h: ReturnType<typeof createHandlers>;
  beforeEach(() => {
    fakeBrowser.reset();
    h = createHandlers({ version: '0.1.0', session: fakeBrowser.storage.session, detector: async () => fakeDetector });
  });

  it('sends only new paragraphs and gets back only new mentions, ending where whole-text detection ends', async () => {
    const r = reader(h);
    let page = paragraphs(100);
    expect(same(await r.read(page), whole(page))).toBe(true);
    page = [...page, ...paragraphs(100, 100)];
    const grown = await r.read(page);
    expect(same(grown, whole(page))).toBe(true);
    expect(r.sent).toEqual([100, 100]);
    expect(r.received).toEqual([100, 100]);
  });

  it('brings a long answer back in parts, and a part of an answer replaced since is refused', async () => {
    const r = reader(h);
    const page = paragraphs(2000);
    expect(same(await r.read(page), whole(page))).toBe(true);
    expect(r.received).toEqual([2000]);
    await r.read([...page, ...paragraphs(1, 2000)]);
    expect(await h.detectMore({ session: 'page-session-1', revision: 1, from: 800 }, TAB)).toEqual({ stale: true });
    expect(await h.detectMore({ session: 'page-session-1', revision: 2, from: 0 }, { ...TAB, frameId: 2 })).toEqual({ stale: true });
  });

  it('sends everything after a changed paragraph, and takes back earlier mentions that changed', async () => {
    const r = reader(h);
    const page = paragraphs(50);
    await r.read(page);
    const edited = [...page.slice(0, 10), { text: 'Item 10: Molotov spoke.', block: 10 }, ...page.slice(11)];
    expect(same(await r.read(edited), whole(edited))).toBe(true);
    expect(r.sent[1]).toBe(40);
    // A later "Pact" changes every earlier mention's candidates: all of them come back.
    const withPact = [...edited, { text: 'The Pact was signed.', block: 50 }];
    expect(same(await r.read(withPact), whole(withPact))).toBe(true);
    expect(r.received[2]).toBe(49);
  });

  it('asks for the whole page when the background no longer has the base (a restarted worker)', async () => {
    const r = reader(h);
    await r.read(paragraphs(20));
    h = createHandlers({ version: '0.1.0', session: fakeBrowser.storage.session, detector: async () => fakeDetector });
    const r2 = reader(h);
    await r2.read(paragraphs(5));
    // The old reader's base is unknown to the new worker.
    const reply = await h.detect({ segments: paragraphs(1, 20), session: 'another-session', base: { revision: 1, keepSegments: 20 } }, TAB);
    expect(reply).toEqual({ stale: true });
  });

  it('keeps each tab’s reading to itself', async () => {
    await reader(h).read(paragraphs(20));
    const other: SenderInfo = { ...TAB, tab: { id: 5 } };
    expect(await h.detect({ segments: [], session: 'page-session-1', base: { revision: 1, keepSegments: 20 } }, other)).toEqual({ stale: true });
    expect(await h.detect({ segments: [], session: 'page-session-1', base: { revision: 1, keepSegments: 20 } }, TAB)).toMatchObject({ keep: 20, mentions: [] });
  });

  it('refuses a base without a session, or a malformed one', () => {
    const v = MESSAGES.detect.validate;
    expect(v({ segments: [], base: { revision: 1, keepSegments: 2 } })).toBe(false);
    expect(v({ segments: [], session: 'short', base: { revision: 1, keepSegments: 2 } })).toBe(false);
    expect(v({ segments: [], session: 'page-session-1', base: { revision: -1, keepSegments: 2 } })).toBe(false);
    expect(v({ segments: [], session: 'page-session-1', base: { revision: 1, keepSegments: 2, extra: 1 } })).toBe(false);
    expect(v({ segments: [], session: 'page session 1' })).toBe(false);
    expect(v({ segments: [{ text: 'June 24, 2023', block: 0, gap: true }] })).toBe(true);
    expect(v({ segments: [{ text: 'June 24, 2023', block: 0, gap: 'yes' }] })).toBe(false);
  });

  it('counts a segment that gained or lost the space before it as changed', () => {
    const a: SegmentInput[] = [{ text: 'By Anna Schmidt', block: 0 }, { text: 'June 24, 2023', block: 0 }];
    expect(unchangedSegments(a, [a[0], { ...a[1], gap: true }])).toBe(1);
    expect(unchangedSegments(a, [a[0], { ...a[1] }])).toBe(2);
  });
});
