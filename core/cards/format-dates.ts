/**
 * Dates in words for cards: EDTF values as a reader says them ("Thursday, 9 August 1945",
 * "4–11 February 1945", "the late 1930s"), lifespans, and distances in years. Pure; the clock is
 * passed in, never read.
 */
import { differenceInCalendarDays, differenceInYears, format } from 'date-fns';
import { parseEdtf, parseEdtfDate, type EdtfDate } from '../dates/edtf';
import type { KbEntry } from '../kb/types';

const SEASON_NAMES: Record<number, string> = { 21: 'spring', 22: 'summer', 23: 'autumn', 24: 'winter' };

/** A Date at noon UTC for a calendar day: no time zone can move it to another day. */
function day(iso: string): Date {
  // "-0512-01-01" is 513 BC (astronomical numbering, as EDTF and Date have it).
  const neg = iso.startsWith('-');
  const [y, m, d] = (neg ? iso.slice(1) : iso).split('-').map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d, 12));
  date.setUTCFullYear(neg ? -y : y);
  return date;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A year as a reader says it: 1945, 513 BC (year -512), AD 79 (a bare "79" reads as a number). */
function yearInWords(y: number): string {
  return y <= 0 ? `${1 - y} BC` : y < 100 ? `AD ${y}` : String(y);
}

/** A date before AD 100 in words, with its era (date-fns knows no era here); decades and centuries only BC. */
function eraInWords(d: EdtfDate): string {
  switch (d.precision) {
    case 'day':
      return `${d.day} ${MONTH_NAMES[d.month! - 1]} ${yearInWords(d.year)}`;
    case 'month':
      return `${MONTH_NAMES[d.month! - 1]} ${yearInWords(d.year)}`;
    case 'season':
      return `${SEASON_NAMES[d.season!]} ${yearInWords(d.year)}`;
    case 'year':
      return yearInWords(d.year);
    case 'decade':
      return `${1 - d.year}–${1 - (d.year + 9)} BC`;
    case 'century': {
      const n = Math.ceil((1 - d.year) / 100);
      return `the ${n}${ordinalSuffix(n)} century BC`;
    }
  }
}

function ordinalSuffix(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
}

/** date-fns formats in local time; shift a UTC-noon date so local fields show the same day. */
function local(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
}

const fmt = (d: EdtfDate, pattern: string) => {
  const out = local(day(d.earliest));
  out.setFullYear(d.year);
  return format(out, pattern);
};

function qualify(text: string, d: EdtfDate): string {
  if (d.approximate && d.uncertain) return `c. ${text}?`;
  if (d.approximate) return `c. ${text}`;
  if (d.uncertain) return `${text}?`;
  return text;
}

/** One EDTF date in words. `weekday` adds the day of the week to full dates. */
export function dateInWords(d: EdtfDate, weekday = false): string {
  if (d.year <= 0 || (d.year < 100 && d.precision !== 'decade' && d.precision !== 'century')) return qualify(eraInWords(d), d);
  switch (d.precision) {
    case 'day':
      return qualify(fmt(d, weekday ? 'EEEE, d MMMM y' : 'd MMMM y'), d);
    case 'month':
      return qualify(fmt(d, 'MMMM y'), d);
    case 'season':
      return qualify(`${SEASON_NAMES[d.season!]} ${d.year}`, d);
    case 'year':
      return qualify(String(d.year), d);
    case 'decade':
      return qualify(`the ${d.year}s`, d);
    case 'century': {
      const n = Math.floor(d.year / 100) + 1;
      return qualify(`the ${n}${ordinalSuffix(n)} century`, d);
    }
  }
}

/** An EDTF value (date, interval or date-time) in words; null when it cannot be read. */
export function edtfInWords(edtf: string, options: { weekday?: boolean } = {}): string | null {
  const yearless = /^XXXX-(\d{2})(?:-(\d{2}))?$/.exec(edtf);
  if (yearless) {
    // A day or month without its year ("They met on August 9", "marks February 15"): no weekday to give.
    const month = Number(yearless[1]);
    const day = yearless[2] ? Number(yearless[2]) : undefined;
    if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return null;
    const name = format(new Date(2000, month - 1, 1), 'MMMM');
    return day !== undefined ? `${day} ${name}` : name;
  }
  const [datePart, time] = edtf.split('T');
  if (time !== undefined) {
    const d = parseEdtfDate(datePart);
    if (!d) return null;
    const zone = /([+-]\d{2}:\d{2}|Z)$/.exec(time)?.[1];
    const clock = time.replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    return `${dateInWords(d, options.weekday)}, ${clock}${zone ? ` (UTC${zone === 'Z' ? '' : zone})` : ''}`;
  }
  const interval = parseEdtf(edtf);
  if (!interval) return null;
  const { start, end } = interval;
  if (!start && !end) return null;
  if (!start) return `until ${dateInWords(end!)}`;
  if (!end) return `from ${dateInWords(start)}`;
  if (start.edtf === end.edtf) return dateInWords(start, options.weekday);
  if (start.year <= 0) {
    // "264 BC–146 BC", "513 BC–AD 14".
    const endYear = end.year <= 0 ? yearInWords(end.year) : `AD ${end.year}`;
    return start.precision === 'year' && end.precision === 'year' ? `${yearInWords(start.year)}–${endYear}` : `${dateInWords(start)} – ${dateInWords(end)}`;
  }
  // Share what the two ends share: "4–11 February 1945", "August–September 1945".
  if (start.precision === 'day' && end.precision === 'day' && start.year === end.year) {
    if (start.month === end.month) return `${start.day}–${end.day} ${fmt(end, 'MMMM y')}`;
    return `${fmt(start, 'd MMMM')} – ${fmt(end, 'd MMMM y')}`;
  }
  if (start.precision === 'month' && end.precision === 'month' && start.year === end.year) {
    return `${fmt(start, 'MMMM')}–${fmt(end, 'MMMM y')}`;
  }
  if (start.precision === 'year' && end.precision === 'year') return `${start.year}–${end.year}`;
  return `${dateInWords(start)} – ${dateInWords(end)}`;
}

