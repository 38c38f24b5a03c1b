import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  MAX_IMPORT_ITEMS,
  MAX_REPORTED_ERRORS,
  parseIsoDate,
  parseWebAnnotations,
  safeFileName,
  toMarkdown,
  toWebAnnotations,
} from '../../core/annotations/exchange';
import type { Highlight, SavedPage } from '../../core/annotations/types';
import { LIMITS } from '../../core/annotations/types';

const UUID_1 = '3f2b8c1e-7d4a-4e2b-9c1f-0a1b2c3d4e5f';
const UUID_2 = 'A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF';
const T0 = Date.UTC(2024, 2, 10, 9, 30, 15, 123);
const EXPORTED = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));

function highlight(over: Partial<Highlight> = {}): Highlight {
  return {
    id: UUID_1,
    url: 'https://news.example.com/world/yalta',
    title: 'Yalta, eighty years on',
    quote: { type: 'TextQuoteSelector', exact: 'the Yalta Conference', prefix: 'In February 1945 ', suffix: ' divided Europe' },
    position: { type: 'TextPositionSelector', start: 120, end: 140 },
    note: 'Check the date.',
    tags: ['history', 'cold war'],
    entities: [{ id: 'Q4', name: 'Yalta Conference' }],
    dates: [{ edtf: '1945-02-04/1945-02-11', text: 'February 1945' }],
    createdAt: T0,
    updatedAt: T0 + 60_000,
    ...over,
  };
}

const PAGES: SavedPage[] = [
  { url: 'https://news.example.com/world/yalta', title: 'Yalta, eighty years on', savedAt: T0 - 1000, updatedAt: T0, read: false },
  { url: 'https://other.example.org/a?id=7', title: 'Читать позже', savedAt: T0 + 5, updatedAt: T0 + 10, read: true, readAt: T0 + 10 },
];

function sample(): Highlight[] {
  return [
    highlight({ anchor: { state: 'found', method: 'position', at: T0 + 99 } }),
    highlight({
      id: UUID_2,
      url: 'https://other.example.org/a?id=7',
      title: 'Ялта — 80 лет 🎉',
      quote: {
        type: 'TextQuoteSelector',
        // Emoji (surrogate pairs), Cyrillic, a no-break space, combining marks (e + U+0301), a newline.
        exact: 'Крымская\u00a0конференция 🕊️ café\u0301\nи <script>alert(1)</script>',
        prefix: 'в 1945 году ',
        suffix: ' — итог',
      },
      position: { type: 'TextPositionSelector', start: 0, end: 0 },
      note: '',
      tags: [],
      entities: [],
      dates: [],
      createdAt: T0 - 5000,
      updatedAt: T0 - 5000,
      anchor: { state: 'orphan', at: T0 + 1 },
    }),
    highlight({ id: 'local:with spaces/and?odd#chars', note: 'Line one\n\n**bold** <b>html</b>', tags: ['x'] }),
  ];
}

function roundTrip(hs: Highlight[], ps: SavedPage[]) {
  return parseWebAnnotations(JSON.stringify(toWebAnnotations(hs, ps, EXPORTED)));
}

function errorsOf(json: string): string[] {
  const r = parseWebAnnotations(json);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected failure');
  expect(r).not.toHaveProperty('highlights');
  expect(r).not.toHaveProperty('pages');
  return r.errors;
}

/** A valid exported annotation as a plain object, for tests to spoil. */
function exportedAnnotation(over: Partial<Highlight> = {}): Record<string, unknown> {
  const doc = toWebAnnotations([highlight(over)], [], EXPORTED) as { first: { items: Record<string, unknown>[] } };
  return JSON.parse(JSON.stringify(doc.first.items[0])) as Record<string, unknown>;
}

