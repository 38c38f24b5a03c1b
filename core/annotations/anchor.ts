/**
 * Describing a highlight's place in a page's text, and finding it again when the page has changed.
 *
 * A highlight keeps two W3C Web Annotation selectors (see ./types.ts): the quote with up to
 * CONTEXT_LENGTH characters either side, and the quote's offsets. `anchor` tries, in order:
 *
 *  1. the saved position, if the text there is still the quote ('position');
 *  2. the quote verbatim anywhere on the page; among several copies the one whose surroundings
 *     best match the saved prefix and suffix ('exact');
 *  3. a close match: the page may have had a few characters of the quote edited, or its spacing
 *     changed. Candidate places come from exact hits of short pieces of the quote and of its
 *     context; around each, the quote is aligned against the text (edit distance, banded), and the
 *     best span wins if the quote itself is at least 80 % the same ('fuzzy').
 *
 * Otherwise null: the highlight is an orphan. A deleted or rewritten quote must never anchor to a
 * wrong span, so the fuzzy step errs on the side of null.
 *
 * All offsets are UTF-16 code units into the string given. Pure: no DOM, no dependencies.
 */
import { CONTEXT_LENGTH, type TextPositionSelector, type TextQuoteSelector } from './types';

export type AnchorResult = {
  start: number;
  end: number;
  method: 'position' | 'exact' | 'fuzzy';
  /** 0..1; 1 for the position and exact steps. */
  score: number;
};

/** At most this share of the quote's characters may differ for a fuzzy match (similarity ≥ 0.8). */
export const MAX_ERROR_RATE = 0.2;
/** Fuzzy score weights: the quote dominates, the saved context breaks ties between look-alikes. */
const WEIGHT_QUOTE = 0.7;
const WEIGHT_CONTEXT = 0.15;
/** Copies of the exact quote looked at; past this the page is one long repetition anyway. */
const MAX_EXACT_HITS = 1000;
/** Fuzzy step: places aligned, pieces of the quote searched, hits a piece may have to count. */
const MAX_CANDIDATES = 50;
const MAX_PIECES = 64;
const MAX_PIECE_HITS = 1000;
/** How many characters of the prefix's end and of the suffix's start are searched for. */
const CONTEXT_PIECE = 12;
/** First half-width of the alignment band; doubled while the match found is not clearly inside. */
const INITIAL_BAND = 16;
/**
 * Alignment cells one fuzzy search may compute (about half a second). Rejecting a place that
 * only looks like a long quote costs up to quote length × 0.4 · quote length cells (the band is
 * ±20 % wide), so for quotes of thousands of characters this, not MAX_CANDIDATES, ends the search.
 * Candidates are tried best first, and a match found before is still a close one; quotes of a few
 * hundred characters never come near it.
 */
const MAX_CELLS = 50_000_000;
/** Fuzzy matches of quotes shorter than this must also have the prefix or suffix agree. */
const SHORT_QUOTE = CONTEXT_LENGTH;
/** An alignment cost no path reaches (and that survives + 1 in an Int32Array). */
const INFINITE = 1 << 29;

// ---------------------------------------------------------------------------------------------
// Characters

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when offset `i` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i));
}

const COMBINING = /\p{M}/u;
/** True when the code unit at `i` is a combining mark (which belongs to the character before it). */
function isCombiningAt(text: string, i: number): boolean {
  return i > 0 && i < text.length && COMBINING.test(text[i]);
}

/** Whitespace as `\s` knows it (NBSP, narrow NBSP, ideographic space, line breaks, …). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// ---------------------------------------------------------------------------------------------
// Describing

/**
 * The selectors for text[start, end). A start or end inside a surrogate pair is moved outwards to
 * take the whole character; the prefix and suffix are up to CONTEXT_LENGTH code units, one fewer
 * where the full length would cut a surrogate pair in half.
 */
export function describeRange(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  let s = clamp(Math.trunc(start) || 0, 0, text.length);
  let e = clamp(Math.trunc(end) || 0, s, text.length);
  if (splitsSurrogatePair(text, s)) s--;
  if (splitsSurrogatePair(text, e)) e++;

  let prefixStart = Math.max(0, s - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, e + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--;

  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(prefixStart, s),
      suffix: text.slice(e, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start: s, end: e },
  };
}