/** The dates line of an entity card: a lifespan with the age, or a start–end span, or one date. */
export function entityDates(entry: Pick<KbEntry, 'type' | 'born' | 'died' | 'start' | 'end' | 'date'>): string | null {
  if (entry.type === 'person') {
    const born = entry.born ? parseEdtfDate(entry.born) : null;
    const died = entry.died ? parseEdtfDate(entry.died) : null;
    if (born && died) {
      const age = born.precision === 'day' && died.precision === 'day' ? ` (aged ${differenceInYears(day(died.earliest), day(born.earliest))})` : '';
      return `${dateInWords(born)} – ${dateInWords(died)}${age}`;
    }
    if (born) return `born ${dateInWords(born)}`;
    if (died) return `died ${dateInWords(died)}`;
    return null;
  }
  if (entry.date) return edtfInWords(entry.date);
  if (entry.start && entry.end) return edtfInWords(`${entry.start}/${entry.end}`);
  if (entry.start) return `from ${edtfInWords(entry.start)}`;
  if (entry.end) return `until ${edtfInWords(entry.end)}`;
  return null;
}

/**
 * Whole years from an EDTF value to a reference day (`YYYY-MM-DD`), e.g. the article's publication
 * date or today: "80 years before this article". Null when the value is after the reference.
 */
export function yearsBefore(edtf: string, reference: string): number | null {
  const interval = parseEdtf(edtf.split('T')[0]);
  const d = interval?.start ?? interval?.end;
  if (!d || !/^\d{4}-\d{2}-\d{2}/.test(reference)) return null;
  const ref = day(reference.slice(0, 10));
  const from = day(d.earliest);
  if (differenceInCalendarDays(ref, from) < 0) return null;
  return differenceInYears(ref, from);
}

export function yearsPhrase(n: number, what: string): string {
  if (n === 0) return `less than a year ${what}`;
  return `${n} year${n === 1 ? '' : 's'} ${what}`;
}

/** The calendar days an EDTF value covers, when it is known to the month or better (else null). */
function preciseSpan(edtf: string): [string, string] | null {
  const iv = parseEdtf(edtf.replace(/T.*$/, ''));
  if (!iv?.start || !iv.end) return null;
  const fine = (d: EdtfDate) => (d.precision === 'day' || d.precision === 'month') && !d.approximate && !d.uncertain && d.year >= 0;
  return fine(iv.start) && fine(iv.end) ? [iv.start.earliest, iv.end.latest] : null;
}

/**
 * Whether a date in an article and the dates the KB gives an event named beside it cannot both be
 * right: both known at least to the month, and not overlapping. Anything vaguer (a year, a season,
 * a date without its year, "c.") never disagrees: only then is showing both sound.
 */
export function datesDisagree(article: string, entry: Pick<KbEntry, 'date' | 'start' | 'end'>): boolean {
  const a = preciseSpan(article);
  const kbValue = entry.date ?? (entry.start ? (entry.end ? `${entry.start}/${entry.end}` : entry.start) : null);
  const kb = kbValue ? preciseSpan(kbValue) : null;
  if (!a || !kb) return false;
  return a[1] < kb[0] || a[0] > kb[1];
}

const HAPPENINGS = new Set(['event', 'battle', 'conference', 'operation']);
/** Between an event's name and its date: "the Yalta Conference on 14 February 1945", "… (July 1943)". */
const NAME_THEN_DATE = /^(?:\s*\(|\s+(?:on|in|of)\s+|,?\s+(?:held|began|opened|fought|launched)\s+(?:on|in)\s+|,\s+which\s+(?:began|opened)\s+(?:on|in)\s+)$/i;
/** Between a date and the name it qualifies: "the February 1945 Yalta Conference". */
const DATE_THEN_NAME = /^\s+$/;
/** Treaties are named long after they are signed: only their signing date is theirs. */
const TREATY_THEN_DATE = /^,?\s*(?:signed|concluded)\s+(?:on|in)\s+$/i;

/**
 * Whether a date in a text is the date of the event named right beside it, so that the KB's own
 * dates for that event can soundly be set against it. Only happenings (battles, conferences,
 * operations, events) and the signing of treaties; wars and other long spans never.
 */
export function dateBelongsTo(text: string, date: { start: number; end: number }, name: { start: number; end: number; type: string }): boolean {
  if (name.end <= date.start) {
    const gap = text.slice(name.end, date.start);
    if (gap.length > 30) return false;
    if (name.type === 'treaty') return TREATY_THEN_DATE.test(gap);
    return HAPPENINGS.has(name.type) && NAME_THEN_DATE.test(gap);
  }
  if (date.end <= name.start) {
    const gap = text.slice(date.end, name.start);
    return HAPPENINGS.has(name.type) && DATE_THEN_NAME.test(gap);
  }
  return false;
}
