/**
 * Gives every date found by the grammar its EDTF value. Partial dates take their year from the
 * text's own narrative — the last explicit year in the same paragraph, else a dated event named in
 * the same sentence, else the same day mentioned earlier, else the last explicit year before —
 * never from today. Dates that belong to the page (byline, dateline, lists of other stories) are publication
 * dates: kept, marked, and never used as the story's year.
 */
import { findRawDates, signedYear, type DatePrecision, type RawDate } from './grammar';

export type DateRole = 'narrative' | 'publication';

export interface DateMention {
  kind: 'date';
  start: number;
  end: number;
  text: string;
  edtf: string;
  precision: DatePrecision;
  role: DateRole;
  /** True when the year came from context, not from the words of the mention. */
  inferred: boolean;
  /** Where the inferred year came from. */
  inferredFrom?: { start: number; end: number; text: string; rule: YearRule };
}

export type YearRule = 'same-sentence-event' | 'same-sentence-date' | 'same-paragraph' | 'next-paragraph' | 'same-day-earlier' | 'narrative' | 'publication-date';

export interface DateContext {
  /** Block index of a text offset (blocks never share a sentence). */
  blockAt(offset: number): number;
  /** Where a block starts and ends; an empty span at the text's end for a block past the last. */
  blockBounds(block: number): [number, number];
  /** Blocks that belong to the page, not the story (byline, dateline, navigation, related-news lists). */
  isPageMetaBlock?(block: number): boolean;
  /** Start and end offsets of the sentence around an offset. */
  sentenceAt(offset: number): [number, number];
  /**
   * Years of KB events named in the same sentence whose date falls in the given month, nearest
   * first (e.g. "the Potsdam Conference in late July" → 1945).
   */
  eventYearsInSentence?(sentenceStart: number, sentenceEnd: number, month: number | undefined): Array<{ year: number; start: number; end: number; text: string }>;
  /** Publication date of the page, `YYYY-MM-DD`, used only when the story gives no year at all. */
  publishedAt?: string;
}

const p2 = (n: number) => String(n).padStart(2, '0');

function edtfOf(d: RawDate, year: number | undefined): string {
  if (d.fixed !== undefined) return d.fixed;
  const y = year === undefined ? 'XXXX' : signedYear(year);
  const endY = d.endYear !== undefined ? signedYear(d.endYear) : y;
  switch (d.precision) {
    case 'decade':
    case 'century':
      return d.fixed!;
    case 'season':
      return `${y}-${d.season}`;
    case 'year':
      return d.endYear !== undefined ? `${y}/${endY}` : y;
    case 'month': {
      const one = `${y}-${p2(d.month!)}`;
      return d.endMonth !== undefined ? `${one}/${endY}-${p2(d.endMonth)}` : one;
    }
    case 'day': {
      const one = `${y}-${p2(d.month!)}-${p2(d.day!)}`;
      if (d.endDay !== undefined || (d.endMonth !== undefined && d.endMonth !== d.month)) {
        const endDay = d.endDay !== undefined ? `-${p2(d.endDay)}` : '';
        return `${one}/${endY}-${p2(d.endMonth ?? d.month!)}${endDay}`;
      }
      return d.time ? `${one}T${d.time}` : one;
    }
    default:
      return y;
  }
}

/** "every February 15", "each November", "every fourth Saturday of November": a date that comes round every year. */
const EVERY_BEFORE = /\b(?:every|each)\s+(?:(?:first|second|third|fourth|fifth|last)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|week(?:end)?)\s+(?:of|in)\s+)?$/i;
/** Words of a day kept every year: "is marked on May 9", "celebrates", "every year". */
const ANNUAL = /\b(?:every year|each year|annually|holiday|(?:is|are) (?:marked|celebrated|commemorated|observed|remembered)|marks|celebrates|commemorates|observes|days? of (?:remembrance|mourning)|remembrance day)\b/i;

