/**
 * Moving a reader's highlights and saved pages in and out of Backstory.
 *
 * - `toWebAnnotations` / `parseWebAnnotations`: a W3C Web Annotation (JSON-LD) collection, the
 *   format other annotation tools read and write. Backstory's own fields (title, entities, dates,
 *   anchor, saved pages) ride along under the `backstory:` prefix, so an export imports back
 *   unchanged.
 * - `toMarkdown`: one Markdown file per page, with YAML front matter, for Obsidian and the like.
 *
 * Pure: no DOM, no browser APIs. Import treats its input as hostile: it reads only the fields it
 * knows, as own properties, and builds every result object field by field, so keys such as
 * `__proto__` or `constructor` are never copied anywhere. Nothing is returned unless everything
 * in the file is valid.
 */
import {
  CONTEXT_LENGTH,
  LIMITS,
  type AnchorState,
  type Highlight,
  type HighlightDate,
  type HighlightEntity,
  type SavedPage,
  type TextPositionSelector,
  type TextQuoteSelector,
} from './types';
import { normaliseUrl } from './url';

// ---------------------------------------------------------------------------------------------
// Limits for an import file as a whole.

/** Longest input `parseWebAnnotations` reads, in UTF-16 code units (about 50 MB of text). */
export const MAX_IMPORT_LENGTH = 50 * 1024 * 1024;
/** Most annotations (and, separately, saved pages) one import may hold. */
export const MAX_IMPORT_ITEMS = 100_000;
/** Most problems listed one by one; the rest are counted in a last line. */
export const MAX_REPORTED_ERRORS = 20;
/** Longest EDTF string of a highlight's date. */
const MAX_EDTF = 100;
/** Longest id as it appears in the file (before it is mapped to a Highlight id). */
const MAX_RAW_ID = LIMITS.id * 3 + 20;

const NS = 'https://backstory.invalid/ns#';
const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { backstory: NS }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URN_UUID = 'urn:uuid:';
const URN_BACKSTORY = 'urn:backstory:';

// ---------------------------------------------------------------------------------------------
// Export: Web Annotation

