/**
 * Fuzzing the message protocol: thousands of hostile variants of every message — wrong types,
 * missing and extra keys, out-of-range numbers, prototype keys, oversized strings, forged
 * envelopes and senders — must all be refused by validation before any handler runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { MESSAGES, routeMessage, type Handlers, type MessageType, type SenderInfo } from '../../messaging';

const SELF = { id: 'backstory-id', origin: 'chrome-extension://backstory-id/' };
const CONTENT: SenderInfo = { id: SELF.id, url: 'https://news.example.com/story', tab: { id: 4 }, frameId: 0 };
const PAGE: SenderInfo = { id: SELF.id, url: 'chrome-extension://backstory-id/popup.html' };

const SAMPLES: { [T in MessageType]: unknown } = {
  getStatus: {},
  getEntry: { id: 'yalta-conference' },
  findByAlias: { name: 'Stalin' },
  getRelated: { id: 'yalta-conference' },
  onThisDay: { month: 8, day: 9 },
  inYears: { from: 1939, to: 1945 },
  detect: { segments: [{ text: 'On August 9, 1945', block: 0, role: 'story' }], facts: { publishedAt: '2025-11-29', lang: 'en' }, session: 'a1b2c3d4e5f6', base: { revision: 3, keepSegments: 12 } },
  detectMore: { session: 'a1b2c3d4e5f6', revision: 3, from: 800 },
  reportPage: { active: true, mode: 'on', segments: 3, characters: 120, entities: 2, dates: 1, marks: 3, highlightApi: true },
  getTabReport: { tabId: 7 },
  saveHighlight: {
    id: '3f1c2a9e-1111-4222-8333-444455556666',
    title: 'How the war ended',
    quote: { type: 'TextQuoteSelector', exact: 'Kwantung Army', prefix: 'The ', suffix: ' collapsed' },
    position: { type: 'TextPositionSelector', start: 4, end: 17 },
    note: 'ten days',
    tags: ['war'],
    entities: [{ id: 'kwantung-army', name: 'Kwantung Army' }],
    dates: [{ edtf: '1945-08', text: 'August 1945' }],
  },
  pageHighlights: {},
  reportAnchors: { results: [{ id: 'a1', state: 'found', method: 'exact' }] },
  openHighlight: { id: 'a1' },
};

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of another kind than `v`: every one breaks a field that held `v`. */
function wrongKinds(v: unknown): unknown[] {
  const all: unknown[] = [null, 0, -1, 1.5, NaN, Infinity, 1e300, '', 'x'.repeat(100_001), true, [], [1, 'a'], {}, { nested: { deep: [] } }];
  const kind = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  return all.filter((x) => kind(x) !== kind(v));
}

/** Paths to every field of a sample (objects and array items), for mutation. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function setAt(value: unknown, path: (string | number)[], next: unknown | typeof REMOVE): unknown {
  if (!path.length) return next;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (next === REMOVE) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = next;
  return copy;
}
const REMOVE = Symbol('remove');

const getAt = (value: unknown, path: (string | number)[]) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);

/**
 * Changes that make any of these messages invalid: a field of another kind, a number that is not
 * an integer, an unknown key, an own `__proto__` or `constructor` key, a required key removed;
 * then random pairs of them (each pair keeps at least one breakage).
 */
function hostileVariants(type: MessageType, random: () => number): unknown[] {
  const sample = SAMPLES[type];
  const single: unknown[] = [];
  for (const path of paths(sample)) {
    const v = getAt(sample, path);
    for (const w of wrongKinds(v)) single.push(setAt(sample, path, w));
    if (typeof v === 'number') for (const n of [NaN, Infinity, -Infinity, 1.5]) single.push(setAt(sample, path, n));
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const body = JSON.stringify(v).slice(1);
      const sep = Object.keys(v as object).length ? ',' : '';
      single.push(setAt(sample, path, { ...(v as object), unexpected: 1 }));
      single.push(setAt(sample, path, JSON.parse(`{"__proto__": {"polluted": true}${sep}${body}`)));
      single.push(setAt(sample, path, JSON.parse(`{"constructor": {"prototype": {"polluted": true}}${sep}${body}`)));
    }
  }
  const optional: Partial<Record<MessageType, string[]>> = { reportPage: ['mode', 'entities', 'dates', 'marks', 'highlightApi'], detect: ['facts', 'role', 'publishedAt', 'lang', 'base'], reportAnchors: ['method'] };
  for (const path of paths(sample).filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string')) {
    if (!optional[type]?.includes(String(path[path.length - 1]))) single.push(setAt(sample, path, REMOVE));
  }
  // Pairs: a broken message with one more unknown key somewhere, or a second field of the wrong kind.
  const pairs: unknown[] = [];
  for (let i = 0; i < 300; i++) {
    const a = single[Math.floor(random() * single.length)];
    if (a === null || typeof a !== 'object' || Array.isArray(a)) continue;
    const objects = paths(a).filter((p) => {
      const v = getAt(a, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v) && !p.some((k) => k === '__proto__' || k === 'constructor');
    });
    const p = objects[Math.floor(random() * objects.length)];
    pairs.push(setAt(a, [...p, `extra${i}`], wrongKinds('')[Math.floor(random() * 5)]));
  }
  return [...single, ...pairs];
}