/** A year of someone's life told beside the story: "Born in Vilnius in 1941, she …", "until his death in 2005". */
const LIFE_ASIDE = /(?:\b[Bb]orn\b[^.;:!?]{0,40}|\b(?:until|till|before|after)\s+(?:his|her|their)\s+death\s+in\s+|\b(?:until|till|before)\s+(?:he|she|they)\s+died\s+in\s+)$/;
/** A verb of the present: the sentence looks from today. */
const PRESENT_VERB = /\b(?:is|are|has|have|remains?|still)\b/;
/** A year naming a thing: "the Treaty of London of 1839", "the hero of the Suez campaign of 1956". */
export const NAME_OF_YEAR = /(?:\p{Lu}[\p{L}'’-]*|\b(?:campaign|war|crisis|revolution|uprising|rising|revolt|rebellion|invasion|coup|putsch|treaty|pact|accords?|constitution|famine|massacre|blockade|siege|armistice|heroes?|veterans?|generation|class|events)\s)\s*of\s+$/u;
/** A year in what the date is the anniversary of: "on 5 July 1962, the anniversary of the French capture of Algiers in 1830". */
const ANNIVERSARY_OF = /\banniversary\s+of\b[^.;:!?—()]*$/i;
/** A paragraph that opens in the present: "Today the city is called Volgograd.", "Nowadays …". */
const PRESENT_HEAD = /^\s*(?:Today|Nowadays|These days),?\s+(?!\d)[^.!?]*\b(?:is|are|has|have|does|do|stands?|remains?|lives?|says?|calls?)\b/;
/** "after Tehran in late 1943", "before Munich in 1938": an older event the sentence measures by. */
const AFTER_NAME_LEAD = /\b(?:after|before|like|than)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){1,4}(?:in|of)\s+$/u;
/** "since 1614", "since the Suez Crisis of 1956": a date the story looks back to. */
const SINCE_LEAD = /\bsince\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){0,4}(?:of\s+|in\s+)?$/u;
/** A past participle: regular, or one of the common irregular ones ("held", "set", "built", "led"). */
const PARTICIPLE = String.raw`(?:[a-z]+(?:ed|en|wn|ne|ught|un)|held|set|built|made|kept|put|led|won|lost|left|sent|spent|met|fled|got|paid|told|sold|stood|struck|laid|meant|dealt|felt|split|cut|let|hit|bound|found)`;
/** A past perfect up to the date after it, in the same clause: "had seceded in", "had already fallen by". */
const PAST_PERFECT = String.raw`\bhad\s+(?:not\s+|already\s+|long\s+|just\s+)?(?:been\s+)?` + PARTICIPLE + String.raw`\b[^.;:,—]*$`;
/** A past perfect in the clause before a date. */
const PAST_PERFECT_BEFORE = new RegExp(PAST_PERFECT, 'i');
/** Words of the reporter's future before a date in its sentence: "runs until 12 April", "will open in May", "is due to reopen in June". */
const FUTURE_BEFORE = /\b(?:will|is due to|are due to|is scheduled|are scheduled|is expected to|are expected to|is set to|are set to|runs until|run until|runs through|is planned|are planned|airs|premieres|reopens|goes on display|go on display|is screened|are screened|goes on sale)\b[^.;!?]*$/i;
/** An adverb that looks ahead of the story in a sentence before its date: "investigators later found", "would eventually" (not "two years later", "later that year"). */
const LATER_ASIDE = /(?<!\b(?:years?|months?|days?|weeks?|decades?|hours?|moments?|minutes?|much|not\s+long|soon|even)\s+)\b(?:later|subsequently|eventually)\b(?!\s+(?:that|the\s+same|in\s+the|on|in\s+\d))/i;
/** "were held only in January 1947": an outcome told ahead of the story, right before its date (not "not only in", nor a sentence opening "Only on 13 April 1990 did …", which goes there). */
const ONLY_IN = /(?<!\bnot\s+)\bonly\s+(?:in|on|by)\s+$|\bnot\s+(?:\w+\s+){0,2}until\s+$/i;
/** "purges like that of 1937", "as in 1918": a year the sentence compares with. */
const LIKE_LEAD = /\b(?:like|unlike|than|as\s+in|as\s+at|recalling|reminiscent\s+of)\b[^,;.:—]{0,40}?\b(?:of|in)\s+$/i;
/** A sentence that opens in the simple past before the past perfect that leads to its date: "Stalin insisted on keeping the territories the Soviet Union had seized in". */
const STORY_CLAUSE_FIRST = /^[^.;:—]*?\b(?:[a-z]{3,}ed|was|were|said|took|made|gave|held|told|went|came|saw|sent|kept|won|lost|fought|left)\b(?![^.;:—]*?\b(?:when|after|because|since|as|once)\b[^.;:—]*?\bhad\b)[^.;:—]*?\bhad\s/i;
/** A past perfect after a date in its clause: "In October 1904 the Baltic Fleet had been sent …". */
const PAST_PERFECT_AFTER = new RegExp(String.raw`^[^.;:—]*?\bhad\s+(?:not\s+|already\s+|long\s+|just\s+)?(?:been\s+)?` + PARTICIPLE + String.raw`\b`, 'i');
/** Whether the clause of a date speaks in the past perfect, before or after it. */
function inPastPerfect(text: string, d: { start: number; end: number }, sentence: [number, number]): boolean {
  return PAST_PERFECT_BEFORE.test(text.slice(sentence[0], d.start)) || PAST_PERFECT_AFTER.test(text.slice(d.end, sentence[1]));
}
/** A past perfect in a clause hung on the sentence ("…, where his barrages had retaken Fort Douaumont in"): a look back; "The war had begun on" opens one. */
const LOOK_BACK_CLAUSE = new RegExp(String.raw`(?:,\s*|\b)(?:where|which|who|whom|whose|when|after|that)\s[^.;:—]*?` + PAST_PERFECT, 'i');

/** Where the part of a sentence a date is in begins: after the last colon, semicolon or dash before it ("… only a year earlier: Martin Luther King Jr. King's home was bombed in January"). */
function partStart(text: string, from: number, at: number): number {
  for (let q = at - 1; q >= from; q--) if (isPartMark(text.charCodeAt(q))) return q + 1;
  return from;
}
/** A semicolon, a colon or an em dash: where a part of a sentence ends. */
export const isPartMark = (c: number) => c === 59 || c === 58 || c === 0x2014;

/** An event named by more than one word ("the Battle of Tsushima", not "the Maidan"): sure enough to move the story to its year. */
const namedInFull = (e: { text: string }) => /\s/.test(e.text);

/** Words joining a date to the next one: "July and August 1945", "from December to February 1945". */
const JOINED_TO_NEXT = /^\s*,?\s*(?:(and|or|&)|to|till|until|through|into|[-–—])\s+(?:the\s+|early\s+|late\s+|mid-)?$/i;

/**
 * The year a partial date shares with the date joined to it that has one: "in July and August
 * 1945", "the summer and autumn of 1962" (the same year), "from December to February 1945" (the
 * year before, when a span runs over New Year).
 */
function yearFromNext(text: string, d: RawDate, next: RawDate | undefined): number | undefined {
  if (!next || next.year === undefined || next.yearsAgo !== undefined || (next.precision !== 'day' && next.precision !== 'month' && next.precision !== 'season')) return undefined;
  const joint = JOINED_TO_NEXT.exec(text.slice(d.end, next.start));
  if (!joint) return undefined;
  if (joint[1]) return next.year;
  const before = d.month !== undefined && next.month !== undefined ? d.month > next.month : d.season !== undefined && next.season !== undefined && d.season > next.season;
  return before ? next.year - 1 : next.year;
}

/** A byline: "By Olena Kovalenko", "Interview by …", "Published …", "Updated …" (not "By August 1945"). */
const BYLINE = /^(?:(?:(?:[Ii]nterview|[Tt]ext|[Ww]ords|[Rr]eport|[Ss]tory|[Pp]hotos?|[Rr]eporting|[Rr]eview|[Aa]nalysis|[Cc]ommentary|[Ee]ssay|[Ww]ritten|[Ee]dited|[Cc]ompiled|[Tt]ranslated)\s+)?[Bb]y\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|The|the)\b)\p{Lu}|(?:[Pp]ublished|[Uu]pdated|[Pp]osted|[Ll]ast updated|[Ff]irst published|[Oo]riginally published)\b)/u;

/**
 * Where the authors' names are in a byline block ("By Anna Keller, Berlin", "Review by Thomas
 * Reid"): reporters are no historical figures, whatever their names. The names end at a comma, a
 * bar, a dash or a bracket (a place may follow). Null when the block is no byline.
 */