// ---------------------------------------------------------------------------------------------
// Similarity of short strings

/** Levenshtein distance. O(|a|·|b|): meant for the context strings (≤ CONTEXT_LENGTH), not quotes. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 − edit distance / longer length: 1 for equal strings (two empty strings are equal). */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * How well the text before `start` matches a saved prefix. An empty prefix means the quote began
 * the text: full marks if it still does, half if something now comes before it.
 */
function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (!prefix) return start === 0 ? 1 : 0.5;
  return similarity(prefix, text.slice(Math.max(0, start - prefix.length), start));
}

/** The same for the text after `end` and a saved suffix. */
function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (!suffix) return end === text.length ? 1 : 0.5;
  return similarity(suffix, text.slice(end, end + suffix.length));
}

// ---------------------------------------------------------------------------------------------
// Whitespace normalisation

export interface NormalisedText {
  /** Every run of whitespace (NBSP included) replaced by one ' '. */
  text: string;
  /** map[i] is where normalised character i starts in the original; map[text.length] = original length. */
  map: Int32Array;
}

/** Collapses whitespace runs to single spaces, remembering where each character came from. */
export function normaliseWhitespace(source: string): NormalisedText {
  const len = source.length;
  const map = new Int32Array(len + 1);
  const parts: string[] = [];
  let n = 0;
  let copyFrom = 0;
  let i = 0;
  while (i < len) {
    const c = source.charCodeAt(i);
    if (!isSpace(c)) {
      map[n++] = i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < len && isSpace(source.charCodeAt(runEnd))) runEnd++;
    map[n++] = i;
    // A lone ordinary space is already normal: keep copying, so most text is one slice.
    if (!(c === 0x20 && runEnd === i + 1)) {
      parts.push(source.slice(copyFrom, i), ' ');
      copyFrom = runEnd;
    }
    i = runEnd;
  }
  parts.push(source.slice(copyFrom));
  map[n] = len;
  return { text: parts.join(''), map: map.subarray(0, n + 1) };
}

/** The page's text is the same for every highlight on it: normalise it once. */
let lastNormalised: { source: string; result: NormalisedText } | undefined;
function normaliseCached(source: string): NormalisedText {
  if (lastNormalised?.source !== source) lastNormalised = { source, result: normaliseWhitespace(source) };
  return lastNormalised.result;
}

