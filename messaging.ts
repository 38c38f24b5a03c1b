/**
 * The one typed protocol between content scripts, extension pages and the background.
 *
 * Every message names who may send it. The background classifies each sender from what the
 * browser itself says about it (never from the message body), validates the payload, and refuses
 * with a typed error instead of running a handler on anything unexpected.
 */

import type { Mention, PageFacts } from './core/detect/detector';
import type { SegmentInput } from './core/detect/document';
import type { DatedEvent, KbEntry } from './core/kb/types';
import { CONTEXT_LENGTH, LIMITS, type AnchorState, type Highlight, type TextPositionSelector, type TextQuoteSelector } from './core/annotations/types';

export type SenderKind = 'content' | 'page';

/** What the background knows about the knowledge base. */
export type KbStatus =
  | { state: 'none' }
  | { state: 'importing'; hash: string }
  | { state: 'ready'; hash: string; entries: number }
  | { state: 'error'; message: string };

export interface Status {
  version: string;
  kb: KbStatus;
  /** Details of the active KB for pages and benchmarks. */
  kbDetails?: { importedAt: number; importMs: number; aliases: number; events: number } | null;
}

/** What a content script tells the background about the page it runs in. */
export interface PageReportRequest {
  active: boolean;
  /** How it runs when active: marking, or only when the reader asks. */
  mode?: 'on' | 'ask';
  /** Names and dates detection found (absent before detection ran). */
  entities?: number;
  dates?: number;
  /** Mentions painted as marks. */
  marks?: number;
  /** Whether the page's browser has the CSS Custom Highlight API that paints marks. */
  highlightApi?: boolean;
  /** Why Backstory is not active on the page, when it is not. */
  reason?: 'paused' | 'site-off' | 'unsupported';
  /** Visible text segments collected for scanning (0 when not active). */
  segments: number;
  /** Characters in those segments. */
  characters: number;
}

export interface DetectRequest {
  segments: SegmentInput[];
  facts?: PageFacts;
  /**
   * A content script's reading of one page (random, per page session): the background keeps the
   * last text and answer of each, so that later reads send and get back only what changed.
   */
  session?: string;
  /** `segments` continue the first `keepSegments` segments of answer `revision` of this session. */
  base?: { revision: number; keepSegments: number };
}

export type DetectResponse =
  | {
      /**
       * Offsets index the segments joined as core/detect/document.ts joins them. With a base, these
       * follow the first `keep` mentions of the base answer (see core/detect/delta.ts).
       */
      mentions: Mention[];
      keep: number;
      /** This answer's number in its session, for the next read's base. */
      revision: number;
      /**
       * How many mentions follow `keep` in all. Long answers come in parts of DETECT_PART
       * (each message is one task on the page): fetch the rest with `detectMore`.
       */
      total: number;
      ms: number;
    }
  /** The background no longer has the base (it restarted, or forgot it): send the whole text. */
  | { stale: true };

/** The most mentions one message carries back to a page (a task of about 20 ms in Chromium). */
export const DETECT_PART = 800;

export interface DetectMoreRequest {
  session: string;
  revision: number;
  /** Index into the answer's whole mention list. */
  from: number;
}

/** Limits on what a page may ask the background to read: a 5 MB page is far past any news article. */
export const DETECT_LIMITS = { segments: 100_000, characters: 5_000_000 } as const;

export interface TabReport extends PageReportRequest {
  tabId: number;
  url: string;
  site: string | null;
  /** Milliseconds since the epoch, background clock. */
  at: number;
}

export interface DatedHitView {
  event: DatedEvent;
  entry: KbEntry;
}

/** A highlight as the content script saves it; the background adds the page address and times. */
export interface HighlightInput {
  id: string;
  title: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  note: string;
  tags: string[];
  entities: Highlight['entities'];
  dates: Highlight['dates'];
}

export interface AnchorReport {
  id: string;
  state: AnchorState['state'];
  method?: AnchorState['method'];
}