export function bylineNames(text: string, from: number, to: number): [number, number] | null {
  if (to - from > 120) return null;
  let start = from;
  while (start < to && /\s/.test(text[start])) start++;
  const head = text.slice(start, Math.min(to, start + 40));
  const by = /^(?:\p{L}+\s+)?[Bb]y\s+/u.exec(head);
  if (!by || !BYLINE.test(head) || /[.!?]["”’)]*\s*$/.test(text.slice(start, to))) return null;
  const names = start + by[0].length;
  const stop = /[,|(—–]|\s-\s/.exec(text.slice(names, to));
  return [names, stop ? names + stop.index : to];
}

/**
 * A news dateline opening its paragraph: "SEOUL, July 27, 2023 — The guns…", "GETTYSBURG, Pa.,
 * July 3 —", "Kyiv, Nov. 25 (Reuters) -". The place is capitalised words (an abbreviated state or
 * country may follow), the date is followed by a dash; "In Gettysburg, July 3 — …" is story, and
 * so is a timeline's "January 22, 1918 — The Central Rada proclaims …" (no place).
 */
const DATELINE_HEAD = /^\s*(?!(?:In|On|At|By|From|Since|Until|After|Before|During|The|Then|And|But)\b)\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?\s*(?:\([^()\n]{1,40}\)\s*)?,?\s*$/u;
const DATELINE_TAIL = /^\s*(?:\([^()\n]{1,40}\)\s*)?[—–-]\s/;

function datelineDate(text: string, d: RawDate, from: number, publishedYear: number | undefined): boolean {
  if (d.start - from > 60 || d.month === undefined) return false;
  // A page of 2024 has no dateline of 1918.
  if (d.year !== undefined && publishedYear !== undefined && Math.abs(d.year - publishedYear) > 1) return false;
  return DATELINE_TAIL.test(text.slice(d.end, d.end + 44)) && DATELINE_HEAD.test(text.slice(from, d.start));
}

/** True when a block holds little besides this date: a dateline, a byline, a list heading. */
function dateOnlyBlock(text: string, d: RawDate, [from, to]: [number, number], allInBlock: RawDate[]): boolean {
  if (to - from > 200) return false;
  const whole = text.slice(from, to).trim();
  // A sentence is story, however short ("In 1945, Japan surrendered.").
  if (/[.!?]["”’)]*$/.test(whole) && !/\b(?:a\.m|p\.m)\.$/.test(whole)) return false;
  if (BYLINE.test(whole)) return true;
  // A year alone heads a part of the story ("1922" over a timeline's entries), unless it is a copyright line.
  if (d.month === undefined && !/©|\bcopyright\b/i.test(whole)) return false;
  let rest = whole;
  for (const other of allInBlock) rest = rest.replace(other.text, ' ');
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length <= 2;
}

/** The year a date such as a publication date ("2025-11-29T19:53…") begins with. */
export function yearOfDate(date: string | undefined): number | undefined {
  return date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined;
}

/** A clock time after the dash of a dateline is not the dateline's: "KYIV, April 26, 2026 — At 1:23 a.m. on April 26, 1986". */
function acrossDateline(text: string, day: DateMention, time: RawDate, role: DateRole): boolean {
  return day.role !== role && /[—–]|\s-\s/.test(text.slice(day.end, time.start));
}

/** The first full date the page gives as its own (a byline's), as `YYYY-MM-DD`. */
function pageDate(raw: RawDate[], roles: DateRole[]): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i];
    if (roles[i] === 'publication' && d.year !== undefined && d.month !== undefined && d.day !== undefined) return `${signedYear(d.year)}-${p2(d.month)}-${p2(d.day)}`;
  }
  return undefined;
}

/**
 * The same date read off the resolved mentions: what resolveDates counted from when the page's
 * metadata gave no publication date.
 */
export function pageDateOf(dates: DateMention[]): string | undefined {
  return dates.find((d) => d.role === 'publication' && !d.inferred && /^\d{4}-\d{2}-\d{2}/.test(d.edtf))?.edtf.slice(0, 10);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Whether a sentence speaks of the reporter's future before the date at `at` ("The exhibition runs
 * until 12 April"): not inside a quote ('"We will be in Moscow by August," he said') nor in a
 * sentence that names a year.
 */
/** The future after a date that opens its sentence, in its clause: "On 2 August the emirate will again remember", "On the 1st, the city will hold". */
const FUTURE_AFTER = /^[^.;!?"“”«»—]*?\b(?:will|is due to|are due to|is set to|are set to|is scheduled to|are scheduled to)\s+(?:again\s+|also\s+|once\s+again\s+|then\s+)?[a-z]+/;
function reportersFuture(sentence: string, at: number): boolean {
  const before = sentence.slice(0, at);
  // Not in a sentence that names a year before the date or in the date's own clause ("The exhibition
  // runs until 6 September, and tells the story of 1588" is still the reporter's).
  const clause = /^[^,;:—–]*/.exec(sentence.slice(at))![0];
  // "On 2 August the emirate will again remember …": a sentence that opens with the date and goes on in the future.
  const opensWith = /^\s*(?:On|By|In|From|Until|Before|After)?\s*(?:the\s+)?$/i.test(before) && FUTURE_AFTER.test(sentence.slice(at));
  if ((!FUTURE_BEFORE.test(before) && !opensWith) || /\b(?:1\d{3}|20\d\d)\b/.test(before + clause)) return false;
  const quotes = (before.match(/["“”«»]/g) ?? []).length;
  return quotes % 2 === 0 && !/[“«]/.test(before.slice(before.lastIndexOf('”') + 1));
}
/** The first month of each season (EDTF 21 spring … 24 winter), to count "the next spring" from a month. */
const SEASON_FIRST_MONTH: Record<number, number> = { 21: 3, 22: 6, 23: 9, 24: 12 };

/** The year and month `n` months after (or before) a month. */
function monthsOn(year: number, month: number, n: number): { year: number; month: number } {
  const months = year * 12 + month - 1 + n;
  const y = Math.floor(months / 12);
  return { year: y, month: months - y * 12 + 1 };
}

/** Whether the month of that year has the day. */
function validDayOf(year: number, month: number, day: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCDate() === day;
}

/** The last story date in that month of a year before `before` ("6 June 1944" for a "that June" told from today). */
function lastOfMonth(found: DateMention[], month: number, before: number, asides: Set<DateMention>): { year: number; start: number; end: number; text: string } | undefined {
  for (let k = found.length - 1; k >= 0; k--) {
    const m = found[k];
    if (m.role !== 'narrative' || asides.has(m)) continue;
    const p = /^(-?\d{4})-(\d\d)/.exec(m.edtf);
    if (p && Number(p[2]) === month && Number(p[1]) < before) return { year: Number(p[1]), start: m.start, end: m.end, text: m.text };
  }
  return undefined;
}

/** The story's last date so far: the last narrative date found, by its year, month and day where it names them (the end of a range). */
function lastStoryDate(found: DateMention[], asides?: Set<DateMention>): { year: number; month?: number; day?: number; mention: DateMention } | undefined {
  for (let k = found.length - 1; k >= 0; k--) {
    const m = found[k];
    if (m.role !== 'narrative' || asides?.has(m)) continue;
    const p = /^(-?\d{4})(?:-(\d\d))?(?:-(\d\d))?/.exec(m.edtf.split('/').pop()!);
    if (!p) return undefined;
    const month = p[2] !== undefined && Number(p[2]) <= 12 ? Number(p[2]) : undefined;
    return { year: Number(p[1]), month, day: month !== undefined && p[3] !== undefined ? Number(p[3]) : undefined, mention: m };
  }
  return undefined;
}

export function resolveDates(text: string, ctx: DateContext, raw: RawDate[] = findRawDates(text)): DateMention[] {
  const out: DateMention[] = [];
  /** Where a partial date's year comes from; `month` when that date names one (for a past perfect before it). */
  type YearSource = { year: number; start: number; end: number; text: string; month?: number };
  let lastYear: YearSource | null = null;
  const blockYear = new Map<number, YearSource>();
  /** The story goes on in this year, from this paragraph. */
  const goOn = (src: YearSource, block: number) => {
    lastYear = src;
    blockYear.set(block, src);
  };
  /** The years to go back to after a sentence that looks back ("since 1614"). */
  let lookBack: { sentenceEnd: number; lastYear: YearSource | null; block: number; blockYear: YearSource | undefined; asideEnd?: number; life?: number } | undefined;
  /** The year about to be set dates only its sentence: after it the story returns to where it was. */
  const asideOf = (sentenceEnd: number, block: number, where: { asideEnd?: number; life?: number } = {}) => {
    lookBack ??= { sentenceEnd, lastYear, block, blockYear: blockYear.get(block), ...where };
  };
  /** A paragraph that goes back in the past perfect ("In October 1904 the fleet had been sent …"): the story's year to return to after it. */
  let flashback: { block: number; sentence: number; restore: YearSource } | undefined;
  /** The last winter the story named without its second year, and where: its January to March are of the year after. */
  let winter: { year: number; block: number } | undefined;
  /** Dates the story looked back to and does not count on from ("the terms Stalin had offered in October"). */
  const asides = new Set<DateMention>();
  const dayYear = new Map<string, { year: number; start: number; end: number; text: string }>();
  /**
   * The events a paragraph names before a sentence, not in a sentence that gives a year of its own: that year
   * already placed them ("the part of the island Japan had held since the Treaty of Portsmouth ended the
   * Russo-Japanese War in 1905" is an aside, and so is its war).
   */
  const eventsBefore = (block: number, to: number, month: number | undefined) =>
    (ctx.eventYearsInSentence?.(ctx.blockBounds(block)[0], to, month) ?? []).filter((e) => {
      const [a, b] = ctx.sentenceAt(e.start);
      return !raw.some((r) => r.year !== undefined && !r.partial && r.start >= a && r.start < b);
    });
  let lastDay = null as { mention: DateMention; sentence: [number, number] } | null;
  /** Clock times waiting for a day later in their sentence ("at 17:00 Moscow time on August 8, 1945"). */
  let waiting: Array<{ d: RawDate; sentence: number }> = [];
  const timeOf = (d: RawDate, day: DateMention): DateMention => ({
    kind: 'date',
    start: d.start,
    end: d.end,
    text: d.text,
    edtf: `${day.edtf}T${d.time}`,
    precision: 'time',
    role: day.role,
    inferred: true,
    inferredFrom: { start: day.start, end: day.end, text: day.text, rule: 'same-sentence-date' },
  });
  /**
   * Times whose sentence named no day after them: of the last day named before them in their
   * paragraph ("On 25 December Gorbachev resigned. … The flag was lowered at 7.32pm."), else none.
   */
  const flushWaiting = () => {
    for (const w of waiting) {
      if (lastDay && lastDay.mention.end <= w.d.start && /^\d{4}-\d{2}-\d{2}$/.test(lastDay.mention.edtf) && ctx.blockAt(lastDay.mention.start) === ctx.blockAt(w.d.start) && lastDay.mention.role === 'narrative') out.push(timeOf(w.d, lastDay.mention));
    }
    waiting = [];
  };
  /** A day was named: it is the day of the times before it in its sentence. */
  /** Whether the sentence gave a date of the story's year before `at`: an older year after it is a reference ("France signed the armistice on 22 June in the carriage used in 1918"). */
  const storyDateBefore = (from: number, at: number, year: number) => {
    for (let k = out.length - 1; k >= 0 && out[k].start >= from; k--) if (out[k].start < at && out[k].role === 'narrative' && !asides.has(out[k]) && parseInt(out[k].edtf, 10) === year) return true;
    return false;
  };
  const dayNamed = (mention: DateMention, sentence: [number, number]) => {
    lastDay = { mention, sentence };
    if (!waiting.length) return;
    if (/^\d{4}-\d{2}-\d{2}$/.test(mention.edtf)) for (const w of waiting) if (w.sentence === sentence[0]) out.push(timeOf(w.d, mention));
    waiting = [];
  };

  const blocks = raw.map((d) => ctx.blockAt(d.start));
  const byBlock = new Map<number, RawDate[]>();
  raw.forEach((d, i) => {
    let list = byBlock.get(blocks[i]);
    if (!list) byBlock.set(blocks[i], (list = []));
    list.push(d);
  });

  const metaYear = yearOfDate(ctx.publishedAt);
  const roles: DateRole[] = raw.map((d, i) => {
    if (ctx.isPageMetaBlock?.(blocks[i])) return 'publication';
    const bounds = ctx.blockBounds(blocks[i]);
    return datelineDate(text, d, bounds[0], metaYear) || (d.year !== undefined && dateOnlyBlock(text, d, bounds, byBlock.get(blocks[i]) ?? [])) ? 'publication' : 'narrative';
  });
  // Without a publication date from the page's metadata, its own byline's serves.
  const publishedAt = ctx.publishedAt ?? pageDate(raw, roles);
  const publishedYear = yearOfDate(publishedAt);
  /**
   * A heading's partial date ("Split and the Act of June 30", "Six days in June") is of the section
   * it opens: the year the next paragraph gives the same day or month, else its first explicit year.
   */
  const headingYear = (i: number): YearSource | undefined => {
    const [from, to] = ctx.blockBounds(blocks[i]);
    const words = text.slice(from, to).trim();
    if (words.length > 80 || /[.!?]["”’)]*$/.test(words)) return undefined;
    // A heading opens a paragraph of prose, not a list of short lines.
    const [nextFrom, nextTo] = ctx.blockBounds(blocks[i] + 1);
    if (nextTo - nextFrom < 200) return undefined;
    // The same day or month given in full there, else the paragraph's first year.
    const d = raw[i];
    let first: YearSource | undefined;
    for (let j = i + 1; j < raw.length && blocks[j] <= blocks[i] + 1; j++) {
      const r = raw[j];
      if (blocks[j] === blocks[i] || roles[j] !== 'narrative' || r.yearsAgo !== undefined || r.later !== undefined || r.year === undefined) continue;
      const source = { year: r.year, start: r.start, end: r.end, text: r.text };
      if (d.month !== undefined && r.month === d.month && (d.day === undefined || r.day === d.day)) return source;
      first ??= source;
    }
    return first;
  };

  for (let i = 0; i < raw.length; i++) {
    const d = raw[i];
    const block = blocks[i];
    const role = roles[i];
    const sentence = ctx.sentenceAt(d.start);
    // A look back ("since 1614", "had retaken Fort Douaumont in October 1916") dates its own sentence only.
    if (lookBack && d.start >= lookBack.sentenceEnd) {
      lastYear = lookBack.lastYear;
      if (lookBack.blockYear) blockYear.set(lookBack.block, lookBack.blockYear);
      else blockYear.delete(lookBack.block);
      lookBack = undefined;
    }

    if (flashback && block > flashback.block) {
      lastYear = flashback.restore;
      flashback = undefined;
    } else if (flashback && sentence[0] > flashback.sentence && !inPastPerfect(text, d, sentence)) {
      // The story goes on from there in the simple past ("By August, UN forces held only Pusan"): no way back.
      flashback = undefined;
    }

    if (waiting.length && waiting[0].sentence !== sentence[0]) flushWaiting();
    if (d.precision === 'time' && !d.month) {
      // A clock time belongs to the day named just before it in the same sentence, or else to
      // the next day named in it.
      // Not a time kept every year ("at 9.05 a.m. every year the country stops").
      if (ANNUAL.test(text.slice(d.end, sentence[1]))) continue;
      // "at 11 a.m. the next day", "at 7 p.m. on 9 May": the day right after it.
      const next = raw[i + 1];
      const dayAfter = next !== undefined && (next.precision === 'day' || next.laterDays !== undefined) && /^\s*,?\s*(?:on\s+)?$/.test(text.slice(d.end, next.start));
      if (!dayAfter && lastDay && lastDay.sentence[0] === sentence[0] && !acrossDateline(text, lastDay.mention, d, role) && /^\d{4}-\d{2}-\d{2}$/.test(lastDay.mention.edtf)) out.push(timeOf(d, lastDay.mention));
      else waiting.push({ d, sentence: sentence[0] });
      continue;
    }

    if (d.yearsAgo !== undefined) {
      // Counted back from the publication date; without one there is nothing to count from.
      if (publishedAt === undefined || publishedYear === undefined) continue;
      const year = publishedYear - d.yearsAgo;
      const day = d.today && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(4, 10) : d.thisMonth && /^\d{4}-\d{2}/.test(publishedAt) ? publishedAt.slice(4, 7) : '';
      // "this spring", "this May": the season or month of the page's year.
      const season = d.precision === 'season' ? `-${d.season}` : d.precision === 'month' && d.month ? `-${pad2(d.month)}` : '';
      const mention: DateMention = {
        kind: 'date', start: d.start, end: d.end, text: d.text, edtf: `${signedYear(year)}${day || season}`, precision: d.thisMonth && day ? 'month' : day ? 'day' : season ? d.precision : 'year', role, inferred: true,
        inferredFrom: { start: -1, end: -1, text: publishedAt, rule: 'publication-date' },
      };
      out.push(mention);
      // "this spring", "this May" are the reporter's time, not a year the story goes on in; a few
      // years ago ("as the Houthi attacks reminded everyone two years ago") only for its sentence.
      if (role === 'narrative' && !season) {
        if (d.yearsAgo <= 5) asideOf(sentence[1], block);
        const src = { year, start: d.start, end: d.end, text: d.text };
        goOn(src, block);
      }
      if (day) dayNamed(mention, sentence);
      continue;
    }

    if (d.fixed !== undefined || d.year !== undefined) {
      const mention: DateMention = { kind: 'date', start: d.start, end: d.end, text: d.text, edtf: edtfOf(d, d.year), precision: d.precision, role, inferred: false };
      out.push(mention);
      // "the winter of 1847" (not "of 1939–40", whose second year the story goes on in).
      if (role === 'narrative' && d.year !== undefined) winter = d.precision === 'season' && d.season === 24 && d.endYear === undefined ? { year: d.year, block } : undefined;
      if (d.year !== undefined && role === 'narrative') {
        const src: YearSource = { year: d.endYear ?? d.year, start: d.start, end: d.end, text: d.text, month: d.endYear === undefined ? d.month : undefined };
        const before = text.slice(Math.max(sentence[0], d.start - 80), d.start);
        const opening = text.slice(sentence[0], d.start);
        // An aside in brackets ("(in 2022 a court convicted three men)") or one that looks ahead
        // ("investigators later found …, and in 2022 a court convicted") dates itself only too.
        // So does an older year that names a thing ("guaranteed by the Treaty of London of 1839," in 1914).
        const naming = lastYear !== null && src.year < lastYear.year - 1 && (NAME_OF_YEAR.test(before) || ANNIVERSARY_OF.test(before));
        const life = lastYear !== null && LIFE_ASIDE.test(before);
        // Past a birth's clause the sentence may tell on: "Born in Marseille in 1930, Ferrer … was sent to Hanoi in 1953."
        if (lookBack?.life && /[,;]/.test(text.slice(lookBack.life, d.start))) lookBack = undefined;
        if (!lookBack && (naming || life || SINCE_LEAD.test(before) || LOOK_BACK_CLAUSE.test(opening) || opening.lastIndexOf('(') > opening.lastIndexOf(')') || LATER_ASIDE.test(opening) || (lastYear !== null && src.year > lastYear.year && ONLY_IN.test(before) && !/^\s*Only\s+(?:in|on|by)\s+$/i.test(opening)) || (lastYear !== null && src.year < lastYear.year && (AFTER_NAME_LEAD.test(before) || LIKE_LEAD.test(before) || (storyDateBefore(partStart(text, sentence[0], d.start), d.start, lastYear.year) && !/\b(?:to|until|till|and|or|through|from|between|by)\s+$/i.test(before)))))) {
          asideOf(sentence[1], block, naming ? { asideEnd: d.end } : life ? { life: d.end } : {});
        } else if (lastYear && src.year < lastYear.year && !flashback && PAST_PERFECT_BEFORE.test(opening) && STORY_CLAUSE_FIRST.test(opening)) {
          // A past perfect hung on a sentence the story tells in the simple past ("Stalin insisted on keeping the
          // territories the Soviet Union had seized in 1939"): a look back for that sentence only.
          asideOf(sentence[1], block);
        } else if (lastYear && src.year < lastYear.year && !flashback && inPastPerfect(text, d, sentence)) {
          // Going back in the past perfect ("In October 1904 the fleet had been sent …"): unless the
          // paragraph goes on from there in the simple past, the next one returns to the story's year.
          flashback = { block, sentence: sentence[0], restore: lastYear };
        } else if (flashback && src.year >= flashback.restore.year) flashback = undefined;
        goOn(src, block);
        if (d.precision === 'day' && d.month && d.day) dayYear.set(`${d.month}-${d.day}`, { ...src, year: d.year });
      }
      if (d.precision === 'day') dayNamed(mention, sentence);
      continue;
    }

    if (d.later !== undefined) {
      // "two years later": counted on from the story's last year; without one, nothing to count from.
      if (role !== 'narrative' || !lastYear) continue;
      // "Twenty-one years later, in November 1989": the year it goes on to name.
      const named = raw[i + 1]?.year !== undefined && !raw[i + 1].partial && /^,?\s+(?:in|on|by)\s+$/.test(text.slice(d.end, raw[i + 1].start)) ? raw[i + 1] : undefined;
      let year: number = named ? named.year! : lastYear.year + d.later;
      // "Nearly seventy years later" from 1957 is the page's own year.
      if (!named && publishedYear !== undefined && year === publishedYear + 1 && /\b(?:nearly|almost|about|some|around|roughly)\s+$/i.test(text.slice(Math.max(0, d.start - 10), d.start))) year = publishedYear;
      // Past the page's own year it counts from another time than the story's last year.
      if (publishedYear !== undefined && year > publishedYear) continue;
      const counted: DateMention = {
        kind: 'date', start: d.start, end: d.end, text: d.text, edtf: signedYear(year), precision: 'year', role, inferred: true,
        inferredFrom: named ? { start: named.start, end: named.end, text: named.text, rule: 'same-sentence-date' } : { start: lastYear.start, end: lastYear.end, text: lastYear.text, rule: blockYear.get(block) === lastYear ? 'same-paragraph' : 'narrative' },
      };
      out.push(counted);
      // A look back ("five years earlier", "the year before") is no date to count on from; nor is a count in a
      // relative clause ("a free hand in Korea, which it annexed five years later").
      const relative = /,\s*(?:which|who|whom|where)\b[^,.;:—]*$/i.test(text.slice(sentence[0], d.start));
      if (d.later < 0 || relative) asides.add(counted);
      if (relative) continue;
      // The story goes on in that year (not back in one before it: "five years earlier" is an aside;
      // nor, past its sentence, in the page's own: "Seventy years later, Hungary marks …" is today, and "that October" after it the story's).
      if (d.later >= 0) {
        // Only for its sentence when it reaches the page's year.
        if (year === publishedYear) asideOf(sentence[1], block);
        goOn({ year, start: d.start, end: d.end, text: d.text }, block);
      }
      continue;
    }

    if (d.dayOfMonth) {
      // "On the 22nd": a day of the story's last month (of the next one, if that day has passed);
      // without a month to place it in, nothing.
      // "On the 1st, the city will hold a minute's silence": the next such day after the page's.
      const ahead = role === 'narrative' && publishedAt !== undefined && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) && d.day !== undefined && reportersFuture(text.slice(sentence[0], sentence[1]), d.start - sentence[0]);
      const from = ahead
        ? { year: publishedYear!, month: Number(publishedAt!.slice(5, 7)), day: Number(publishedAt!.slice(8, 10)), mention: { start: -1, end: -1, text: publishedAt! } }
        : role === 'narrative' ? lastStoryDate(out, asides) : undefined;
      if (!from || from.month === undefined || d.day === undefined) continue;
      const { year, month } = monthsOn(from.year, from.month, from.day !== undefined && d.day < from.day ? 1 : 0);
      if (!validDayOf(year, month, d.day) || (!ahead && publishedYear !== undefined && year > publishedYear)) continue;
      const mention: DateMention = {
        kind: 'date', start: d.start, end: d.end, text: d.text, edtf: `${signedYear(year)}-${pad2(month)}-${pad2(d.day)}`, precision: 'day', role, inferred: true,
        inferredFrom: { start: from.mention.start, end: from.mention.end, text: from.mention.text, rule: ahead ? 'publication-date' : blockYear.get(block) && from.mention.start >= ctx.blockBounds(block)[0] ? 'same-paragraph' : 'narrative' },
      };
      out.push(mention);
      // The reporter's coming day: the story stays where it was.
      if (ahead) continue;
      goOn({ year, start: d.start, end: d.end, text: d.text, month }, block);
      dayNamed(mention, sentence);
      continue;
    }

    if (d.laterDays !== undefined || d.laterMonths !== undefined) {
      // "two days later", "two months later": counted on from the story's last date, which must name
      // the day (or the month); without one, nothing to count from.
      const from = role === 'narrative' ? lastStoryDate(out, asides) : undefined;
      if (!from || from.month === undefined || (d.laterDays !== undefined && from.day === undefined)) continue;
      let edtf: string;
      let year: number;
      let month: number;
      if (d.laterDays !== undefined) {
        const t = new Date(0);
        t.setUTCFullYear(from.year, from.month - 1, from.day! + d.laterDays);
        year = t.getUTCFullYear();
        month = t.getUTCMonth() + 1;
        edtf = `${signedYear(year)}-${pad2(month)}-${pad2(t.getUTCDate())}`;
      } else {
        ({ year, month } = monthsOn(from.year, from.month, d.laterMonths!));
        edtf = `${signedYear(year)}-${pad2(month)}`;
      }
      if (publishedYear !== undefined && year > publishedYear) continue;
      const mention: DateMention = {
        kind: 'date', start: d.start, end: d.end, text: d.text, edtf, precision: d.precision, role, inferred: true,
        inferredFrom: { start: from.mention.start, end: from.mention.end, text: from.mention.text, rule: blockYear.get(block) && from.mention.start >= ctx.blockBounds(block)[0] ? 'same-paragraph' : 'narrative' },
      };
      out.push(mention);
      // A look back ("the night before", "two days earlier") is no date to count on from.
      if ((d.laterDays ?? d.laterMonths!) < 0) {
        asides.add(mention);
        continue;
      }
      // The story goes on from there.
      goOn({ year, start: d.start, end: d.end, text: d.text, month }, block);
      if (d.precision === 'day') dayNamed(mention, sentence);
      continue;
    }

    const firstMonth = d.month ?? (d.season !== undefined ? SEASON_FIRST_MONTH[d.season] : undefined);
    if (d.nextOfPage && d.month !== undefined && publishedAt !== undefined && publishedYear !== undefined && /^\d{4}-\d{2}/.test(publishedAt)) {
      // "is expected at Juno next June": the reporter's coming June; the story stays where it was.
      const year = d.month > Number(publishedAt.slice(5, 7)) ? publishedYear : publishedYear + 1;
      out.push({
        kind: 'date', start: d.start, end: d.end, text: d.text, edtf: edtfOf(d, year), precision: d.precision, role, inferred: true,
        inferredFrom: { start: -1, end: -1, text: publishedAt, rule: 'publication-date' },
      });
      continue;
    }
    if (d.following && role === 'narrative' && lastYear && firstMonth !== undefined) {
      // "the following January": of the next year, unless the story's last date is a month a season
      // or more before it in its year ("in June … the following December").
      const from = lastStoryDate(out, asides);
      const lastMonth: number | undefined = from && from.year === lastYear.year ? from.month : undefined;
      // "The sultanate had been abolished the previous November" (in July 1923): the same, backwards; the story stays where it was.
      const year: number = lastMonth !== undefined && (firstMonth - lastMonth) * d.following >= 3 ? lastYear.year : lastYear.year + d.following;
      if (publishedYear === undefined || year <= publishedYear) {
        out.push({
          kind: 'date', start: d.start, end: d.end, text: d.text, edtf: edtfOf(d, year), precision: d.precision, role, inferred: true,
          inferredFrom: { start: lastYear.start, end: lastYear.end, text: lastYear.text, rule: blockYear.get(block) === lastYear ? 'same-paragraph' : 'narrative' },
        });
        if (d.following > 0) {
          goOn({ year, start: d.start, end: d.end, text: d.text, month: firstMonth }, block);
        }
        continue;
      }
    }

    // A partial date: find its year in the story.
    /** "that June": a month the story (or the reader's look back) has already named. */
    const afterThat = /\bthat\s+$/i.test(text.slice(Math.max(0, d.start - 8), d.start));
    let source: YearSource | undefined;
    let heading: YearSource | undefined;
    let turn: ReturnType<typeof lastStoryDate>;
    let older: YearSource | undefined;
    let paragraphEvents: ReturnType<NonNullable<DateContext['eventYearsInSentence']>> | undefined;
    let pageEvents: ReturnType<NonNullable<DateContext['eventYearsInSentence']>>;
    /** Dated back before the story's date by a past perfect: the story does not go on from it. */
    let aside = false;
    let rule: YearRule = 'narrative';
    // Not the event whose anniversary the date is ("28 June was Vidovdan, the anniversary of the Battle of Kosovo").
    const events = role === 'publication' || d.month === undefined ? [] : (ctx.eventYearsInSentence?.(sentence[0], sentence[1], d.month) ?? []).filter((e) => !/\banniversar/i.test(text.slice(Math.min(d.end, e.end), Math.max(d.start, e.start))));
    // "moved it to May 8 in 2023": the year right after it.
    const next = raw[i + 1];
    let joined: number | undefined;
    /** The year this day had where the page named it with one ("4 June 1942"). */
    const namedDay = d.month && d.day ? dayYear.get(`${d.month}-${d.day}`) : undefined;
    if (role === 'publication') {
      // The page's own date ("MOSCOW, September 7 —", a related story's "August 9") is of the
      // publication's year, never of the story it opens: unknown when the page gives no year.
      if (publishedAt !== undefined && publishedYear !== undefined) {
        source = { year: publishedYear, start: -1, end: -1, text: publishedAt };
        rule = 'publication-date';
      }
    } else if ((d.precision === 'day' && ANNUAL.test(text.slice(sentence[0], sentence[1]))) || ((d.precision === 'day' || d.precision === 'month') && EVERY_BEFORE.test(text.slice(Math.max(0, d.start - 40), d.start)))) {
      // A day kept every year ("Russia marks Victory Day on May 9", "veterans gather every February 15"): no year of the story.
    } else if ((joined = yearFromNext(text, d, next)) !== undefined) {
      source = { year: joined, start: next.start, end: next.end, text: next.text };
      rule = 'same-sentence-date';
    } else if (publishedAt !== undefined && publishedYear !== undefined && d.month !== undefined && /^\d{4}-\d{2}/.test(publishedAt) && reportersFuture(text.slice(sentence[0], sentence[1]), d.start - sentence[0])) {
      // The reporter's future ("The exhibition runs until 12 April", "will open in May"): the next such day after the page's.
      const later = d.month > Number(publishedAt.slice(5, 7)) || (d.month === Number(publishedAt.slice(5, 7)) && (d.day ?? 31) >= Number(publishedAt.slice(8, 10) || 1));
      source = { year: later ? publishedYear : publishedYear + 1, start: -1, end: -1, text: publishedAt };
      rule = 'publication-date';
    } else if (next && next.precision === 'year' && next.year !== undefined && next.endYear === undefined && /^\s+in\s+$/.test(text.slice(d.end, next.start))) {
      source = { year: next.year, start: next.start, end: next.end, text: next.text };
      rule = 'same-sentence-date';
    } else if (role === 'narrative' && lookBack?.lastYear && lookBack.asideEnd !== undefined && /[,;—]/.test(text.slice(lookBack.asideEnd, d.start))) {
      // Past the aside's clause the sentence is back in the story ("guaranteed by the Treaty of London
      // of 1839, Britain declared war … on 4 August").
      source = lookBack.lastYear;
      rule = lookBack.blockYear === lookBack.lastYear ? 'same-paragraph' : 'narrative';
    } else if (role === 'narrative' && lastYear && publishedYear !== undefined && lastYear.year >= publishedYear - 10 && d.month !== undefined && d.day === undefined && afterThat && PRESENT_VERB.test(text.slice(sentence[0], sentence[1])) && (older = lastOfMonth(out, d.month, lastYear.year - 10, asides)) !== undefined) {
      // Looking back from today to the story's month: "Few of the men who landed that June are still
      // alive" (after "the memorial, opened in 2021"), "The peace since that September has many authors".
      source = older;
      rule = 'narrative';
    // The paragraph's year, unless the sentence names an event of a later year by its full name ("had begun in February
    // 1904 … In May the Baltic Fleet was destroyed at the Battle of Tsushima": the story has moved on to the event).
    } else if (blockYear.has(block) && role === 'narrative' && !(!afterThat && events.length && events.every((e) => e.year > blockYear.get(block)!.year && namedInFull(e)))) {
      source = blockYear.get(block);
      rule = 'same-paragraph';
    } else if (role === 'narrative' && publishedAt !== undefined && publishedYear !== undefined && d.month !== undefined && !afterThat && /^\d{4}-\d{2}/.test(publishedAt) && PRESENT_HEAD.test(text.slice(ctx.blockBounds(block)[0], d.start))) {
      // A paragraph about today ("Today the city is called Volgograd … In February, Putin again
      // compared …"): the last such month up to the page's.
      source = { year: d.month <= Number(publishedAt.slice(5, 7)) ? publishedYear : publishedYear - 1, start: -1, end: -1, text: publishedAt };
      rule = 'publication-date';
    } else if (role === 'narrative' && (heading = headingYear(i)) !== undefined) {
      source = heading;
      rule = 'next-paragraph';
    } else if (namedDay && (events.length ? !events.some((e) => e.year === namedDay.year) : role === 'narrative' && lastYear && (paragraphEvents ??= eventsBefore(block, sentence[0], d.month)).length && !paragraphEvents.some((e) => e.year === namedDay.year))) {
      // A day the page has named with its year is that day again, whatever other event its sentence or
      // paragraph names ("4 June 1942 … codebreakers at Pearl Harbor … on 4 June American dive bombers").
      source = namedDay;
      rule = 'same-day-earlier';
    } else if (events.length) {
      // The event nearest the date: "the stalemate on the Shaho in October, the attack at Sandepu in January".
      const gap = (e: (typeof events)[number]) => (e.end <= d.start ? d.start - e.end : e.start >= d.end ? e.start - d.end : 0);
      source = events.reduce((best, e) => (gap(e) < gap(best) ? e : best));
      rule = 'same-sentence-event';
      // An event of a later year named in full moves the story on to it ("In May … at the Battle of Tsushima"; "In June" after it is 1905 too).
      if (role === 'narrative' && !afterThat && lastYear && source.year > lastYear.year && namedInFull(source)) goOn({ year: source.year, start: source.start, end: source.end, text: source.text }, block);
    } else if (role === 'narrative' && lastYear && (paragraphEvents ??= eventsBefore(block, sentence[0], d.month)).length && paragraphEvents[paragraphEvents.length - 1].year !== lastYear.year) {
      // A paragraph that names its event before any year: "What followed is known as the July
      // Crisis. … On 5 July" is 1914, whatever year the paragraph before ended in; the story goes on there.
      source = paragraphEvents![paragraphEvents!.length - 1];
      rule = 'same-paragraph';
      goOn(source, block);
    } else if (d.month && d.day && dayYear.has(`${d.month}-${d.day}`)) {
      source = dayYear.get(`${d.month}-${d.day}`);
      rule = 'same-day-earlier';
    } else if (lastYear) {
      source = lastYear;
      rule = 'narrative';
    } else if (role === 'narrative' && !PRESENT_VERB.test(text.slice(sentence[0], sentence[1])) && (pageEvents = ctx.eventYearsInSentence?.(0, sentence[0], d.month) ?? []).length) {
      // Before the story names any year, a page that opened on its event tells it in that event's
      // year ("110 years since the Easter Rising … Casement was arrested on 21 April"), not the page's.
      source = pageEvents[pageEvents.length - 1];
      rule = 'narrative';
    } else if (publishedAt !== undefined && publishedYear !== undefined) {
      source = { year: publishedYear, start: -1, end: -1, text: publishedAt };
      rule = 'publication-date';
    }
    // "On 12 April 1861 … South Carolina had seceded in December": a past perfect reaches back before
    // the story's date, so a later month is of the year before.
    if (source && (rule === 'same-paragraph' || rule === 'narrative') && source.month !== undefined && d.month !== undefined && d.month > source.month && PAST_PERFECT_BEFORE.test(text.slice(sentence[0], d.start))) {
      source = { ...source, year: source.year - 1 };
      aside = true;
    } else if (source && winter && winter.year === source.year && role === 'narrative' && d.month !== undefined && d.month <= 3 && block - winter.block <= 1 && (rule === 'same-paragraph' || rule === 'narrative')) {
      // A winter runs into the next year: "In the winter of 1847 Europe was hungry … On 22 February
      // the king fell" is 1848, "through the winter, and by January" the January after.
      source = { ...source, year: source.year + 1 };
      // And the story goes on in that year.
      goOn({ year: source.year, start: d.start, end: d.end, text: d.text, month: d.month }, block);
      winter = undefined;
    } else if (source && role === 'narrative' && (rule === 'same-paragraph' || rule === 'narrative') && d.month !== undefined && d.month <= 3 && (turn = lastStoryDate(out, asides)) && turn.year === source.year && turn.month !== undefined && turn.month >= 10 && d.month + 12 - turn.month <= 4 && !turn.mention.edtf.includes('/') && !/\b(?:earlier|before|previous|preceding|since)\b/i.test(text.slice(partStart(text, sentence[0], d.start), sentence[1]))) {
      // The story runs on into the new year: "Winter Storm began on 12 December … In January the
      // Soviets launched Ring", "held through December and January" (1940 after November 1939).
      source = { ...source, year: source.year + 1 };
      goOn({ year: source.year, start: d.start, end: d.end, text: d.text, month: d.month }, block);
    }
    const mention: DateMention = {
      kind: 'date',
      start: d.start,
      end: d.end,
      text: d.text,
      edtf: edtfOf(d, source?.year),
      precision: d.precision,
      role,
      inferred: source !== undefined,
      ...(source ? { inferredFrom: { start: source.start, end: source.end, text: source.text, rule } } : {}),
    };
    out.push(mention);
    if (aside) asides.add(mention);
    // (Not one told from early in its second year: "In early 1953 … that winter … In January" is January 1953.)
    if (source && d.precision === 'season' && d.season === 24 && role === 'narrative') winter = (source.month !== undefined && source.month <= 3) || /^(?:early|the\s+(?:beginning|start)\s+of)\b/i.test(source.text) ? undefined : { year: source.year, block };
    if (source && d.precision === 'day' && d.month && d.day && role === 'narrative') {
      dayYear.set(`${d.month}-${d.day}`, { year: source.year, start: source.start, end: source.end, text: source.text });
    }
    if (d.precision === 'day') dayNamed(mention, sentence);
  }
  // Times placed by a later day were added after it: back into text order.
  flushWaiting();
  return out.sort((a, b) => a.start - b.start);
}