/** A Highlight id as an IRI: `urn:uuid:…` for a UUID, `urn:backstory:<encoded id>` otherwise. */
export function highlightIri(id: string): string {
  return UUID.test(id) ? URN_UUID + id : URN_BACKSTORY + encodeURIComponent(id);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A W3C Web Annotation collection of `highlights`, with `pages` under `backstory:pages`.
 * The result is plain JSON (only objects, arrays, strings, numbers and booleans).
 */
export function toWebAnnotations(highlights: Highlight[], pages: SavedPage[], exportedAt: Date): object {
  const items = highlights.map((h) => {
    const body: Record<string, string>[] = [];
    if (h.note) body.push({ type: 'TextualBody', value: h.note, format: 'text/plain', purpose: 'commenting' });
    for (const tag of h.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
    const annotation: Record<string, unknown> = {
      id: highlightIri(h.id),
      type: 'Annotation',
      motivation: h.note ? 'commenting' : 'highlighting',
      created: iso(h.createdAt),
      modified: iso(h.updatedAt),
      body,
      target: {
        source: h.url,
        'backstory:title': h.title,
        selector: [
          { type: 'TextQuoteSelector', exact: h.quote.exact, prefix: h.quote.prefix, suffix: h.quote.suffix },
          { type: 'TextPositionSelector', start: h.position.start, end: h.position.end },
        ],
      },
      'backstory:entities': h.entities.map((e) => ({ id: e.id, name: e.name })),
      'backstory:dates': h.dates.map((d) => ({ edtf: d.edtf, text: d.text })),
    };
    if (h.anchor) {
      const anchor: Record<string, unknown> = { state: h.anchor.state };
      if (h.anchor.method !== undefined) anchor.method = h.anchor.method;
      anchor.at = h.anchor.at;
      annotation['backstory:anchor'] = anchor;
    }
    return annotation;
  });
  const savedPages = pages.map((p) => {
    const page: Record<string, unknown> = {
      type: 'backstory:SavedPage',
      source: p.url,
      title: p.title,
      created: iso(p.savedAt),
      modified: iso(p.updatedAt),
      read: p.read,
    };
    if (p.readAt !== undefined) page.readAt = iso(p.readAt);
    return page;
  });
  return {
    '@context': CONTEXT,
    type: 'AnnotationCollection',
    label: 'Backstory highlights',
    generator: { type: 'Software', name: 'Backstory' },
    generated: exportedAt.toISOString(),
    total: items.length,
    first: { type: 'AnnotationPage', items },
    'backstory:pages': savedPages,
  };
}

// ---------------------------------------------------------------------------------------------
// Import: Web Annotation

export type ParseResult = { ok: true; highlights: Highlight[]; pages: SavedPage[] } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: never anything inherited from Object.prototype. */
function own(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function hasOwn(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** JSON-LD lets `type` be one name or a list of names. */
function hasType(o: Obj, name: string): boolean {
  const t = own(o, 'type');
  return t === name || (Array.isArray(t) && t.includes(name));
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A value shown in a message: strings quoted and cut short, anything else by its kind. */
function show(v: unknown): string {
  if (typeof v === 'string') {
    const chars = Array.from(v);
    return JSON.stringify(chars.length > 60 ? chars.slice(0, 59).join('') + '…' : v);
  }
  return kind(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return `the number ${v}`;
  return typeof v;
}

class Problems {
  readonly list: string[] = [];
  count = 0;
  add(message: string): void {
    this.count++;
    if (this.list.length < MAX_REPORTED_ERRORS) this.list.push(message);
  }
  result(): string[] {
    const extra = this.count - this.list.length;
    return extra > 0 ? [...this.list, `…and ${thousands(extra)} more problem${extra === 1 ? '' : 's'}.`] : [...this.list];
  }
}

/** "12 characters" etc. */
function chars(n: number): string {
  return `${thousands(n)} character${n === 1 ? '' : 's'}`;
}

const ISO_DATE =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time, or null. A time without a zone
 * is read as UTC (a file has no local time zone); digits past milliseconds are dropped.
 */
export function parseIsoDate(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3));
  if (m[1] === '-000000') return null;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  date.setUTCHours(0, 0, 0, 0);
  // Days in this month: day 0 of the next month.
  const probe = new Date(date.getTime());
  probe.setUTCMonth(month, 0);
  if (day > probe.getUTCDate()) return null;
  date.setUTCDate(day);
  date.setUTCHours(hour, minute, second, ms);
  let t = date.getTime();
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (zh > 23 || zm > 59) return null;
    t -= sign * (zh * 60 + zm) * 60_000;
  }
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? t : null;
}

/** The first `n` UTF-16 units of `s`, never ending in half a surrogate pair. */
function headUnits(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = s.slice(0, n);
  if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** The last `n` UTF-16 units of `s`, never starting with half a surrogate pair. */
function tailUnits(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = s.slice(s.length - n);
  if (/^[\udc00-\udfff]/.test(out)) out = out.slice(1);
  return out;
}

function jsonSyntaxMessage(err: unknown, text: string): string {
  let message = err instanceof Error ? err.message : String(err);
  const at = /\bat position (\d+)/.exec(message);
  message = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s+in JSON at position \d+/, '').replace(/^JSON\.parse: /, '');
  if (at) {
    const pos = Number(at[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    message += ` (line ${line}, column ${column})`;
  }
  return `The file is not valid JSON: ${message}.`.replace(/\.\.$/, '.');
}

interface Found {
  annotations: unknown[];
  pages: unknown;
  total?: unknown;
}

/** Where the annotations are: a collection, a page, a list or one annotation. */
function locate(doc: unknown, problems: Problems): Found | null {
  const shapeHelp =
    'expected a Web Annotation collection (an AnnotationCollection), an AnnotationPage or a list of annotations';
  if (Array.isArray(doc)) return { annotations: doc, pages: undefined };
  if (!isObj(doc)) {
    problems.add(`The file is not a set of annotations: it holds ${kind(doc)}; ${shapeHelp}.`);
    return null;
  }
  if (hasType(doc, 'AnnotationCollection')) {
    const first = own(doc, 'first');
    let items: unknown;
    if (first === undefined) {
      items = own(doc, 'items');
      if (items === undefined) items = [];
    } else if (typeof first === 'string') {
      problems.add(
        `The collection's annotations are not in the file: it points to ${show(first)} for them. Export them as one file and import that.`,
      );
      return null;
    } else if (!isObj(first)) {
      problems.add(`The collection's "first" should be an AnnotationPage; it is ${kind(first)}.`);
      return null;
    } else {
      if (own(first, 'next') !== undefined) {
        problems.add(
          'The collection is split over several pages and only the first is in the file. Export it as one file and import that.',
        );
        return null;
      }
      items = own(first, 'items');
    }
    if (!Array.isArray(items)) {
      problems.add(`The collection's annotations ("items") should be a list; found ${kind(items)}.`);
      return null;
    }
    return { annotations: items, pages: own(doc, 'backstory:pages'), total: own(doc, 'total') };
  }
  if (hasType(doc, 'AnnotationPage')) {
    const items = own(doc, 'items');
    if (!Array.isArray(items)) {
      problems.add(`The page of annotations ("items") should be a list; found ${kind(items)}.`);
      return null;
    }
    return { annotations: items, pages: own(doc, 'backstory:pages') };
  }
  if (hasType(doc, 'Annotation')) return { annotations: [doc], pages: undefined };
  const t = own(doc, 'type');
  problems.add(
    `The file is not a set of annotations: ${t === undefined ? 'it has no "type"' : `its type is ${show(t)}`}; ${shapeHelp}.`,
  );
  return null;
}

/** The Highlight id for an annotation's IRI, or a problem with it. */
function highlightIdFromIri(raw: string): { id: string } | { problem: string } {
  if (raw.toLowerCase().startsWith(URN_UUID)) {
    const rest = raw.slice(URN_UUID.length);
    if (!UUID.test(rest)) return { problem: `its id ${show(raw)} starts with "urn:uuid:" but no UUID follows.` };
    return { id: rest };
  }
  if (raw.toLowerCase().startsWith(URN_BACKSTORY)) {
    let id: string;
    try {
      id = decodeURIComponent(raw.slice(URN_BACKSTORY.length));
    } catch {
      return { problem: `its id ${show(raw)} is not correctly encoded.` };
    }
    if (!id) return { problem: `its id ${show(raw)} is empty after "urn:backstory:".` };
    return { id };
  }
  return { id: raw };
}

/** A page address: an http(s) URL within LIMITS.url, normalised like every stored address. */
function readUrl(v: unknown, what: string, report: (m: string) => void): string | null {
  if (v === undefined) {
    report(`it has no ${what}.`);
    return null;
  }
  if (typeof v !== 'string') {
    report(`its ${what} should be text; it is ${kind(v)}.`);
    return null;
  }
  if (v.length > LIMITS.url) {
    report(`the ${what} is ${chars(v.length)} long; the most is ${chars(LIMITS.url)}.`);
    return null;
  }
  const url = normaliseUrl(v);
  if (url === null) {
    report(`the ${what} ${show(v)} is not a web address.`);
    return null;
  }
  if (url.length > LIMITS.url) {
    report(`the ${what} is longer than ${chars(LIMITS.url)} once tidied.`);
    return null;
  }
  return url;
}

function readDate(v: unknown, name: string, report: (m: string) => void): number | null {
  if (typeof v !== 'string') {
    report(`its "${name}" date should be ISO 8601 text; it is ${kind(v)}.`);
    return null;
  }
  const t = parseIsoDate(v);
  if (t === null) report(`its "${name}" date ${show(v)} is not an ISO 8601 date.`);
  return t;
}

/** An optional string within `max` UTF-16 units; absent → ''. */
function readText(v: unknown, what: string, max: number, report: (m: string) => void): string | null {
  if (v === undefined) return '';
  if (typeof v !== 'string') {
    report(`its ${what} should be text; it is ${kind(v)}.`);
    return null;
  }
  if (v.length > max) {
    report(`its ${what} is ${chars(v.length)} long; the most is ${chars(max)}.`);
    return null;
  }
  return v;
}

/** A list (or a single item, as JSON-LD allows) of selectors or bodies. */
function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function readQuote(selectors: unknown[], report: (m: string) => void): TextQuoteSelector | null {
  const sel = selectors.find((s) => isObj(s) && hasType(s, 'TextQuoteSelector'));
  if (!isObj(sel)) {
    report('it has no quoted text (a TextQuoteSelector in its target).');
    return null;
  }
  const exact = own(sel, 'exact');
  let ok = true;
  if (typeof exact !== 'string') {
    report(`its quote ("exact") should be text; it is ${kind(exact)}.`);
    ok = false;
  } else if (exact.length === 0) {
    report('its quote ("exact") is empty.');
    ok = false;
  } else if (exact.length > LIMITS.quote) {
    report(`its quote is ${chars(exact.length)} long; the most is ${chars(LIMITS.quote)}.`);
    ok = false;
  }
  const context = (key: 'prefix' | 'suffix'): string | null => {
    const v = own(sel, key);
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      report(`the text before or after its quote ("${key}") should be text; it is ${kind(v)}.`);
      return null;
    }
    // Other tools may keep more context than Backstory; only the nearest characters matter.
    return key === 'prefix' ? tailUnits(v, CONTEXT_LENGTH) : headUnits(v, CONTEXT_LENGTH);
  };
  const prefix = context('prefix');
  const suffix = context('suffix');
  if (!ok || prefix === null || suffix === null) return null;
  return { type: 'TextQuoteSelector', exact: exact as string, prefix, suffix };
}

/**
 * The TextPositionSelector if there is one. Without one the position is {start: 0, end: 0}: it
 * can never match a non-empty quote, so re-anchoring falls back to searching for the quote.
 */
function readPosition(selectors: unknown[], report: (m: string) => void): TextPositionSelector | null {
  const sel = selectors.find((s) => isObj(s) && hasType(s, 'TextPositionSelector'));
  if (!isObj(sel)) return { type: 'TextPositionSelector', start: 0, end: 0 };
  const start = own(sel, 'start');
  const end = own(sel, 'end');
  if (
    typeof start !== 'number' ||
    typeof end !== 'number' ||
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < start
  ) {
    report(
      `its position (TextPositionSelector) should have whole numbers "start" and "end" with 0 ≤ start ≤ end; it has start ${show(start)} and end ${show(end)}.`,
    );
    return null;
  }
  return { type: 'TextPositionSelector', start, end };
}

interface Bodies {
  note: string;
  tags: string[];
}

function readBodies(a: Obj, report: (m: string) => void): Bodies | null {
  const notes: string[] = [];
  const tags: string[] = [];
  let ok = true;
  const bodyValue = own(a, 'bodyValue');
  if (bodyValue !== undefined) {
    if (typeof bodyValue !== 'string') {
      report(`its "bodyValue" should be text; it is ${kind(bodyValue)}.`);
      ok = false;
    } else if (bodyValue) notes.push(bodyValue);
  }
  const body = own(a, 'body');
  if (body !== undefined && body !== null && typeof body !== 'string' && !isObj(body) && !Array.isArray(body)) {
    report(`its body should be a list of texts; it is ${kind(body)}.`);
    return null;
  }
  const items = asList(body);
  if (items.length > LIMITS.tags + 100) {
    report(`it has ${thousands(items.length)} bodies; the most is ${thousands(LIMITS.tags + 100)}.`);
    return null;
  }
  let tagNo = 0;
  items.forEach((b, i) => {
    // A bare IRI, or a body that is not text (an image, a link): nothing to keep.
    if (typeof b === 'string') return;
    if (!isObj(b)) {
      report(`its body ${i + 1} should be an object; it is ${kind(b)}.`);
      ok = false;
      return;
    }
    const value = own(b, 'value');
    const textual = hasType(b, 'TextualBody') || (own(b, 'type') === undefined && value !== undefined);
    if (!textual) return;
    const purposes = asList(own(b, 'purpose'));
    const isTag = purposes.includes('tagging') || purposes.includes('classifying');
    if (isTag) tagNo++;
    if (typeof value !== 'string') {
      report(`its ${isTag ? `tag ${tagNo}` : `body ${i + 1}`} should be text; it is ${kind(value)}.`);
      ok = false;
      return;
    }
    if (isTag) {
      if (value.trim() === '') {
        report(`its tag ${tagNo} is empty.`);
        ok = false;
      } else if (value.length > LIMITS.tag) {
        report(`its tag ${show(value)} is ${chars(value.length)} long; the most is ${chars(LIMITS.tag)}.`);
        ok = false;
      } else tags.push(value);
    } else if (value) notes.push(value);
  });
  if (tags.length > LIMITS.tags) {
    report(`it has ${thousands(tags.length)} tags; the most is ${thousands(LIMITS.tags)}.`);
    ok = false;
  }
  const note = notes.join('\n\n');
  if (note.length > LIMITS.note) {
    report(`its note is ${chars(note.length)} long; the most is ${chars(LIMITS.note)}.`);
    ok = false;
  }
  return ok ? { note, tags } : null;
}

function readEntities(v: unknown, report: (m: string) => void): HighlightEntity[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    report(`its entities ("backstory:entities") should be a list; found ${kind(v)}.`);
    return null;
  }
  if (v.length > LIMITS.entities) {
    report(`it has ${thousands(v.length)} entities; the most is ${thousands(LIMITS.entities)}.`);
    return null;
  }
  const out: HighlightEntity[] = [];
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    const id = isObj(e) ? own(e, 'id') : undefined;
    const name = isObj(e) ? own(e, 'name') : undefined;
    if (
      typeof id !== 'string' ||
      id.length === 0 ||
      id.length > LIMITS.id ||
      typeof name !== 'string' ||
      name.length > LIMITS.title
    ) {
      report(
        `its entity ${i + 1} should have a text "id" (1 to ${thousands(LIMITS.id)} characters) and a text "name" (up to ${thousands(LIMITS.title)}).`,
      );
      return null;
    }
    out.push({ id, name });
  }
  return out;
}

function readDates(v: unknown, report: (m: string) => void): HighlightDate[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    report(`its dates ("backstory:dates") should be a list; found ${kind(v)}.`);
    return null;
  }
  if (v.length > LIMITS.dates) {
    report(`it has ${thousands(v.length)} dates; the most is ${thousands(LIMITS.dates)}.`);
    return null;
  }
  const out: HighlightDate[] = [];
  for (let i = 0; i < v.length; i++) {
    const d = v[i];
    const edtf = isObj(d) ? own(d, 'edtf') : undefined;
    const text = isObj(d) ? own(d, 'text') : undefined;
    if (
      typeof edtf !== 'string' ||
      edtf.length === 0 ||
      edtf.length > MAX_EDTF ||
      typeof text !== 'string' ||
      text.length > LIMITS.title
    ) {
      report(
        `its date ${i + 1} should have a text "edtf" (1 to ${MAX_EDTF} characters) and a text "text" (up to ${thousands(LIMITS.title)}).`,
      );
      return null;
    }
    out.push({ edtf, text });
  }
  return out;
}

const ANCHOR_STATES = ['found', 'orphan'] as const;
const ANCHOR_METHODS = ['position', 'exact', 'fuzzy'] as const;

function readAnchor(v: unknown, report: (m: string) => void): AnchorState | undefined | null {
  if (v === undefined) return undefined;
  const state = isObj(v) ? own(v, 'state') : undefined;
  const method = isObj(v) ? own(v, 'method') : undefined;
  const at = isObj(v) ? own(v, 'at') : undefined;
  const stateOk = (ANCHOR_STATES as readonly unknown[]).includes(state);
  const methodOk = method === undefined || (ANCHOR_METHODS as readonly unknown[]).includes(method);
  if (!stateOk || !methodOk || typeof at !== 'number' || !Number.isFinite(at)) {
    report(
      'its anchor ("backstory:anchor") should have a "state" of "found" or "orphan", an optional "method" of "position", "exact" or "fuzzy", and a number "at".',
    );
    return null;
  }
  const s = state as AnchorState['state'];
  return method === undefined ? { state: s, at } : { state: s, method: method as AnchorState['method'], at };
}

function readAnnotation(
  a: unknown,
  index: number,
  problems: Problems,
  seen: Map<string, number>,
): { highlight: Highlight; titled: boolean } | null {
  const n = index + 1;
  if (!isObj(a)) {
    problems.add(`Annotation ${n} should be an object; it is ${kind(a)}.`);
    return null;
  }
  const rawId = own(a, 'id') ?? own(a, '@id');
  let label = `Annotation ${n}`;
  if (typeof rawId === 'string' && rawId) label += ` (${Array.from(rawId).length > 60 ? Array.from(rawId).slice(0, 59).join('') + '…' : rawId})`;
  let ok = true;
  const report = (m: string) => {
    ok = false;
    problems.add(`${label}: ${m}`);
  };

  if (own(a, 'type') !== undefined && !hasType(a, 'Annotation')) report(`its type is ${show(own(a, 'type'))}, not "Annotation".`);

  let id: string | null = null;
  if (rawId === undefined) report('it has no id.');
  else if (typeof rawId !== 'string') report(`its id should be text; it is ${kind(rawId)}.`);
  else if (rawId === '') report('its id is empty.');
  else if (rawId.length > MAX_RAW_ID) report(`its id is ${chars(rawId.length)} long; the most is ${chars(LIMITS.id)}.`);
  else {
    const mapped = highlightIdFromIri(rawId);
    if ('problem' in mapped) report(mapped.problem);
    else if (mapped.id.length > LIMITS.id) report(`its id is ${chars(mapped.id.length)} long; the most is ${chars(LIMITS.id)}.`);
    else {
      id = mapped.id;
      const earlier = seen.get(id);
      if (earlier !== undefined) report(`it has the same id as annotation ${earlier}.`);
      else seen.set(id, n);
    }
  }

  // The target: one object (a list of one is fine too).
  let target = own(a, 'target');
  if (Array.isArray(target) && target.length === 1) target = target[0];
  let url: string | null = null;
  let quote: TextQuoteSelector | null = null;
  let position: TextPositionSelector | null = null;
  let title: string | null = '';
  let titled = false;
  if (target === undefined) report('it has no target (the page and the quoted text).');
  else if (Array.isArray(target)) report(`it has ${target.length} targets; Backstory keeps one page and quote per highlight.`);
  else if (typeof target === 'string') report(`its target is only a page address (${show(target)}), with no quoted text.`);
  else if (!isObj(target)) report(`its target should be an object; it is ${kind(target)}.`);
  else {
    url = readUrl(own(target, 'source'), 'page address', report);
    const selector = own(target, 'selector');
    if (selector !== undefined && selector !== null && !isObj(selector) && !Array.isArray(selector)) {
      report(`its selector should be a list; it is ${kind(selector)}.`);
    } else {
      const selectors = asList(selector);
      quote = readQuote(selectors, report);
      position = readPosition(selectors, report);
    }
    titled = hasOwn(target, 'backstory:title');
    title = readText(own(target, 'backstory:title'), 'title', LIMITS.title, report);
  }

  // Dates: either may stand in for the other; one of them is needed.
  const createdRaw = own(a, 'created');
  const modifiedRaw = own(a, 'modified');
  let createdAt: number | null = null;
  let updatedAt: number | null = null;
  if (createdRaw === undefined && modifiedRaw === undefined) report('it has no "created" or "modified" date.');
  else {
    if (createdRaw !== undefined) createdAt = readDate(createdRaw, 'created', report);
    if (modifiedRaw !== undefined) updatedAt = readDate(modifiedRaw, 'modified', report);
    if (createdRaw === undefined) createdAt = updatedAt;
    if (modifiedRaw === undefined) updatedAt = createdAt;
  }

  const bodies = readBodies(a, report);
  const entities = readEntities(own(a, 'backstory:entities'), report);
  const dates = readDates(own(a, 'backstory:dates'), report);
  const anchor = readAnchor(own(a, 'backstory:anchor'), report);

  if (
    !ok ||
    id === null ||
    url === null ||
    quote === null ||
    position === null ||
    title === null ||
    createdAt === null ||
    updatedAt === null ||
    bodies === null ||
    entities === null ||
    dates === null ||
    anchor === null
  ) {
    return null;
  }
  const highlight: Highlight = {
    id,
    url,
    title,
    quote,
    position,
    note: bodies.note,
    tags: bodies.tags,
    entities,
    dates,
    createdAt,
    updatedAt,
  };
  if (anchor !== undefined) highlight.anchor = anchor;
  return { highlight, titled };
}

function readPage(p: unknown, index: number, problems: Problems, seen: Map<string, number>): SavedPage | null {
  const n = index + 1;
  if (!isObj(p)) {
    problems.add(`Saved page ${n} should be an object; it is ${kind(p)}.`);
    return null;
  }
  const source = own(p, 'source');
  const label = typeof source === 'string' && source ? `Saved page ${n} (${show(source)})` : `Saved page ${n}`;
  let ok = true;
  const report = (m: string) => {
    ok = false;
    problems.add(`${label}: ${m}`);
  };
  const url = readUrl(source, 'page address', report);
  if (url !== null) {
    const earlier = seen.get(url);
    if (earlier !== undefined) report(`it is the same page as saved page ${earlier}.`);
    else seen.set(url, n);
  }
  const title = readText(own(p, 'title'), 'title', LIMITS.title, report);
  const createdRaw = own(p, 'created');
  const modifiedRaw = own(p, 'modified');
  let savedAt: number | null = null;
  let updatedAt: number | null = null;
  if (createdRaw === undefined) report('it has no "created" date.');
  else savedAt = readDate(createdRaw, 'created', report);
  if (modifiedRaw === undefined) updatedAt = savedAt;
  else updatedAt = readDate(modifiedRaw, 'modified', report);
  const read = own(p, 'read');
  if (read !== undefined && typeof read !== 'boolean') report(`its "read" should be true or false; it is ${kind(read)}.`);
  const readAtRaw = own(p, 'readAt');
  let readAt: number | null | undefined;
  if (readAtRaw !== undefined) readAt = readDate(readAtRaw, 'readAt', report);
  if (!ok || url === null || title === null || savedAt === null || updatedAt === null || readAt === null) return null;
  const page: SavedPage = { url, title, savedAt, updatedAt, read: read === true };
  if (readAt !== undefined) page.readAt = readAt;
  return page;
}

/**
 * Reads a Web Annotation file: Backstory's own export, or another tool's (a collection, an
 * AnnotationPage, a list of annotations or one annotation). Everything is checked before
 * anything is returned; on any problem the result lists the problems (at most
 * MAX_REPORTED_ERRORS, then a count of the rest) and holds no highlights or pages.
 *
 * Decisions for other tools' files:
 * - An id `urn:uuid:<uuid>` becomes `<uuid>`, `urn:backstory:<encoded>` is decoded, any other id
 *   (e.g. an https IRI) is kept as it is, so importing the same file twice never duplicates.
 * - Page addresses are normalised (url.ts), like every address Backstory stores.
 * - Without a TextPositionSelector the position is {start: 0, end: 0}, which never matches a
 *   non-empty quote, so re-anchoring falls back to searching for the quote.
 * - A prefix or suffix longer than CONTEXT_LENGTH keeps only the characters nearest the quote.
 * - `body` may be one object or a list; TextualBody with purpose "tagging" (or "classifying") is
 *   a tag, any other TextualBody (and `bodyValue`) is part of the note, joined by a blank line.
 *   Bodies that are not text (images, links) are ignored.
 * - Missing `created` or `modified` takes the other; a time with no zone is read as UTC.
 * - A missing `backstory:title` takes the title of the saved page at the same address, or ''.
 */
export function parseWebAnnotations(json: string): ParseResult {
  const problems = new Problems();
  if (typeof json !== 'string') return { ok: false, errors: ['The file could not be read as text.'] };
  if (json.length > MAX_IMPORT_LENGTH) {
    return {
      ok: false,
      errors: [
        `The file is too large to import: ${(json.length / (1024 * 1024)).toFixed(1)} MB; the most is ${MAX_IMPORT_LENGTH / (1024 * 1024)} MB.`,
      ],
    };
  }
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
  if (text.trim() === '') return { ok: false, errors: ['The file is empty.'] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [jsonSyntaxMessage(err, text)] };
  }

  const found = locate(doc, problems);
  if (!found) return { ok: false, errors: problems.result() };
  const { annotations } = found;
  if (annotations.length > MAX_IMPORT_ITEMS) {
    return {
      ok: false,
      errors: [
        `The file holds ${thousands(annotations.length)} annotations; the most one import can take is ${thousands(MAX_IMPORT_ITEMS)}.`,
      ],
    };
  }
  const total = found.total;
  if (total !== undefined && total !== annotations.length) {
    problems.add(
      typeof total === 'number'
        ? `The collection says it holds ${thousands(total)} annotations but ${thousands(annotations.length)} are in the file; it may be cut short.`
        : `The collection's "total" should be the number of annotations; it is ${show(total)}.`,
    );
  }

  let rawPages: unknown[] = [];
  if (found.pages !== undefined) {
    if (!Array.isArray(found.pages)) {
      problems.add(`The saved pages ("backstory:pages") should be a list; found ${kind(found.pages)}.`);
    } else if (found.pages.length > MAX_IMPORT_ITEMS) {
      return {
        ok: false,
        errors: [
          `The file holds ${thousands(found.pages.length)} saved pages; the most one import can take is ${thousands(MAX_IMPORT_ITEMS)}.`,
        ],
      };
    } else rawPages = found.pages;
  }

  const seenPages = new Map<string, number>();
  const pages: SavedPage[] = [];
  rawPages.forEach((p, i) => {
    const page = readPage(p, i, problems, seenPages);
    if (page) pages.push(page);
  });

  const seenIds = new Map<string, number>();
  const read: { highlight: Highlight; titled: boolean }[] = [];
  annotations.forEach((a, i) => {
    const r = readAnnotation(a, i, problems, seenIds);
    if (r) read.push(r);
  });

  if (problems.count > 0) return { ok: false, errors: problems.result() };

  const pageTitles = new Map<string, string>();
  for (const p of pages) pageTitles.set(p.url, p.title);
  const highlights = read.map(({ highlight, titled }) => {
    if (!titled) highlight.title = pageTitles.get(highlight.url) ?? '';
    return highlight;
  });
  return { ok: true, highlights, pages };
}