export interface Protocol {
  getStatus: { request: Record<string, never>; response: Status; from: SenderKind[] };
  getEntry: { request: { id: string }; response: KbEntry | null; from: SenderKind[] };
  findByAlias: { request: { name: string }; response: KbEntry[]; from: SenderKind[] };
  getRelated: { request: { id: string }; response: KbEntry[]; from: SenderKind[] };
  onThisDay: { request: { month: number; day: number }; response: DatedHitView[]; from: SenderKind[] };
  inYears: { request: { from: number; to: number }; response: DatedHitView[]; from: SenderKind[] };
  detect: { request: DetectRequest; response: DetectResponse; from: SenderKind[] };
  /** The next part of a long detection answer. */
  detectMore: { request: DetectMoreRequest; response: { mentions: Mention[] } | { stale: true }; from: SenderKind[] };
  reportPage: { request: PageReportRequest; response: { received: true }; from: ['content'] };
  getTabReport: { request: { tabId: number }; response: TabReport | null; from: ['page'] };
  /** Saves (or saves again, idempotently) a highlight on the sender's own page. */
  saveHighlight: { request: HighlightInput; response: Highlight; from: ['content'] };
  /** The sender's page's highlights, and the one to scroll to when the reading list opened it. */
  pageHighlights: { request: Record<string, never>; response: { highlights: Highlight[]; scrollTo: string | null }; from: ['content'] };
  reportAnchors: { request: { results: AnchorReport[] }; response: { changed: number }; from: ['content'] };
  /** Opens a highlight's page in a new tab, scrolled to it. */
  openHighlight: { request: { id: string }; response: { opened: boolean }; from: ['page'] };
}

export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Protocol[T]['request'];
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  backstory: 1;
  type: T;
  payload: RequestOf<T>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type ErrorCode = 'forbidden' | 'bad-request' | 'unknown-type' | 'failed';

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type Validator<T> = (payload: unknown) => payload is T;

interface MessageSpec<T extends MessageType> {
  from: readonly SenderKind[];
  validate: Validator<RequestOf<T>>;
}

const isEmpty = (p: unknown): p is Record<string, never> =>
  p === undefined || (isPlainObject(p) && Object.keys(p).length === 0);

const REASONS = new Set(['paused', 'site-off', 'unsupported']);

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const BOTH: SenderKind[] = ['content', 'page'];

export const MESSAGES: { [T in MessageType]: MessageSpec<T> } = {
  getStatus: { from: BOTH, validate: isEmpty },
  getEntry: { from: BOTH, validate: (p): p is { id: string } => isPlainObject(p) && hasOnlyKeys(p, ['id']) && isId(p.id) },
  findByAlias: {
    from: BOTH,
    validate: (p): p is { name: string } => isPlainObject(p) && hasOnlyKeys(p, ['name']) && isId(p.name),
  },
  getRelated: { from: BOTH, validate: (p): p is { id: string } => isPlainObject(p) && hasOnlyKeys(p, ['id']) && isId(p.id) },
  onThisDay: {
    from: BOTH,
    validate: (p): p is { month: number; day: number } =>
      isPlainObject(p) && hasOnlyKeys(p, ['month', 'day']) && isInt(p.month, 1, 12) && isInt(p.day, 1, 31),
  },
  inYears: {
    from: BOTH,
    validate: (p): p is { from: number; to: number } =>
      isPlainObject(p) && hasOnlyKeys(p, ['from', 'to']) && isInt(p.from, -9999, 9999) && isInt(p.to, -9999, 9999) && p.from <= p.to && p.to - p.from <= 200,
  },
  detect: { from: BOTH, validate: isDetectRequest },
  detectMore: {
    from: BOTH,
    validate: (p): p is DetectMoreRequest =>
      isPlainObject(p) && hasOnlyKeys(p, ['session', 'revision', 'from']) && isSessionId(p.session) && isCount(p.revision) && isCount(p.from),
  },
  reportPage: {
    from: ['content'],
    validate: (p): p is PageReportRequest =>
      isPlainObject(p) &&
      hasOnlyKeys(p, ['active', 'mode', 'reason', 'segments', 'characters', 'entities', 'dates', 'marks', 'highlightApi']) &&
      typeof p.active === 'boolean' &&
      (p.mode === undefined || p.mode === 'on' || p.mode === 'ask') &&
      (p.marks === undefined || isCount(p.marks)) &&
      (p.highlightApi === undefined || typeof p.highlightApi === 'boolean') &&
      (p.entities === undefined || isCount(p.entities)) &&
      (p.dates === undefined || isCount(p.dates)) &&
      (p.reason === undefined || (typeof p.reason === 'string' && REASONS.has(p.reason))) &&
      isCount(p.segments) &&
      isCount(p.characters),
  },
  getTabReport: {
    from: ['page'],
    validate: (p): p is { tabId: number } => isPlainObject(p) && hasOnlyKeys(p, ['tabId']) && isCount(p.tabId),
  },
  saveHighlight: { from: ['content'], validate: isHighlightInput },
  pageHighlights: { from: ['content'], validate: isEmpty },
  reportAnchors: {
    from: ['content'],
    validate: (p): p is { results: AnchorReport[] } =>
      isPlainObject(p) &&
      hasOnlyKeys(p, ['results']) &&
      Array.isArray(p.results) &&
      p.results.length <= 10_000 &&
      p.results.every(
        (r) =>
          isPlainObject(r) &&
          hasOnlyKeys(r, ['id', 'state', 'method']) &&
          isId(r.id) &&
          (r.state === 'found' || r.state === 'orphan') &&
          (r.method === undefined || r.method === 'position' || r.method === 'exact' || r.method === 'fuzzy'),
      ),
  },
  openHighlight: { from: ['page'], validate: (p): p is { id: string } => isPlainObject(p) && hasOnlyKeys(p, ['id']) && isId(p.id) },
};