describe('toWebAnnotations', () => {
  it('writes a W3C Web Annotation collection', () => {
    const doc = JSON.parse(JSON.stringify(toWebAnnotations(sample(), PAGES, EXPORTED)));
    expect(doc['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { backstory: 'https://backstory.invalid/ns#' }]);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.label).toBe('Backstory highlights');
    expect(doc.generator.name).toBe('Backstory');
    expect(doc.generated).toBe('2025-01-02T03:04:05.006Z');
    expect(doc.total).toBe(3);
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.items).toHaveLength(3);
    expect(doc['backstory:pages']).toHaveLength(2);

    const [a, b, c] = doc.first.items;
    expect(a.id).toBe(`urn:uuid:${UUID_1}`);
    expect(a.type).toBe('Annotation');
    expect(a.motivation).toBe('commenting');
    expect(a.created).toBe('2024-03-10T09:30:15.123Z');
    expect(a.modified).toBe('2024-03-10T09:31:15.123Z');
    expect(a.body).toEqual([
      { type: 'TextualBody', value: 'Check the date.', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'history', purpose: 'tagging' },
      { type: 'TextualBody', value: 'cold war', purpose: 'tagging' },
    ]);
    expect(a.target.source).toBe('https://news.example.com/world/yalta');
    expect(a.target['backstory:title']).toBe('Yalta, eighty years on');
    expect(a.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'the Yalta Conference', prefix: 'In February 1945 ', suffix: ' divided Europe' },
      { type: 'TextPositionSelector', start: 120, end: 140 },
    ]);
    expect(a['backstory:entities']).toEqual([{ id: 'Q4', name: 'Yalta Conference' }]);
    expect(a['backstory:dates']).toEqual([{ edtf: '1945-02-04/1945-02-11', text: 'February 1945' }]);
    expect(a['backstory:anchor']).toEqual({ state: 'found', method: 'position', at: T0 + 99 });

    expect(b.id).toBe(`urn:uuid:${UUID_2}`);
    expect(b.motivation).toBe('highlighting');
    expect(b.body).toEqual([]);
    expect(c.id).toBe(`urn:backstory:${encodeURIComponent('local:with spaces/and?odd#chars')}`);
    expect(c).not.toHaveProperty('backstory:anchor');
  });

  it('is plain JSON: serialising and parsing changes nothing', () => {
    const doc = toWebAnnotations(sample(), PAGES, EXPORTED);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('parseWebAnnotations: round trip', () => {
  it('gives back exactly what was exported, in order', () => {
    const hs = sample();
    const r = roundTrip(hs, PAGES);
    expect(r).toEqual({ ok: true, highlights: hs, pages: PAGES });
    if (!r.ok) return;
    // Strictly: no stray undefined keys (e.g. no anchor where there was none).
    expect(r.highlights).toStrictEqual(hs);
    expect(r.pages).toStrictEqual(PAGES);
    expect(r.highlights[1].quote.exact).toBe(hs[1].quote.exact);
    expect(typeof r.highlights[0].createdAt).toBe('number');
  });

  it('round-trips an empty export', () => {
    expect(roundTrip([], [])).toEqual({ ok: true, highlights: [], pages: [] });
  });

  it('keeps <script> and Markdown as plain data', () => {
    const hs = [highlight({ note: '<img src=x onerror=alert(1)>', tags: ['<script>'] })];
    const r = roundTrip(hs, []);
    expect(r.ok && r.highlights[0].note).toBe('<img src=x onerror=alert(1)>');
    expect(r.ok && r.highlights[0].tags).toEqual(['<script>']);
  });

  it('round-trips content right at the limits', () => {
    const hs = [
      highlight({
        quote: { type: 'TextQuoteSelector', exact: 'q'.repeat(LIMITS.quote), prefix: 'p'.repeat(32), suffix: 's'.repeat(32) },
        note: 'n'.repeat(LIMITS.note),
        tags: Array.from({ length: LIMITS.tags }, (_, i) => `${i}`.padEnd(LIMITS.tag, 't')),
        title: 'T'.repeat(LIMITS.title),
        id: 'i'.repeat(LIMITS.id),
      }),
    ];
    expect(roundTrip(hs, [])).toEqual({ ok: true, highlights: hs, pages: [] });
  });
});

describe('parseWebAnnotations: accepted shapes', () => {
  it('accepts a bare list of annotations', () => {
    const r = parseWebAnnotations(JSON.stringify([exportedAnnotation()]));
    expect(r).toEqual({ ok: true, highlights: [highlight()], pages: [] });
  });

  it('accepts a single AnnotationPage', () => {
    const r = parseWebAnnotations(JSON.stringify({ type: 'AnnotationPage', items: [exportedAnnotation()] }));
    expect(r).toEqual({ ok: true, highlights: [highlight()], pages: [] });
  });

  it('accepts a byte-order mark before the JSON', () => {
    const r = parseWebAnnotations('\ufeff' + JSON.stringify([exportedAnnotation()]));
    expect(r.ok).toBe(true);
  });

  it('reads an annotation from another tool sensibly', () => {
    const other = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://hypothes.is/a/AbC123xyz',
      type: 'Annotation',
      created: '2023-05-01T10:20:30.123456+02:00',
      body: { type: 'TextualBody', value: 'A note from elsewhere', format: 'text/html' },
      target: {
        source: 'HTTPS://Example.COM/story?utm_source=x#frag',
        selector: [
          { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[1]' } },
          {
            type: 'TextQuoteSelector',
            exact: 'a quote',
            prefix: 'a very long prefix that goes well beyond thirty-two characters: ',
          },
        ],
      },
    };
    const r = parseWebAnnotations(JSON.stringify([other]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [h] = r.highlights;
    const t = Date.UTC(2023, 4, 1, 8, 20, 30, 123);
    expect(h).toStrictEqual({
      id: 'https://hypothes.is/a/AbC123xyz',
      url: 'https://example.com/story',
      title: '',
      quote: { type: 'TextQuoteSelector', exact: 'a quote', prefix: 'ell beyond thirty-two characters: '.slice(-32), suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 0 },
      note: 'A note from elsewhere',
      tags: [],
      entities: [],
      dates: [],
      createdAt: t,
      updatedAt: t,
    });
    expect(h.quote.prefix).toHaveLength(32);
    // Its id survives a Backstory round trip too.
    const again = roundTrip(r.highlights, []);
    expect(again.ok && again.highlights[0].id).toBe('https://hypothes.is/a/AbC123xyz');
  });

  it('reads tags from "tagging" bodies and a title from the saved page', () => {
    const a = exportedAnnotation();
    delete (a.target as Record<string, unknown>)['backstory:title'];
    a.body = [
      { type: 'TextualBody', value: 'first', purpose: 'commenting' },
      { type: 'TextualBody', value: 'second' },
      { type: 'TextualBody', value: 'tag-a', purpose: ['tagging'] },
      { type: 'Image', id: 'https://example.com/pic.png' },
    ];
    const doc = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a] }, 'backstory:pages': [
      { source: 'https://news.example.com/world/yalta', title: 'From the page', created: '2024-01-01T00:00:00Z' },
    ] };
    const r = parseWebAnnotations(JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.highlights[0].note).toBe('first\n\nsecond');
    expect(r.highlights[0].tags).toEqual(['tag-a']);
    expect(r.highlights[0].title).toBe('From the page');
    expect(r.pages[0]).toStrictEqual({
      url: 'https://news.example.com/world/yalta',
      title: 'From the page',
      savedAt: Date.UTC(2024, 0, 1),
      updatedAt: Date.UTC(2024, 0, 1),
      read: false,
    });
  });
});

describe('parseWebAnnotations: refuses bad input with a reason', () => {
  it('invalid JSON says what and where', () => {
    const [e] = errorsOf('{"type": "AnnotationCollection",\n  "first": {,}}');
    expect(e).toMatch(/^The file is not valid JSON: /);
    expect(e).toMatch(/line 2, column \d+/);
  });

  it('empty input', () => {
    expect(errorsOf('   ')).toEqual(['The file is empty.']);
  });

  it.each([
    ['42', /holds the number 42/],
    ['null', /holds null/],
    ['"text"', /holds string/],
    ['{"hello": "world"}', /has no "type"/],
    ['{"type": "Person"}', /its type is "Person"/],
    ['{"type": "AnnotationCollection", "first": "https://elsewhere.example/page1"}', /points to/],
    ['{"type": "AnnotationCollection", "first": {"items": [], "next": "p2"}}', /several pages/],
    ['{"type": "AnnotationPage", "items": {}}', /should be a list/],
  ])('wrong top level %s', (json, message) => {
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('missing target', () => {
    const a = exportedAnnotation();
    delete a.target;
    expect(errorsOf(JSON.stringify([a]))).toEqual([`Annotation 1 (urn:uuid:${UUID_1}): it has no target (the page and the quoted text).`]);
  });

  it('javascript: URL', () => {
    const a = exportedAnnotation();
    (a.target as Record<string, unknown>).source = 'javascript:alert(1)';
    expect(errorsOf(JSON.stringify([exportedAnnotation({ id: UUID_2 }), exportedAnnotation({ id: 'x' }), a]))).toEqual([
      `Annotation 3 (urn:uuid:${UUID_1}): the page address "javascript:alert(1)" is not a web address.`,
    ]);
  });

  it.each(['data:text/html,<b>x</b>', 'file:///etc/passwd', 'not a url', `https://example.com/${'a'.repeat(LIMITS.url)}`])(
    'other bad page address %#',
    (source) => {
      const a = exportedAnnotation();
      (a.target as Record<string, unknown>).source = source;
      const [e] = errorsOf(JSON.stringify([a]));
      expect(e).toMatch(/page address/);
    },
  );

  it('quote too long', () => {
    const a = exportedAnnotation();
    ((a.target as Record<string, unknown>).selector as Record<string, unknown>[])[0].exact = 'x'.repeat(LIMITS.quote + 1);
    expect(errorsOf(JSON.stringify([a]))).toEqual([
      `Annotation 1 (urn:uuid:${UUID_1}): its quote is 10,001 characters long; the most is 10,000 characters.`,
    ]);
  });

  it('no quote, empty quote, quote not text', () => {
    const noQuote = exportedAnnotation();
    (noQuote.target as Record<string, unknown>).selector = [{ type: 'TextPositionSelector', start: 1, end: 2 }];
    expect(errorsOf(JSON.stringify([noQuote]))[0]).toMatch(/no quoted text/);
    for (const exact of ['', 5, null]) {
      const a = exportedAnnotation();
      ((a.target as Record<string, unknown>).selector as Record<string, unknown>[])[0].exact = exact;
      expect(errorsOf(JSON.stringify([a]))[0]).toMatch(/quote/);
    }
  });

  it('bad position', () => {
    for (const pos of [{ start: -1, end: 2 }, { start: 5, end: 2 }, { start: '1', end: 2 }, { start: 1.5, end: 2 }, {}]) {
      const a = exportedAnnotation();
      ((a.target as Record<string, unknown>).selector as Record<string, unknown>[])[1] = { type: 'TextPositionSelector', ...pos };
      expect(errorsOf(JSON.stringify([a]))[0]).toMatch(/TextPositionSelector/);
    }
  });

  it('tags of the wrong type', () => {
    const a = exportedAnnotation();
    a.body = [{ type: 'TextualBody', value: 42, purpose: 'tagging' }];
    expect(errorsOf(JSON.stringify([a]))).toEqual([`Annotation 1 (urn:uuid:${UUID_1}): its tag 1 should be text; it is the number 42.`]);
    const b = exportedAnnotation();
    b.body = 17;
    expect(errorsOf(JSON.stringify([b]))[0]).toMatch(/body should be a list/);
  });

  it('too many tags, empty tag, long tag, long note', () => {
    const tooMany = exportedAnnotation({ tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) });
    expect(errorsOf(JSON.stringify([tooMany]))[0]).toMatch(/51 tags; the most is 50/);
    const empty = exportedAnnotation({ tags: [' '] });
    expect(errorsOf(JSON.stringify([empty]))[0]).toMatch(/tag 1 is empty/);
    const long = exportedAnnotation({ tags: ['t'.repeat(LIMITS.tag + 1)] });
    expect(errorsOf(JSON.stringify([long]))[0]).toMatch(/101 characters long/);
    const note = exportedAnnotation({ note: 'n'.repeat(LIMITS.note + 1) });
    expect(errorsOf(JSON.stringify([note]))[0]).toMatch(/note is 20,001 characters/);
  });

  it('bad dates, entities, anchor, title', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ created: '2024-02-30T00:00:00Z' }, /"created" date "2024-02-30T00:00:00Z" is not an ISO 8601 date/],
      [{ modified: 'yesterday' }, /"modified" date "yesterday"/],
      [{ created: 1700000000000 }, /"created" date should be ISO 8601 text/],
      [{ 'backstory:entities': [{ id: 'Q1' }] }, /entity 1/],
      [{ 'backstory:entities': 'Q1' }, /entities .* should be a list/],
      [{ 'backstory:dates': [{ edtf: '', text: 'x' }] }, /date 1/],
      [{ 'backstory:anchor': { state: 'lost', at: 1 } }, /anchor/],
      [{ 'backstory:anchor': { state: 'found', method: 'guess', at: 1 } }, /anchor/],
    ];
    for (const [patch, message] of cases) {
      const a = { ...exportedAnnotation(), ...patch };
      expect(errorsOf(JSON.stringify([a]))[0]).toMatch(message);
    }
    const t = exportedAnnotation();
    (t.target as Record<string, unknown>)['backstory:title'] = ['not', 'text'];
    expect(errorsOf(JSON.stringify([t]))[0]).toMatch(/title should be text; it is a list/);
    const many = exportedAnnotation({ entities: Array.from({ length: LIMITS.entities + 1 }, (_, i) => ({ id: `Q${i}`, name: 'n' })) });
    expect(errorsOf(JSON.stringify([many]))[0]).toMatch(/201 entities/);
  });

  it('ids: missing, not text, too long, broken urn:uuid', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /has no id/],
      [7, /id should be text/],
      [`urn:backstory:${'i'.repeat(LIMITS.id + 1)}`, /id is 201 characters/],
      ['urn:uuid:not-a-uuid', /no UUID follows/],
      ['urn:backstory:%E0%A4%A', /not correctly encoded/],
    ];
    for (const [id, message] of cases) {
      const a = exportedAnnotation();
      if (id === undefined) delete a.id;
      else a.id = id;
      expect(errorsOf(JSON.stringify([a]))[0]).toMatch(message);
    }
  });

  it('duplicate ids', () => {
    const a = exportedAnnotation();
    expect(errorsOf(JSON.stringify([a, exportedAnnotation({ id: UUID_2 }), a]))).toEqual([
      `Annotation 3 (urn:uuid:${UUID_1}): it has the same id as annotation 1.`,
    ]);
    // The same id written two ways is still the same highlight.
    const upper = { ...a, id: `URN:UUID:${UUID_1}` };
    expect(errorsOf(JSON.stringify([a, upper]))[0]).toMatch(/same id as annotation 1/);
  });

  it('duplicate saved pages', () => {
    const page = { source: 'https://a.example/', title: 't', created: '2024-01-01T00:00:00Z' };
    const doc = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [] }, 'backstory:pages': [page, page] };
    expect(errorsOf(JSON.stringify(doc))).toEqual(['Saved page 2 ("https://a.example/"): it is the same page as saved page 1.']);
  });

  it('a total that does not match the items', () => {
    const doc = toWebAnnotations([highlight()], [], EXPORTED) as Record<string, unknown>;
    doc.total = 5;
    expect(errorsOf(JSON.stringify(doc))[0]).toMatch(/says it holds 5 annotations but 1 are in the file/);
  });

  it('"__proto__" and "constructor" keys pollute nothing', () => {
    const a = exportedAnnotation();
    const json = JSON.stringify([a])
      .replace('"type":"Annotation"', '"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"type":"Annotation"')
      .replace('"type":"TextQuoteSelector"', '"__proto__":{"exact":"evil"},"type":"TextQuoteSelector"')
      .replace('"id":"Q4"', '"__proto__":{"x":1},"id":"Q4"');
    expect(json).toContain('__proto__');
    const r = parseWebAnnotations(json);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    if (!r.ok) return;
    const [h] = r.highlights;
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(h.quote)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(h.entities[0])).toBe(Object.prototype);
    expect(Object.keys(h).sort()).toEqual(['createdAt', 'dates', 'entities', 'id', 'note', 'position', 'quote', 'tags', 'title', 'updatedAt', 'url']);
    expect(h).toStrictEqual(highlight());
    expect((h as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a prototype key cannot stand in for a missing field', () => {
    // "exact" only reachable through __proto__: must count as missing.
    const a = exportedAnnotation();
    const json = JSON.stringify([a]).replace(/"exact":"the Yalta Conference"/, '"__proto__":{"exact":"sneaky"}');
    expect(errorsOf(json)[0]).toMatch(/quote \("exact"\) should be text/);
    expect(errorsOf('{"__proto__": {"type": "AnnotationPage", "items": []}}')[0]).toMatch(/has no "type"/);
  });

  it('inherited properties never count as fields, even on a polluted Object.prototype', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    Object.defineProperty(proto, 'backstory:anchor', { value: { state: 'found', at: 1 }, configurable: true });
    Object.defineProperty(proto, 'bodyValue', { value: 'injected note', configurable: true });
    try {
      const r = parseWebAnnotations(JSON.stringify([exportedAnnotation()]));
      expect(r).toEqual({ ok: true, highlights: [highlight()], pages: [] });
      expect(r.ok && r.highlights[0]).not.toHaveProperty('anchor');
    } finally {
      delete proto['backstory:anchor'];
      delete proto.bodyValue;
    }
    expect(Object.prototype).not.toHaveProperty('bodyValue');
  });

  it('a huge count of annotations is refused without reading each', () => {
    const json = `[${Array(MAX_IMPORT_ITEMS + 1).fill('0').join(',')}]`;
    expect(errorsOf(json)).toEqual(['The file holds 100,001 annotations; the most one import can take is 100,000.']);
  });

  it('an input that is too large is refused before parsing', () => {
    const big = '[' + ' '.repeat(50 * 1024 * 1024) + ']';
    const [e] = errorsOf(big);
    expect(e).toMatch(/too large/);
  });

  it('lists at most 20 problems, then counts the rest', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ ...exportedAnnotation({ id: `id${i}` }), created: 'nope' }));
    const errors = errorsOf(JSON.stringify(items));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]).toBe('Annotation 1 (urn:backstory:id0): its "created" date "nope" is not an ISO 8601 date.');
    expect(errors[MAX_REPORTED_ERRORS]).toBe('…and 10 more problems.');
  });

  it('one bad annotation among good ones returns nothing', () => {
    const bad = exportedAnnotation({ id: 'bad' });
    (bad.target as Record<string, unknown>).source = 'ftp://x.example/';
    const r = parseWebAnnotations(JSON.stringify([exportedAnnotation(), bad]));
    expect(r).toEqual({ ok: false, errors: ['Annotation 2 (urn:backstory:bad): the page address "ftp://x.example/" is not a web address.'] });
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2024-03-10T09:30:15.123Z', Date.UTC(2024, 2, 10, 9, 30, 15, 123)],
    ['2024-03-10T09:30:15Z', Date.UTC(2024, 2, 10, 9, 30, 15)],
    ['2024-03-10T11:30:15+02:00', Date.UTC(2024, 2, 10, 9, 30, 15)],
    ['2024-03-10T04:30-0500', Date.UTC(2024, 2, 10, 9, 30)],
    ['2024-03-10', Date.UTC(2024, 2, 10)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0050-01-01T00:00:00.000Z', Date.parse('0050-01-01T00:00:00.000Z')],
    ['+010000-01-01T00:00:00.000Z', Date.parse('+010000-01-01T00:00:00.000Z')],
  ])('%s', (s, t) => {
    expect(parseIsoDate(s)).toBe(t);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-01-01T24:00:00Z', '10 March 2024', '2024-01-01T00:00:00+25:00', ''])(
    'refuses %s',
    (s) => {
      expect(parseIsoDate(s)).toBeNull();
    },
  );
});