/** The normalised index of the character holding original offset `offset`. */
function toNormalisedIndex(map: Int32Array, offset: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Approximate alignment

/** Alignment cells left to compute; alignments give up (null) once it runs out. */
export interface Budget {
  cells: number;
}

export interface Alignment {
  start: number;
  end: number;
  /** Edits (insertions, deletions, substitutions of UTF-16 code units) between quote and span. */
  distance: number;
}

/**
 * The span of `text` closest to `quote` (semi-global edit distance: the span may begin and end
 * anywhere), starting near [estLo, estHi], with at most `maxErrors` edits, or null.
 *
 * Only diagonals within a band of the estimates are computed: an alignment with d edits never
 * strays more than d from its starting diagonal. The band starts narrow and doubles until the
 * match found is well inside it (or the band is maxErrors wide), so a near-exact match of a
 * 10,000-character quote costs about quote length × 32 cells, not quote length².
 */
export function alignNear(
  text: string,
  quote: string,
  estLo: number,
  estHi: number,
  maxErrors: number,
  budget: Budget = { cells: Infinity },
): Alignment | null {
  if (!quote.length || maxErrors < 0) return null;
  let band = Math.min(maxErrors, INITIAL_BAND);
  for (;;) {
    const found = alignBanded(text, quote, estLo - band, estHi + band, band, budget);
    if (budget.cells < 0) return null;
    if (band >= maxErrors) return found;
    // Found with few edits compared with the band: a match outside it would need more.
    if (found && found.distance * 2 <= band) return found;
    band = Math.min(maxErrors, band * 2);
  }
}

/**
 * Sellers' algorithm restricted to diagonals (text column − quote row) in [diagLo, diagHi]. Each
 * cell carries the column its best path started in, so start and end come out of one pass with
 * two rows of memory. Gives up (null) as soon as a whole row costs more than `limit`: costs never
 * fall from one row to the next.
 */
function alignBanded(
  text: string,
  quote: string,
  diagLo: number,
  diagHi: number,
  limit: number,
  budget: Budget,
): Alignment | null {
  const n = text.length;
  const m = quote.length;
  const first = Math.max(0, diagLo);
  const last = Math.min(n, m + diagHi);
  if (first > last) return null;
  // Column j is stored at j − first. Text code units are copied once for the inner loop.
  const width = last - first + 1;
  const codes = new Uint16Array(width);
  for (let j = first; j < last; j++) codes[j - first] = text.charCodeAt(j);
  let prevD = new Int32Array(width);
  let prevS = new Int32Array(width);
  let curD = new Int32Array(width);
  let curS = new Int32Array(width);

  // Row 0: the empty quote prefix matches anywhere for free.
  let lo = first;
  let hi = Math.min(n, diagHi);
  if (lo > hi) return null;
  for (let j = lo; j <= hi; j++) {
    prevD[j - first] = 0;
    prevS[j - first] = j;
  }
  // Each row's band is the previous one shifted right by one (until clamped at 0 or n), so the
  // diagonal predecessor is always inside the previous band; only the cell above the new right
  // end is not, and this sentinel stands for it.
  if (hi < last) prevD[hi + 1 - first] = INFINITE;

  for (let i = 1; i <= m; i++) {
    lo = Math.max(0, i + diagLo);
    hi = Math.min(n, i + diagHi);
    if (lo > hi) return null;
    budget.cells -= hi - lo + 1;
    if (budget.cells < 0) return null;
    const qc = quote.charCodeAt(i - 1);
    let rowMin = INFINITE;
    let left = INFINITE;
    let leftFrom = 0;
    let j = lo;
    if (j === 0) {
      // Column 0: nothing of the text consumed, so quote[i-1] can only be missing.
      left = prevD[0] + 1;
      leftFrom = prevS[0];
      curD[0] = left;
      curS[0] = leftFrom;
      rowMin = left;
      j = 1;
    }
    for (; j <= hi; j++) {
      const k = j - first;
      // Diagonal: quote[i-1] against text[j-1]; preferred on ties, so a changed character reads
      // as a substitution rather than a deletion plus an insertion, keeping the span's ends.
      let best = prevD[k - 1] + (codes[k - 1] === qc ? 0 : 1);
      let from = prevS[k - 1];
      // Up: quote[i-1] is missing from the text.
      const up = prevD[k] + 1;
      if (up < best) {
        best = up;
        from = prevS[k];
      }
      // Left: text[j-1] is extra.
      if (left + 1 < best) {
        best = left + 1;
        from = leftFrom;
      }
      curD[k] = best;
      curS[k] = from;
      left = best;
      leftFrom = from;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return null;
    if (hi < last) curD[hi + 1 - first] = INFINITE;
    [prevD, curD] = [curD, prevD];
    [prevS, curS] = [curS, prevS];
  }

  // The cheapest end; among equals, the span whose length is closest to the quote's.
  let found: Alignment | null = null;
  for (let j = lo; j <= hi; j++) {
    const d = prevD[j - first];
    const s = prevS[j - first];
    if (
      !found ||
      d < found.distance ||
      (d === found.distance && Math.abs(j - s - m) < Math.abs(found.end - found.start - m))
    ) {
      found = { start: s, end: j, distance: d };
    }
  }
  return found && found.distance <= limit ? found : null;
}

// ---------------------------------------------------------------------------------------------
// Candidates for the fuzzy step

interface Candidate {
  /** Range of start estimates (normalised offsets) that the votes agree on. */
  lo: number;
  hi: number;
  /** How many different pieces put the quote here. */
  votes: number;
}

/**
 * Places where the (normalised) quote may start. Pieces of the quote — enough that, by
 * pigeonhole, one survives up to 15 edits whole — plus the end of the prefix and the start of the
 * suffix are searched for exactly; each hit is a vote for a start offset. Pieces with more than
 * MAX_PIECE_HITS hits say nothing and are dropped. The best windows of agreeing votes win.
 */
function findCandidates(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  maxErrors: number,
  near: number | undefined,
): Candidate[] {
  const m = quote.length;
  const pieces: { piece: string; offset: number }[] = [];
  // Offset of a piece = where the quote starts relative to a hit (hit − offset = estimate).
  const pieceLength = Math.min(m, clamp(Math.floor(m / 16), 4, 32));
  const count = Math.min(MAX_PIECES, Math.floor(m / pieceLength));
  for (let k = 0; k < count; k++) {
    // Spread evenly; never overlapping, since count ≤ m / pieceLength.
    const at = count === 1 ? 0 : Math.round((k * (m - pieceLength)) / (count - 1));
    pieces.push({ piece: quote.slice(at, at + pieceLength), offset: at });
  }
  const prefixEnd = prefix.slice(-CONTEXT_PIECE);
  if (prefixEnd.trim().length >= 4) pieces.push({ piece: prefixEnd, offset: -prefixEnd.length });
  const suffixStart = suffix.slice(0, CONTEXT_PIECE);
  if (suffixStart.trim().length >= 4) pieces.push({ piece: suffixStart, offset: m });

  // Votes packed as (estimate + shift) · 128 + piece id, so one numeric sort orders them.
  const shift = m + CONTEXT_PIECE;
  const votes: number[] = [];
  pieces.forEach(({ piece, offset }, id) => {
    const hits: number[] = [];
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      if (hits.length === MAX_PIECE_HITS) return;
      hits.push(at);
    }
    for (const at of hits) votes.push((at - offset + shift) * 128 + id);
  });
  const sorted = Float64Array.from(votes).sort();
  const estimate = (v: number) => Math.floor(v / 128) - shift;
  const pieceId = (v: number) => v % 128;

  // Slide a window of `tolerance` offsets over the estimates, counting distinct pieces in it.
  const tolerance = clamp(maxErrors, 8, 64);
  const counts = new Int32Array(pieces.length);
  const windows: Candidate[] = [];
  let distinct = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    const lo = estimate(sorted[i]);
    while (j < sorted.length && estimate(sorted[j]) <= lo + tolerance) {
      if (counts[pieceId(sorted[j])]++ === 0) distinct++;
      j++;
    }
    windows.push({ lo, hi: estimate(sorted[j - 1]), votes: distinct });
    if (--counts[pieceId(sorted[i])] === 0) distinct--;
  }

  // Most votes first; then nearest the saved position, then earliest.
  const distance = (c: Candidate) => (near === undefined ? 0 : Math.abs(c.lo - near));
  windows.sort((a, b) => b.votes - a.votes || distance(a) - distance(b) || a.lo - b.lo);
  const chosen: Candidate[] = [];
  const overlaps = (c: Candidate) => chosen.some((o) => c.lo <= o.hi + tolerance && c.hi >= o.lo - tolerance);
  for (const w of windows) {
    if (chosen.length >= MAX_CANDIDATES) break;
    if (!overlaps(w)) chosen.push(w);
  }
  // The saved position is worth a look even when no piece survived near it.
  if (near !== undefined) {
    const at: Candidate = { lo: near, hi: near, votes: 0 };
    if (!overlaps(at)) chosen.push(at);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// The three steps

function validPosition(text: string, position: TextPositionSelector | undefined): position is TextPositionSelector {
  return (
    !!position &&
    Number.isInteger(position.start) &&
    Number.isInteger(position.end) &&
    position.start >= 0 &&
    position.start <= position.end &&
    position.end <= text.length
  );
}

function splitsCharacter(text: string, start: number, end: number): boolean {
  return splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end);
}

function byPosition(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): AnchorResult | null {
  if (!validPosition(text, position)) return null;
  const { start, end } = position;
  if (text.slice(start, end) !== quote.exact || splitsCharacter(text, start, end)) return null;
  return { start, end, method: 'position', score: 1 };
}

function byExactQuote(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): AnchorResult | null {
  const { exact } = quote;
  const hits: number[] = [];
  for (let at = text.indexOf(exact); at !== -1 && hits.length < MAX_EXACT_HITS; at = text.indexOf(exact, at + 1)) {
    if (!splitsCharacter(text, at, at + exact.length)) hits.push(at);
  }
  if (!hits.length) return null;

  const near = validPosition(text, position) ? position.start : undefined;
  let best = hits[0];
  let bestContext = -1;
  if (hits.length > 1) {
    for (const at of hits) {
      const context =
        prefixSimilarity(text, at, quote.prefix) + suffixSimilarity(text, at + exact.length, quote.suffix);
      const better =
        context > bestContext + 1e-9 ||
        (Math.abs(context - bestContext) <= 1e-9 && near !== undefined && Math.abs(at - near) < Math.abs(best - near));
      if (better) {
        best = at;
        bestContext = context;
      }
    }
  }
  return { start: best, end: best + exact.length, method: 'exact', score: 1 };
}

function byFuzzyQuote(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): AnchorResult | null {
  const page = normaliseCached(text);
  const t = page.text;
  const q = normaliseWhitespace(quote.exact).text;
  const prefix = normaliseWhitespace(quote.prefix).text;
  const suffix = normaliseWhitespace(quote.suffix).text;
  const m = q.length;
  if (!m) return null;
  // The epsilon keeps e.g. 10 × 0.2 from flooring to 1.
  const maxErrors = Math.floor(m * MAX_ERROR_RATE + 1e-9);
  const near = validPosition(text, position) ? toNormalisedIndex(page.map, position.start) : undefined;

  let best: { start: number; end: number; score: number } | undefined;
  const budget: Budget = { cells: MAX_CELLS };
  for (const candidate of findCandidates(t, q, prefix, suffix, maxErrors, near)) {
    if (budget.cells < 0) break;
    // A candidate can only win if its quote is close enough to beat the best score even with a
    // perfect context: 0.7·(1 − d/m) + 0.3 ≥ best. That bounds the edits worth aligning for.
    let limit = maxErrors;
    if (best) {
      const needed = (best.score - 2 * WEIGHT_CONTEXT) / WEIGHT_QUOTE;
      limit = Math.min(maxErrors, Math.floor(m * (1 - needed) + 1e-9));
    }
    const found = alignNear(t, q, candidate.lo, candidate.hi, limit, budget);
    if (!found) continue;

    const before = prefixSimilarity(t, found.start, prefix);
    const after = suffixSimilarity(t, found.end, suffix);
    // A short quote with edits could resemble many a phrase: its surroundings must agree too.
    if (found.distance > 0 && m < SHORT_QUOTE && Math.max(before, after) < 0.5) continue;

    const score = WEIGHT_QUOTE * (1 - found.distance / m) + WEIGHT_CONTEXT * (before + after);
    const better =
      !best ||
      score > best.score + 1e-9 ||
      (Math.abs(score - best.score) <= 1e-9 &&
        near !== undefined &&
        Math.abs(found.start - near) < Math.abs(best.start - near));
    if (better) best = { start: found.start, end: found.end, score };
  }
  if (!best) return null;

  // Back to the real text: a collapsed whitespace run maps to the whole run.
  let start = page.map[best.start];
  let end = page.map[best.end];
  // Never begin or end inside a character: take the whole surrogate pair, and keep combining
  // marks with their base letter.
  while (splitsSurrogatePair(text, start) || isCombiningAt(text, start)) start--;
  while (splitsSurrogatePair(text, end) || isCombiningAt(text, end)) end++;
  return { start, end, method: 'fuzzy', score: clamp(best.score, 0, 1) };
}

/**
 * Where the highlight described by `quote` (and its saved `position`) is in `text` now, or null
 * when it cannot be found with confidence (an orphan).
 */
export function anchor(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): AnchorResult | null {
  if (!quote.exact) return null;
  return byPosition(text, quote, position) ?? byExactQuote(text, quote, position) ?? byFuzzyQuote(text, quote, position);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