const isString = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

export function isHighlightInput(p: unknown): p is HighlightInput {
  if (!isPlainObject(p) || !hasOnlyKeys(p, ['id', 'title', 'quote', 'position', 'note', 'tags', 'entities', 'dates'])) return false;
  const q = p.quote;
  const pos = p.position;
  return (
    isId(p.id) &&
    isString(p.title, LIMITS.title) &&
    isPlainObject(q) &&
    hasOnlyKeys(q, ['type', 'exact', 'prefix', 'suffix']) &&
    q.type === 'TextQuoteSelector' &&
    isString(q.exact, LIMITS.quote, 1) &&
    /\S/.test(q.exact) &&
    isString(q.prefix, CONTEXT_LENGTH) &&
    isString(q.suffix, CONTEXT_LENGTH) &&
    isPlainObject(pos) &&
    hasOnlyKeys(pos, ['type', 'start', 'end']) &&
    pos.type === 'TextPositionSelector' &&
    isCount(pos.start) &&
    isCount(pos.end) &&
    pos.end >= pos.start &&
    isString(p.note, LIMITS.note) &&
    Array.isArray(p.tags) &&
    p.tags.length <= LIMITS.tags &&
    p.tags.every((t) => isString(t, LIMITS.tag, 1)) &&
    Array.isArray(p.entities) &&
    p.entities.length <= LIMITS.entities &&
    p.entities.every((e) => isPlainObject(e) && hasOnlyKeys(e, ['id', 'name']) && isId(e.id) && isString(e.name, LIMITS.title)) &&
    Array.isArray(p.dates) &&
    p.dates.length <= LIMITS.dates &&
    p.dates.every((d) => isPlainObject(d) && hasOnlyKeys(d, ['edtf', 'text']) && isString(d.edtf, 64, 1) && isString(d.text, LIMITS.quote))
  );
}

/** The parts of `runtime.MessageSender` the classification reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * Who sent a message, from the browser's own account of the sender: an extension page (popup,
 * reading list — its URL is inside our origin), one of our content scripts (a tab, a web URL,
 * our extension id), or anything else (another extension, a web page, a forged sender), which is
 * refused.
 */
export function classifySender(
  sender: SenderInfo,
  self: { id: string; origin: string },
): SenderKind | 'foreign' {
  if (!sender || sender.id !== self.id) return 'foreign';
  const url = sender.url ?? '';
  const origin = self.origin.endsWith('/') ? self.origin : `${self.origin}/`;
  if (url.startsWith(origin)) return 'page';
  if (sender.tab && /^https?:/i.test(url)) return 'content';
  return 'foreign';
}