// ---------------------------------------------------------------------------------------------
// Export: Markdown

/**
 * A YAML double-quoted scalar. JSON string syntax is valid YAML; characters that some YAML
 * readers take as line breaks or byte-order marks are escaped as well.
 */
function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** A tag as Obsidian writes it: no leading '#', runs of white space as one hyphen. */
function tagName(tag: string): string {
  return tag.trim().replace(/^#+/, '').replace(/\s+/g, '-');
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A file name (without extension) from a title: safe on Windows, macOS and Linux and in
 * Obsidian links. Forbidden and control characters become spaces, the result is trimmed (no
 * leading or trailing dots either), cut to 80 characters, and 'Untitled' when nothing is left.
 */
export function safeFileName(title: string): string {
  let name = title
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/[/\\:*?"<>|#^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const cps = Array.from(name);
  if (cps.length > 80) name = cps.slice(0, 80).join('').replace(/[.\s]+$/, '');
  if (!name) return 'Untitled';
  if (WINDOWS_RESERVED.test(name)) name = `${name}_`;
  return name;
}

function lines(s: string): string[] {
  return s.split(/\r\n|\r|\n|\u2028|\u2029/);
}

function markdownUrl(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

interface PageGroup {
  url: string;
  page?: SavedPage;
  highlights: Highlight[];
}

/**
 * One Markdown file per page: every address with highlights, and every saved page. YAML front
 * matter (title, source, created, saved, exported, status, tags, entities), a heading, a link
 * to the page, then each highlight oldest first: its quote as a blockquote (every line starts
 * with "> ", so no quote line can end the quote or start front matter), its note as ordinary
 * text, its tags as #tags. Files come oldest page first; names are unique, case-insensitively.
 */
export function toMarkdown(
  highlights: Highlight[],
  pages: SavedPage[],
  exportedAt: Date,
): { filename: string; content: string }[] {
  const groups = new Map<string, PageGroup>();
  const group = (url: string): PageGroup => {
    let g = groups.get(url);
    if (!g) {
      g = { url, highlights: [] };
      groups.set(url, g);
    }
    return g;
  };
  for (const p of pages) {
    const g = group(p.url);
    if (!g.page) g.page = p;
  }
  for (const h of highlights) group(h.url).highlights.push(h);

  const starts = new Map<PageGroup, number>();
  for (const g of groups.values()) {
    let t = g.page ? g.page.savedAt : Infinity;
    for (const h of g.highlights) if (h.createdAt < t) t = h.createdAt;
    starts.set(g, t);
  }
  const start = (g: PageGroup): number => starts.get(g) ?? 0;
  const ordered = [...groups.values()].sort((a, b) => start(a) - start(b) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));

  const taken = new Set<string>();
  return ordered.map((g) => {
    const hs = [...g.highlights].sort((a, b) => a.createdAt - b.createdAt);
    const newestTitled = [...hs].reverse().find((h) => h.title.trim());
    const title = (g.page?.title.trim() ? g.page.title : newestTitled?.title ?? '').replace(/\s+/g, ' ').trim();

    const tags = ['backstory'];
    for (const h of hs) {
      for (const t of h.tags) {
        const name = tagName(t);
        if (name && !tags.includes(name)) tags.push(name);
      }
    }
    const entityIds = new Set<string>();
    const entities: string[] = [];
    for (const h of hs) {
      for (const e of h.entities) {
        if (entityIds.has(e.id)) continue;
        entityIds.add(e.id);
        entities.push(e.name);
      }
    }

    const front: string[] = ['---'];
    front.push(`title: ${yamlString(title || g.url)}`);
    front.push(`source: ${yamlString(g.url)}`);
    front.push(`created: ${yamlString(iso(start(g)))}`);
    if (g.page) front.push(`saved: ${yamlString(iso(g.page.savedAt))}`);
    front.push(`exported: ${yamlString(exportedAt.toISOString())}`);
    if (g.page) front.push(`status: ${yamlString(g.page.read ? 'read' : 'unread')}`);
    front.push('tags:', ...tags.map((t) => `  - ${yamlString(t)}`));
    if (entities.length) front.push('entities:', ...entities.map((e) => `  - ${yamlString(e)}`));
    else front.push('entities: []');
    front.push('---');

    const body: string[] = ['', `# ${title || 'Untitled'}`, '', `Source: [${hostOf(g.url).replace(/[[\]\\]/g, '\\$&')}](${markdownUrl(g.url)})`];
    if (!hs.length) body.push('', '_No highlights yet._');
    hs.forEach((h, i) => {
      if (i > 0) body.push('', '---');
      body.push('');
      for (const line of lines(h.quote.exact)) body.push(`> ${line}`);
      if (h.note) body.push('', ...lines(h.note));
      const hashTags = h.tags.map(tagName).filter(Boolean);
      if (hashTags.length) body.push('', hashTags.map((t) => `#${t}`).join(' '));
    });

    const base = safeFileName(title);
    let filename = `${base}.md`;
    for (let n = 2; taken.has(filename.toLowerCase()); n++) filename = `${base} (${n}).md`;
    taken.add(filename.toLowerCase());
    return { filename, content: [...front, ...body, ''].join('\n') };
  });
}