const handlerSpy = () => {
  const called = vi.fn(() => ({}));
  return { called, handlers: new Proxy({}, { get: () => called }) as unknown as Handlers };
};

describe('fuzzed messages', () => {
  it('accepts every well-formed sample (the fuzzer starts from valid messages)', async () => {
    const { handlers, called } = handlerSpy();
    for (const [type, payload] of Object.entries(SAMPLES) as [MessageType, unknown][]) {
      const sender = MESSAGES[type].from.includes('content') ? CONTENT : PAGE;
      const reply = await routeMessage({ backstory: 1, type, payload }, sender, SELF, handlers);
      expect(reply.ok, type).toBe(true);
    }
    expect(called).toHaveBeenCalledTimes(Object.keys(SAMPLES).length);
  });

  it('refuses every hostile variant before any handler runs', async () => {
    const random = rng(20261127);
    const { handlers, called } = handlerSpy();
    let tried = 0;
    const accepted: string[] = [];
    for (const type of Object.keys(SAMPLES) as MessageType[]) {
      const sender = MESSAGES[type].from.includes('content') ? CONTENT : PAGE;
      for (const payload of hostileVariants(type, random)) {
        tried++;
        const reply = await routeMessage({ backstory: 1, type, payload }, sender, SELF, handlers);
        if (reply.ok) accepted.push(`${type}: ${JSON.stringify(payload).slice(0, 200)}`);
        else expect(reply.error.code).toBe('bad-request');
      }
    }
    // Forged envelopes and senders.
    const envelopes: unknown[] = [null, 'getStatus', [], { type: 'getStatus' }, { backstory: 2, type: 'getStatus', payload: {} }, { backstory: '1', type: 'getStatus' }, { backstory: 1, type: 'constructor', payload: {} }, { backstory: 1, type: '__proto__', payload: {} }, { backstory: 1, type: 'toString', payload: {} }, { backstory: 1, type: 'x'.repeat(10_000), payload: {} }];
    for (const raw of envelopes) {
      tried++;
      const reply = await routeMessage(raw, PAGE, SELF, handlers);
      if (reply.ok) accepted.push(`envelope ${JSON.stringify(raw).slice(0, 100)}`);
    }
    const senders: SenderInfo[] = [{}, { id: 'other-extension', url: PAGE.url }, { id: SELF.id, url: 'https://evil.example/' }, { id: SELF.id, url: 'chrome-extension://backstory-id.evil/x', tab: { id: 1 } }, { id: SELF.id, url: 'file:///etc/passwd', tab: { id: 1 } }];
    for (const sender of senders) {
      for (const [type, payload] of Object.entries(SAMPLES)) {
        tried++;
        const reply = await routeMessage({ backstory: 1, type, payload }, sender, SELF, handlers);
        if (reply.ok) accepted.push(`sender ${JSON.stringify(sender)} ${type}`);
      }
    }
    // Page-only messages from a content script, content-only ones from a page.
    for (const [type, payload] of Object.entries(SAMPLES) as [MessageType, unknown][]) {
      const wrong = MESSAGES[type].from.includes('content') ? (MESSAGES[type].from.includes('page') ? null : PAGE) : CONTENT;
      if (!wrong) continue;
      tried++;
      const reply = await routeMessage({ backstory: 1, type, payload }, wrong, SELF, handlers);
      if (reply.ok) accepted.push(`wrong sender for ${type}`);
    }
    console.log(`[fuzz] ${tried} hostile messages, ${accepted.length} accepted`);
    expect(accepted).toEqual([]);
    expect(called).not.toHaveBeenCalled();
    expect(tried).toBeGreaterThan(3000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