export type Handlers = {
  [T in MessageType]: (payload: RequestOf<T>, sender: SenderInfo) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

/**
 * Turns a raw `runtime.onMessage` call into a reply. Never throws: every failure becomes a typed
 * error reply, so the sender always learns what went wrong.
 */
export async function routeMessage(
  raw: unknown,
  sender: SenderInfo,
  self: { id: string; origin: string },
  handlers: Handlers,
): Promise<Reply<unknown>> {
  try {
    const kind = classifySender(sender, self);
    if (kind === 'foreign') throw new ProtocolError('forbidden', 'Messages from outside Backstory are refused.');
    if (!isPlainObject(raw) || raw.backstory !== 1 || typeof raw.type !== 'string') {
      throw new ProtocolError('bad-request', 'Not a Backstory message.');
    }
    if (!Object.prototype.hasOwnProperty.call(MESSAGES, raw.type)) {
      throw new ProtocolError('unknown-type', `Unknown message type "${raw.type.slice(0, 40)}".`);
    }
    const type = raw.type as MessageType;
    const spec = MESSAGES[type] as MessageSpec<MessageType>;
    if (!spec.from.includes(kind)) {
      throw new ProtocolError('forbidden', `"${type}" may not be sent from a ${kind === 'content' ? 'web page' : 'extension page'}.`);
    }
    if (!spec.validate(raw.payload)) throw new ProtocolError('bad-request', `Malformed "${type}" payload.`);
    const handler = handlers[type] as (p: unknown, s: SenderInfo) => unknown;
    return { ok: true, value: await handler(raw.payload ?? {}, sender) };
  } catch (err) {
    if (err instanceof ProtocolError) return { ok: false, error: { code: err.code, message: err.message } };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'failed', message } };
  }
}

/** The transport: `browser.runtime.sendMessage` in the extension, a fake in tests. */
export type Transport = (message: Envelope) => Promise<unknown>;

/** Sends a message and returns its typed response, or throws a {@link ProtocolError}. */
export async function sendMessage<T extends MessageType>(
  transport: Transport,
  type: T,
  ...args: RequestOf<T> extends Record<string, never> ? [payload?: RequestOf<T>] : [payload: RequestOf<T>]
): Promise<ResponseOf<T>> {
  const payload = (args[0] ?? {}) as RequestOf<T>;
  const reply = (await transport({ backstory: 1, type, payload })) as Reply<ResponseOf<T>> | undefined;
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new ProtocolError('failed', `No answer from the Backstory background for "${type}".`);
  }
  if (!reply.ok) throw new ProtocolError(reply.error.code, reply.error.message);
  return reply.value;
}

function isDetectRequest(p: unknown): p is DetectRequest {
  if (!isPlainObject(p) || !hasOnlyKeys(p, ['segments', 'facts', 'session', 'base']) || !Array.isArray(p.segments)) return false;
  if (p.session !== undefined && !isSessionId(p.session)) return false;
  if (p.base !== undefined) {
    const b = p.base;
    if (p.session === undefined || !isPlainObject(b) || !hasOnlyKeys(b, ['revision', 'keepSegments']) || !isCount(b.revision) || !isCount(b.keepSegments)) return false;
    if (b.keepSegments > DETECT_LIMITS.segments) return false;
  }
  if (p.segments.length > DETECT_LIMITS.segments) return false;
  let chars = 0;
  for (const s of p.segments as unknown[]) {
    if (!isPlainObject(s) || !hasOnlyKeys(s, ['text', 'block', 'role', 'gap']) || typeof s.text !== 'string' || !isCount(s.block)) return false;
    if (s.gap !== undefined && typeof s.gap !== 'boolean') return false;
    if (s.role !== undefined && s.role !== 'story' && s.role !== 'meta') return false;
    chars += s.text.length;
    if (chars > DETECT_LIMITS.characters) return false;
  }
  if (p.facts === undefined) return true;
  const f = p.facts;
  return (
    isPlainObject(f) &&
    hasOnlyKeys(f, ['publishedAt', 'lang']) &&
    (f.publishedAt === undefined || (typeof f.publishedAt === 'string' && f.publishedAt.length <= 64)) &&
    (f.lang === undefined || (typeof f.lang === 'string' && f.lang.length <= 35))
  );
}

function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && /^[\w-]{8,64}$/.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasOnlyKeys(value: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