describe('toMarkdown', () => {
  function frontMatter(content: string): Record<string, unknown> {
    const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
    expect(m).not.toBeNull();
    return parseYaml(m![1]) as Record<string, unknown>;
  }

  it('writes one file per page, including saved pages without highlights', () => {
    const files = toMarkdown(sample(), [...PAGES, { url: 'https://third.example/', title: 'Unread', savedAt: T0 + 50, updatedAt: T0 + 50, read: false }], EXPORTED);
    expect(files.map((f) => f.filename)).toEqual(['Читать позже.md', 'Yalta, eighty years on.md', 'Unread.md']);
    const unread = files[2].content;
    expect(frontMatter(unread)).toMatchObject({ title: 'Unread', status: 'unread', tags: ['backstory'], entities: [] });
    expect(unread).toContain('_No highlights yet._');
  });

  it('front matter is valid YAML with the page facts, even with hostile titles', () => {
    const title = 'He said: "no" — \'quoted\' #1\n---\nevil: true\u2028x';
    const hs = [
      highlight({ title, tags: ['cold war', 'history'], createdAt: T0 + 1 }),
      highlight({ id: UUID_2, title, tags: ['history', 'yalta'], entities: [{ id: 'Q5', name: 'Churchill: "Winnie"' }], createdAt: T0 }),
    ];
    const [file] = toMarkdown(hs, [], EXPORTED);
    const fm = frontMatter(file.content);
    expect(fm).toEqual({
      title: 'He said: "no" — \'quoted\' #1 --- evil: true x',
      source: 'https://news.example.com/world/yalta',
      created: new Date(T0).toISOString(),
      exported: EXPORTED.toISOString(),
      tags: ['backstory', 'history', 'yalta', 'cold-war'],
      entities: ['Churchill: "Winnie"', 'Yalta Conference'],
    });
    expect(fm).not.toHaveProperty('evil');
    expect(file.content.startsWith('---\n')).toBe(true);
  });

  it('a saved page carries its status and saved date', () => {
    const files = toMarkdown([], PAGES, EXPORTED);
    const fm = frontMatter(files[1].content);
    expect(fm.status).toBe('read');
    expect(fm.saved).toBe(new Date(PAGES[1].savedAt).toISOString());
    expect(fm.title).toBe('Читать позже');
  });

  it('every quote line is blockquoted, notes and tags follow, oldest first', () => {
    const hs = [
      highlight({ id: 'late', quote: { type: 'TextQuoteSelector', exact: 'later one', prefix: '', suffix: '' }, createdAt: T0 + 10, note: '', tags: [] }),
      highlight({
        id: 'early',
        quote: { type: 'TextQuoteSelector', exact: 'line one\n---\n\n# not a heading\r\nlast', prefix: '', suffix: '' },
        note: 'My **note**\nsecond line',
        tags: ['cold war', '#already'],
        createdAt: T0,
      }),
    ];
    const [file] = toMarkdown(hs, [], EXPORTED);
    expect(file.content).toContain(['> line one', '> ---', '> ', '> # not a heading', '> last', '', 'My **note**', 'second line', '', '#cold-war #already'].join('\n'));
    expect(file.content.indexOf('> line one')).toBeLessThan(file.content.indexOf('> later one'));
    expect(file.content).toContain('\n# Yalta, eighty years on\n');
    expect(file.content).toContain('[news.example.com](https://news.example.com/world/yalta)');
    // No quote text outside a blockquote line.
    for (const line of file.content.split('\n')) {
      if (line.includes('not a heading') || line.includes('later one')) expect(line.startsWith('> ')).toBe(true);
    }
  });

  it('file names are sanitised and unique', () => {
    const mk = (id: string, url: string, title: string, at: number) => highlight({ id, url, title, createdAt: at });
    const hs = [
      mk('1', 'https://a.example/1', 'War/Peace: a "history"?<>|*\\', T0),
      mk('2', 'https://a.example/2', 'War Peace a history', T0 + 1),
      mk('3', 'https://a.example/3', 'war peace A HISTORY', T0 + 2),
      mk('4', 'https://a.example/4', '', T0 + 3),
      mk('5', 'https://a.example/5', '...\u0000\u202e', T0 + 4),
      mk('6', 'https://a.example/6', 'x'.repeat(200), T0 + 5),
      mk('7', 'https://a.example/7', 'CON', T0 + 6),
      mk('8', 'https://a.example/8', '../../etc/passwd', T0 + 7),
    ];
    const names = toMarkdown(hs, [], EXPORTED).map((f) => f.filename);
    expect(names).toEqual([
      'War Peace a history.md',
      'War Peace a history (2).md',
      'war peace A HISTORY (3).md',
      'Untitled.md',
      'Untitled (2).md',
      `${'x'.repeat(80)}.md`,
      'CON_.md',
      'etc passwd.md',
    ]);
    for (const n of names) {
      expect(n).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
      expect(n.endsWith('.md')).toBe(true);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('safeFileName keeps Unicode and does not split an emoji', () => {
    expect(safeFileName('Ялта 1945 — cafe\u0301')).toBe('Ялта 1945 — caf\u00e9');
    const name = safeFileName('🎉'.repeat(100));
    expect(Array.from(name)).toHaveLength(80);
    expect(name).toBe('🎉'.repeat(80));
  });
});
