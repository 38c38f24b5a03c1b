/**
 * Dates in English prose → EDTF. Finds full dates, month–year, bare years, ranges, decades and
 * centuries with their parts, seasons and clock times; leaves the year of partial dates
 * ("August 9", "late July") to the resolver, which takes it from the text's own narrative.
 * Pure: no Date objects, no clock, no "today".
 */
import { keepLongest } from '../spans';

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![\\p{L}])';
const ORD = '(?:st|nd|rd|th)?';
const DASH = '\\s*[-–—]\\s*';
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21,
};
const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };

export type DatePrecision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'century' | 'time';

/** A date as written, before partial dates get their year. */
export interface RawDate {
  start: number;
  end: number;
  text: string;
  precision: DatePrecision;
  /** Set when the text itself names the year. */
  year?: number;
  month?: number;
  day?: number;
  endYear?: number;
  endMonth?: number;
  endDay?: number;
  season?: number;
  /** EDTF for decades and centuries and their parts, which never need a year from context. */
  fixed?: string;
  /** "17:00" (24-hour) for times, attached to a date. */
  time?: string;
  /** Written as a month on its own or a season without a year ("in February", "in the fall"). */
  partial: boolean;
  /** "Eighty years ago": counted back from the page's publication date (with `today`, to its day). */
  yearsAgo?: number;
  /** "the same year" (0), "two years later" (2), "five years earlier" (-5): years after the story's last year. */
  later?: number;
  /** "two days later" (2), "a week later" (7), "the next day" (1): days after the story's last day. */
  laterDays?: number;
  /** "two months later" (2), "the following month" (1): months after the story's last month. */
  laterMonths?: number;
  /** "the following January" (1): the first such month after the story's last date; "the previous November" (-1): the last before it. */
  following?: 1 | -1;
  today?: boolean;
  /** "on the 22nd": a day of the story's last month (`day` holds it). */
  dayOfMonth?: boolean;
  /** "next June": the first such month after the page's date. */
  nextOfPage?: boolean;
  /** "Thirty-five years ago this month": to the page's month. */
  thisMonth?: boolean;
}

export const MONTH_DATE = new RegExp(
  [
    // (between|from) August 20 (and|to|-) 25[, 1945]
    `\\b(?:[Bb]etween|[Ff]rom)\\s+${MONTH}\\s+(\\d{1,2})${ORD}\\s+(?:and|to|until|-|–)\\s+(\\d{1,2})${ORD}\\b(?:,?\\s+(\\d{4})\\b)?`,
    // August 8[, 1945][, 7:53 p.m.] | August-September 1945 | August 1945 | August 9-10
    `\\b(?:(early|mid|late|the end of|the beginning of|the middle of|the start of)[\\s-]+)?${MONTH}(?:\\s+(\\d{1,2})${ORD}(?!\\d|,\\d{3}))?(?:${DASH}(?:${MONTH}|(\\d{1,2})${ORD}(?!\\d)))?(?:,?\\s+(\\d{4})(?!\\d|,\\d))?(?:,?\\s+(\\d{1,2})[:.](\\d{2})(?!\\d)(?:\\s*(a\\.m\\.|p\\.m\\.|am|pm|AM|PM|A\\.M\\.|P\\.M\\.)(?![\\p{L}]))?)?`,
    // 13 April 1941 | 13 April
    `\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4})(?!\\d))?`,
    // 1941-04-13
    `\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`,
    // 22.06.1941 (day, two-digit month, year: how Ukrainian and most European sites write dates)
    `\\b(\\d{1,2})\\.(\\d{2})\\.(\\d{4})(?![\\d.]\\d)`,
  ].join('|'),
  'gu',
);

/** "by Christmas", "On New Year's Day": a feast's day, after a preposition (not "every Christmas", "the Christmas truce"). */
export const HOLIDAY = /(?<=\b(?:[Oo]n|[Bb]y|at|[Aa]round|before|after|[Uu]ntil|till|over|for|since|from)\s+)(?:(Christmas)(?:\s+(Day|Eve))?|New\s+Year['’]s\s+(Day|Eve))(?:,?\s+(\d{4})(?!\d))?\b(?!\s+(?:tree|trees|market|markets|cards?|carols?|dinner|party|parties|presents?|gifts?|truce|holidays?|season|break|period|shopping|lights|message|broadcast|offensive|bombings?|speech|address|Island))/g;

/** "on the 22nd", "by the 26th": a day of the story's month (not "the 22nd Army", "the 20th century", "the 22nd of June"). */
export const DAY_OF_MONTH = /(?<=\b(?:[Oo]n|[Bb]y|[Uu]ntil|till|[Ff]rom|since|before|after)\s+)the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?![-–]|\s+(?:of\b|century|centuries|anniversary|birthday|[\p{Lu}\d]))/gu;

export const DECADE = /\b(?:the\s+)?(?:(early|mid|late)[\s-]+|(first|second|latter|last)\s+half\s+of\s+the\s+)?(1\d{2}0|20[0-9]0|[1-9]\d0)s\b/gi;
export const CENTURY = /\b(?:the\s+)?(?:(early|mid|late|last quarter of the|first quarter of the|first half of the|second half of the|turn of the|end of the|beginning of the)[\s-]+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first|\d{1,2}(?:st|nd|rd|th))[\s-]century\b/gi;
export const SEASON = /\b(?:(this|that|(?:that|the)\s+same|the\s+(?:next|following|previous|preceding))\s+|(?:(?:in|during|by|until|since|through)\s+)?(?:the\s+)?)(early|late)?\s*(spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+(\d{4})(?:\s*[-–—/]\s*(\d{4}|\d{2}))?(?!\d))?\b/gi;
/** "from 1904 to 1905", "between 1950 and 1953": one range of years. */
export const YEAR_RANGE = /\b(?:from|between)\s+(1[0-9]{3}|20[0-9]{2})\s+(?:to|and|until|till|through)\s+(1[0-9]{3}|20[0-9]{2})\b(?![.,]\d|\s*(?:%|percent|per cent))/gi;
export const YEAR = /(?<![\d$€£.,:/-])\b(?:(early|mid|late)[\s-]+)?(1[0-9]{3}|20[0-9]{2})(?:(?:\s*[-–—]\s*|\/)(\d{4}|\d{2})(?!\d))?\b(?![.,]\d|\s*(?:%|percent|per cent))/g;
/** The era before Christ as news writes it. */
const BC = String.raw`(?:BCE|BC|B\.C\.E\.|B\.C\.)(?![A-Za-z])`;
/** A year before Christ: "513 BC", "44 B.C.", "3000 BCE". */
export const BC_YEAR = new RegExp(String.raw`\b(\d{1,4})\s?` + BC, 'g');
/** "BC" after a century: "the fifth century BC". */
const BC_AFTER = new RegExp(String.raw`^\s?` + BC);
export const TIME = /\b(?<![\d.]\.?)(?:at\s+)?([01]?\d|2[0-3])(?:(?::|\.(?=[0-5]\d\s?(?:a\.m\.|p\.m\.|am|pm|A\.M\.|P\.M\.)(?![a-zA-Z])))([0-5]\d)|(?=\s?(?:a\.m\.|p\.m\.|am|pm|A\.M\.|P\.M\.)(?![a-zA-Z])))(?:\s*(a\.m\.|p\.m\.|am|pm|AM|PM|A\.M\.|P\.M\.)(?![a-zA-Z]))?(?:\s+(Moscow|Kyiv|Kiev|Tokyo|Berlin|London|Washington|local|Japanese|Greenwich)\s+time)?/g;

/** "the same year", "that same year", "later that year", "the following year", "two years later", "a decade later", "five years earlier": a year counted on (or back) from the story's; "last year": the page's. */
export const RELATIVE_YEAR = /(?<![-\p{L}\p{N}])(?<!(?:hundred|thousand)\s+(?:and\s+)?)(?:(?:that|the)\s+(?:very\s+)?same\s+year|(?:later|earlier)\s+that\s+year|the\s+(following|next)\s+year|((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\d{1,2})\s+years?\s+(later|earlier)|a\s+(decade)\s+(?:later|earlier)|(?<!\bthe\s+)(last|this|next)\s+year(?!\s+of\b)|the\s+(?:(previous|preceding)\s+year|year\s+(before)(?=\s*[,.;:)]|\s+(?:he|she|it|they|we|i|there)\b)))\b/giu;

/**
 * "two days later", "a week later", "three months afterwards", "the next day", "the following month": counted on from the story's last day or month;
 * "the same day", "that night": the story's day; "the night before", "the previous day", "two days earlier": counted back (a look back, no date to count on from).
 * "before" only where the clause ends ("the day before, Molotov …", not "the day before the invasion").
 */
export const RELATIVE_SPAN = /(?<![-\p{L}\p{N}])(?:(?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|\d{1,2})\s+(?<unit>day|week|month)s?\s+(?:later|afterwards?|(?<back>earlier|before(?=\s*[,.;:)]|\s+(?:he|she|it|they|we|i|there)\b)))|the\s+(?:next|following)\s+(?<next>day|morning|month)|(?:(?:early|late|later)\s+)?(?:that|the\s+same)\s+(?<month>month)|(?:later\s+)?(?:that\s+(?:same\s+)?|the\s+same\s+)(?<same>day|night|evening)|the\s+(?:(?:previous|preceding)\s+(?<prev>day|night|evening|morning)|(?<before>day|night|evening)\s+before(?=\s*[,.;:)]|\s+(?:he|she|it|they|we|i|there)\b)))\b/giu;

const TEENS: Record<string, number> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { ten: 10, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
/**
 * Years before 1000 need a word that makes them years: "in 988", "around 957", "c. 950", "the year
 * 862", "AD 882", "945 AD" (not "in 300 villages", handled below); years before 100 need the era:
 * "AD 79", "79 CE".
 */
export const EARLY_YEAR = /\b(?:(?:[Ii]n|of|[Ff]rom|[Ss]ince|[Uu]ntil|[Aa]round|[Cc]irca|c\.|ca\.|[Yy]ear|[Bb]efore|[Aa]fter|AD|A\.D\.)\s{1,3})(\d{3})\b(?![-–—.,:/]\d|\s*%|[\s-]*(?:[Mm]etres?|[Mm]eters?|km|kilometres?|miles?|feet|ft|m)\b)(?:\s+(?:AD|CE)\b)?|\b(\d{3})\s+(?:AD|CE)\b|\b(?:AD|A\.D\.)\s{1,3}(\d{1,2})\b(?![-–—.,:/]\d|\s*%)|\b(\d{1,2})\s+(?:AD|CE)\b/g;
/** "Eighty years ago today", "75 years ago", "a century ago": a year counted back from the publication date. */
export const YEARS_AGO = /(?<!\b(?:hundred|thousand|score)\s+and\s+)\b(\d{1,4}|(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|eleven|twelve|fifteen|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\s+hundred(?:\s+(?:and\s+)?(?:(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|eleven|twelve|fifteen))?|a century|half a century|(?:a|one|two|three|four|five|six|seven|eight|nine)\s+decades?)\s+(?:years?\s+)?ago(?:\s+(today|this week|this month))?\b/gi;

/** How many "a", "an", "two", "fifteen", "thirty", "75" say: the count before "years later" or "days later". */
function countOf(word: string): number {
  const w = word.toLowerCase();
  return w === 'a' || w === 'an' ? 1 : yearsIn(w);
}

/** How many years "eighty", "seventy-five", "75", "two decades" or "a century" says. */
function yearsIn(words: string): number {
  const w = words.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w === 'a century') return 100;
  // "one hundred", "nine hundred and sixty"
  const hundred = /^(\w+)\s+hundred(?:\s+(?:and\s+)?(.+))?$/.exec(w);
  if (hundred) return 100 * (hundred[1] === 'a' ? 1 : yearsIn(hundred[1])) + (hundred[2] ? yearsIn(hundred[2]) : 0);
  if (w === 'half a century') return 50;
  const decades = /^(\w+)\s+decades?$/.exec(w);
  if (decades) return 10 * (decades[1] === 'a' ? 1 : UNITS[decades[1]] ?? 0);
  if (UNITS[w] !== undefined || TEENS[w] !== undefined) return UNITS[w] ?? TEENS[w];
  const [tens, unit] = w.split(/[- ]/);
  return (TENS[tens] ?? 0) + (unit ? UNITS[unit] ?? 0 : 0);
}

/** Month names in Ukrainian and Russian: nominative, genitive ("2 вересня") and locative ("у серпні"). */
const CYRILLIC_MONTH_FORMS: string[][] = [
  ['січень', 'січня', 'січні', 'январь', 'января', 'январе'],
  ['лютий', 'лютого', 'лютому', 'февраль', 'февраля', 'феврале'],
  ['березень', 'березня', 'березні', 'март', 'марта', 'марте'],
  ['квітень', 'квітня', 'квітні', 'апрель', 'апреля', 'апреле'],
  ['травень', 'травня', 'травні', 'май', 'мая', 'мае'],
  ['червень', 'червня', 'червні', 'июнь', 'июня', 'июне'],
  ['липень', 'липня', 'липні', 'июль', 'июля', 'июле'],
  ['серпень', 'серпня', 'серпні', 'август', 'августа', 'августе'],
  ['вересень', 'вересня', 'вересні', 'сентябрь', 'сентября', 'сентябре'],
  ['жовтень', 'жовтня', 'жовтні', 'октябрь', 'октября', 'октябре'],
  ['листопад', 'листопада', 'листопаді', 'ноябрь', 'ноября', 'ноябре'],
  ['грудень', 'грудня', 'грудні', 'декабрь', 'декабря', 'декабре'],
];
const CYRILLIC_MONTHS = new Map(CYRILLIC_MONTH_FORMS.flatMap((forms, i) => forms.map((f) => [f, i + 1] as const)));
const CYRILLIC_MONTH = `(${[...CYRILLIC_MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`;
/**
 * Dates in Ukrainian and Russian: "2 вересня 1945 року", "8–9 серпня 1945", "у серпні 1945 року",
 * "серпня 1945", "у серпні" (a month of the story's year).
 */
export const CYRILLIC_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(\\d{1,2})(?:\\s*[-–—]\\s*(\\d{1,2}))?(?:-?(?:го|е|ого))?\\s+|(у|в|во)\\s+)?${CYRILLIC_MONTH}(?:\\s+(\\d{4})(?!\\d)(?:\\s*(?:року|році|рік|года|году|год)(?![\\p{L}])|\\s*(?:р|г)\\.)?)?`,
  'giu',
);

/** UTC offsets of the zones texts about the 1940s name; others are left without an offset. */
const ZONES: Record<string, string> = { moscow: '+03:00', tokyo: '+09:00', japanese: '+09:00', greenwich: 'Z' };

/** Words that end the count before "ago": a number in figures or words, "years", "hundred", "century". */
const AGO_AFTER = /^(?:\d{1,4}|years?|hundred|century|decades?|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine)$/i;
/** Ordinals a century is counted by ("the nineteenth century", "20th-century"). */
const ORDINAL_BEFORE = /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|\d{1,2}(?:st|nd|rd|th))$/i;
/** Words before a three-digit number that make it a year ("in 988", "A.D. 988"), and words after it that leave it one. */
const ERA_WORDS = new Set(['in', 'In', 'of', 'from', 'From', 'since', 'Since', 'until', 'Until', 'around', 'Around', 'circa', 'Circa', 'c', 'ca', 'year', 'Year', 'before', 'Before', 'after', 'After', 'AD', 'D']);
/** Before a year of one or two figures only the era makes it one ("AD 79", "A.D. 9"). */
const AD_WORDS = new Set(['AD', 'D']);
const EARLY_YEAR_FOLLOWERS = new Set('the he she they it his her its their a an and when after before as until became granted signed began ended'.split(' '));
/** Whether a lower-case word right after text[…, end) makes the number before it a count ("in 300 villages"), not a year ("in 988 the prince"). */
function countedAfter(text: string, end: number): boolean {
  const next = /^\s+([a-z]+)/.exec(text.slice(end, end + 24));
  if (next === null || EARLY_YEAR_FOLLOWERS.has(next[1])) return false;
  // A verb in the past with its object is no counted thing: "in 860 raided the suburbs", "in 907 besieged Constantinople".
  return !/^\s+[a-z]+ed\s+(?:the|a|an|his|her|their|its|\p{Lu})/u.test(text.slice(end, end + 40));
}
/** "in 978 or 980", "in 941 and 944": a second year joined to the first. */
const EARLY_YEAR_PAIR = /^\s+(?:or|and|to|until)\s+(\d{3})\b(?![-–—.,:/]\d|\s*%)/;
/** Words after a bare number that make it a count, not a year. */
const COUNT_WORDS = /^\s+(?:soldiers|troops|men|people|prisoners|killed|wounded|dead|tanks|aircraft|planes|guns|kilometers|kilometres|km|miles|meters|metres|tons|tonnes|hectares|square|civilians|children|women|residents|inhabitants|votes|dollars|euros|hryvnias|rubles|roubles|units|pieces|times|cases|houses|homes|buildings|vehicles|ships|casualties|points)\b/i;

/** Words before a bare number that make it a label, not a year ("Resolution 1441", "Flight 1945"). */
const LABEL_WORDS = /\b(?:resolution|resolutions|room|flight|route|highway|apartment|suite|platform|gate|bus|page|pages|pp?\.|item|model|exit|channel|nos?\.|number|#)\s*$/i;

function monthOf(word: string): number {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? 0;
}

/** "a.m.", "p.m.", "am", "pm", "A.M.", "P.M." at `p`, and no letter after it. */
function ampmAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c !== 97 && c !== 112 && c !== 65 && c !== 80) return false;
  const upper = c === 65 || c === 80;
  const dotted = text.charCodeAt(p + 1) === 46 && text.charCodeAt(p + 2) === (upper ? 77 : 109) && text.charCodeAt(p + 3) === 46;
  if (dotted) return !/[a-zA-Z]/.test(text[p + 4] ?? '');
  return !upper && text.charCodeAt(p + 1) === 109 && !/[a-zA-Z]/.test(text[p + 2] ?? '');
}

function to24h(h: number, m: string, ampm?: string): string {
  let hour = h;
  const suffix = ampm?.toLowerCase().replace(/\./g, '');
  if (suffix === 'pm' && hour < 12) hour += 12;
  if (suffix === 'am' && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${m}`;
}

/** A year as EDTF writes it: four figures, and a minus sign before Christ (astronomical numbering). */
export function signedYear(n: number): string {
  return n < 0 ? `-${String(-n).padStart(4, '0')}` : String(n).padStart(4, '0');
}

/** EDTF for the century that begins in year `first`, or for a part of it ("late", "first half of the" …). */
function centuryFixed(first: number, part: string): string {
  const y = (k: number) => signedYear(first + k);
  switch (part) {
    case 'early':
    case 'beginning of the':
      return `${y(0)}/${y(33)}`;
    case 'mid':
      return `${y(33)}/${y(66)}`;
    case 'late':
    case 'end of the':
      return `${y(66)}/${y(99)}`;
    case 'last quarter of the':
      return `${y(75)}/${y(99)}`;
    case 'first quarter of the':
      return `${y(0)}/${y(24)}`;
    case 'first half of the':
      return `${y(0)}/${y(49)}`;
    case 'second half of the':
      return `${y(50)}/${y(99)}`;
    case 'turn of the':
      // "the turn of the twentieth century" is about 1900: the century's first years and the last ones before it.
      return `${y(Math.max(-5, -first))}/${y(5)}`;
    default:
      // Before Christ, "-04XX" is the fifth century BC (-499 to -400).
      return first < 0 ? `-${String((-first - 99) / 100).padStart(2, '0')}XX` : `${String(first / 100).padStart(2, '0')}XX`;
  }
}

function expandEndYear(start: number, end: string): number {
  if (end.length === 4) return Number(end);
  const base = Math.floor(start / 100) * 100 + Number(end);
  return base < start ? base + 100 : base;
}

const validDay = (month: number, day: number) => day >= 1 && day <= [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month];

/**
 * Where each pattern can match: every match of the pattern contains a match of its cue starting at
 * most `reach` characters after the match's own start. Cues are plain and cheap to find; the full
 * patterns then run only near them.
 */
const CUES = new Map<RegExp, { cue: RegExp; reach: number; window?: boolean }>([
  [MONTH_DATE, { cue: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{4}-\d\d-\d\d|\d\.\d\d\.\d{4}/g, reach: 40 }],
  [DECADE, { cue: /\d{2,3}0s/gi, reach: 40 }],
  [CENTURY, { cue: /century/gi, reach: 64 }],
  [SEASON, { cue: /spring|summer|autumn|fall|winter/gi, reach: 40 }],
  [YEAR, { cue: /1\d{3}|20\d\d/g, reach: 20 }],
  [YEAR_RANGE, { cue: /1\d{3}|20\d\d/g, reach: 16 }],
  [BC_YEAR, { cue: /(?<![A-Za-z0-9_])\d{1,4}\s?B\.?C/g, reach: 0 }],
  [TIME, { cue: /\d:[0-5]\d|\d\s?(?:a\.m\.|p\.m\.|am|pm|A\.M\.|P\.M\.)(?![a-zA-Z])/g, reach: 10 }],
  [YEARS_AGO, { cue: /\bago\b/gi, reach: 48 }],
  // Its leading words and look-behinds make a scan ahead of a cue slow: tried only at the places before each cue.
  [RELATIVE_YEAR, { cue: /\b(?:years?|decade)\b/gi, reach: 24, window: true }],
  [RELATIVE_SPAN, { cue: /\b(?:days?|weeks?|months?|morning|night|evening)\b/gi, reach: 24, window: true }],
  [EARLY_YEAR, { cue: /(?<![A-Za-z0-9_])\d{1,3}(?![A-Za-z0-9_])/g, reach: 10 }],
  [CYRILLIC_DATE, { cue: new RegExp(`(?<![\\p{L}])${CYRILLIC_MONTH}`, 'giu'), reach: 16 }],
  // Their look-behinds make a scan ahead of a cue slow too: tried only at the cue ("Christmas") or at "the" before it ("the 22nd").
  [HOLIDAY, { cue: /\b(?:Christmas|New\s+Year)/g, reach: 0, window: true }],
  [DAY_OF_MONTH, { cue: /\b\d{1,2}(?:st|nd|rd|th)\b/g, reach: 4, window: true }],
]);

/** An ASCII letter, figure or hyphen. */
function asciiWordOrHyphen(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/**
 * The matches `text.matchAll(pattern)` gives, found by running the pattern only from a little
 * before each cue. The pattern's leftmost-first semantics are kept: every search starts after the
 * previous match, and no match can start between there and the cue searched from (its own cue
 * would have come first). Linear in the text: each search ends at the match it finds.
 */
export function* matchesNear(text: string, pattern: RegExp, cues?: DateCues): Generator<RegExpExecArray> {
  const near = CUES.get(pattern);
  if (!near) throw new Error('matchesNear: no cue for this pattern');
  const re = new RegExp(pattern.source, pattern.flags);
  let last = 0;
  const positions = cues?.get(pattern);
  if (near.window) {
    // Each match starts at most `reach` before its cue and at or before it: a sticky try at each of
    // those places, in order, finds the leftmost match without scanning on to the next one.
    const sticky = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y');
    const at = positions ?? [...text.matchAll(new RegExp(near.cue.source, near.cue.flags))].map((c) => c.index!);
    for (const c of at) {
      if (c < last) continue;
      for (let p = Math.max(last, c - near.reach); p <= c; p++) {
        // The window patterns open with a word after no letter, figure or hyphen: skip the other places unasked.
        if (p > 0 && asciiWordOrHyphen(text.charCodeAt(p - 1))) continue;
        sticky.lastIndex = p;
        const m = sticky.exec(text);
        if (!m) continue;
        yield m;
        last = m.index + Math.max(1, m[0].length);
        break;
      }
    }
    return;
  }
  if (positions) {
    for (const c of positions) {
      if (c < last) continue;
      re.lastIndex = Math.max(last, c - near.reach);
      const m = re.exec(text);
      if (!m) return;
      yield m;
      last = m.index + Math.max(1, m[0].length);
    }
    return;
  }
  const cue = new RegExp(near.cue.source, near.cue.flags);
  for (let c = cue.exec(text); c; c = cue.exec(text)) {
    re.lastIndex = Math.max(last, c.index - near.reach);
    const m = re.exec(text);
    if (!m) return;
    yield m;
    last = m.index + Math.max(1, m[0].length);
    if (cue.lastIndex < last) cue.lastIndex = last;
  }
}

/** Cue positions of each date pattern, in text order (see dateCues). */
export type DateCues = Map<RegExp, number[]>;

/** The words of a text as the detector splits them (letters and digits, with inner apostrophes). */
export interface TextWords {
  length: number;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  /** Set for words with a character beyond ASCII or an apostrophe inside, where a boundary may fall inside the word. */
  irregular(k: number): boolean;
}

/** "Jan" … "Dec" as numbers: first character << 16 | second << 8 | third. */
const MONTH_KEYS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2)));
const SEASON_WORDS = ['spring', 'summer', 'autumn', 'fall', 'winter'];
/** Bits (code − 64) of A, D, F, J, M, N, O and S. */
const MONTH_INITIALS = [...'ADFJMNOS'].reduce((bits, c) => bits | (1 << (c.charCodeAt(0) - 64)), 0);
const ORDINAL_ENDS = new Set(['st', 'nd', 'rd', 'th']);
export const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiWordChar = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The cues of every pattern from the text's words, in one pass, instead of one regular-expression
 * scan of the whole text per pattern. Each pattern's cue can begin a match only at the start of a
 * word (its month, decade, century, season or year is a word of its own, after a boundary, a space
 * or a dash), or at a clock time's last hour digit. In words with a character beyond ASCII or an
 * inner apostrophe a regular-expression boundary falls inside the word, so each run of ASCII letters
 * and digits there counts as a word. Positions may include cues that lead to nothing (as the
 * expressions' own do: "Marshal"); matchesNear then finds exactly what a scan of the whole text finds.
 */
export function dateCues(text: string, words: TextWords): DateCues {
  const month: number[] = [];
  const decade: number[] = [];
  const century: number[] = [];
  const season: number[] = [];
  const year: number[] = [];
  const yearRange: number[] = [];
  const time: number[] = [];
  const cyrillic: number[] = [];
  const holiday: number[] = [];
  const dayOfMonth: number[] = [];
  const ago: number[] = [];
  const relative: number[] = [];
  const spans: number[] = [];
  const early: number[] = [];
  const bc: number[] = [];
  const lists = new Map<RegExp, number[]>([
    [BC_YEAR, bc],
    [MONTH_DATE, month],
    [DECADE, decade],
    [CENTURY, century],
    [SEASON, season],
    [YEAR, year],
    [YEAR_RANGE, yearRange],
    [TIME, time],
    [CYRILLIC_DATE, cyrillic],
    [HOLIDAY, holiday],
    [DAY_OF_MONTH, dayOfMonth],
    [YEARS_AGO, ago],
    [RELATIVE_YEAR, relative],
    [RELATIVE_SPAN, spans],
    [EARLY_YEAR, early],
  ]);
  /** Whether the text at `at` is `word` (lower-case ASCII), in any case. */
  const starts = (at: number, word: string) => {
    for (let i = 0; i < word.length; i++) if ((text.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
    return true;
  };
  /** The ASCII word ending at `end`. */
  const wordEndingAt = (end: number) => {
    let w = end;
    while (w > 0 && isAsciiWordChar(text.charCodeAt(w - 1))) w--;
    return text.slice(w, end);
  };
  /**
   * A three-digit number can be a year only after one of ERA_WORDS ("in", "around", "A.D." …) or
   * before "AD"/"CE"; a number of one or two figures only after "AD"/"A.D." or before "AD"/"CE".
   */
  const eraWordAround = (start: number, end: number, words = ERA_WORDS) => {
    // Not "in 300,000" or "in 300%" (the pattern refuses them too; a cue leading nowhere makes its search run on).
    const after = text.charCodeAt(end);
    if (isDigit(text.charCodeAt(end + 1)) && (after === 45 || after === 0x2013 || after === 0x2014 || after === 46 || after === 44 || after === 58 || after === 47)) return false;
    let q = end;
    while (q < text.length && /\s/.test(text[q])) q++;
    const next = text.slice(q, q + 2);
    if (next === 'AD' || next === 'CE') return true;
    let p = start;
    for (let skipped = 0; p > 0 && skipped < 3 && !isAsciiWordChar(text.charCodeAt(p - 1)); skipped++) p--;
    return words.has(wordEndingAt(p));
  };
  /** The ASCII word before `start`, across white space only. */
  const wordBefore = (start: number) => {
    let p = start;
    while (p > 0 && /\s/.test(text[p - 1])) p--;
    return wordEndingAt(p);
  };
  /** The cues of the plain word text[start, end): ASCII letters and digits. */
  const cuesOf = (start: number, end: number) => {
    const c0 = text.charCodeAt(start);
    if (isDigit(c0)) {
      // The word's leading figures ("513", "10" of "10am").
      let figures = start;
      while (figures < end && isDigit(text.charCodeAt(figures))) figures++;
      // "513 BC", "44 B.C.": a number of up to four figures, then "B" and "C" or ".C".
      if (figures - start <= 4) {
        // "513 BC", or "513BC" as one word.
        const b = figures === end && text.charCodeAt(end) === 32 ? end + 1 : figures;
        if (text.charCodeAt(b) === 66 && (text.charCodeAt(b + 1) === 67 || (text.charCodeAt(b + 1) === 46 && text.charCodeAt(b + 2) === 67))) bc.push(start);
      }
      if (end - start === 3 && isDigit(text.charCodeAt(start + 1)) && isDigit(text.charCodeAt(start + 2)) && eraWordAround(start, end)) early.push(start);
      else if (figures === end && end - start <= 2 && eraWordAround(start, end, AD_WORDS)) early.push(start);
      // "the 960s".
      if (end - start === 4 && isDigit(text.charCodeAt(start + 1)) && text.charCodeAt(start + 2) === 48 && (text.charCodeAt(start + 3) | 32) === 115) decade.push(start);
      if (end - start >= 4 && isDigit(text.charCodeAt(start + 1)) && isDigit(text.charCodeAt(start + 2)) && isDigit(text.charCodeAt(start + 3))) {
        const c1 = text.charCodeAt(start + 1);
        if (c0 === 49 || (c0 === 50 && c1 === 48)) {
          year.push(start);
          // "from 1904 to 1905", "between 1950 and 1953": only after those words.
          const before = wordBefore(start).toLowerCase();
          if (before === 'from' || before === 'between') yearRange.push(start);
        }
        if (text.charCodeAt(start + 4) === 45) month.push(start); // 1941-04-13
        if (end - start >= 5 && text.charCodeAt(start + 3) === 48 && (text.charCodeAt(start + 4) | 32) === 115) decade.push(start);
      }
      // "22.06.1941": the day's last digit, a dot, two digits, a dot, four digits.
      if (end - start <= 2 && text.charCodeAt(end) === 46 && text.charCodeAt(end + 3) === 46) {
        let digits = true;
        for (const q of [end + 1, end + 2, end + 4, end + 5, end + 6, end + 7]) digits &&= isDigit(text.charCodeAt(q));
        if (digits) month.push(end - 1);
      }
      // "the 22nd": a day's figures and its ordinal ending, as one word.
      if (figures - start <= 2 && end - figures === 2 && ORDINAL_ENDS.has(text.slice(figures, end).toLowerCase())) dayOfMonth.push(start);
      // "17:00": the hour's last digit, then a colon and the minutes.
      if (text.charCodeAt(end) === 58 && isDigit(text.charCodeAt(end - 1))) time.push(end - 1);
      // "10 a.m.", "10am": the hour's last digit, then the half of the day.
      else if (figures - start <= 2 && (figures === end && text.charCodeAt(end) === 32 ? ampmAt(text, end + 1) : ampmAt(text, figures))) time.push(figures - 1);
      return;
    }
    if (end - start < 3) return;
    // "Eighty years ago", "75 years ago", "a century ago" (not "long ago").
    if (end - start === 3 && starts(start, 'ago') && AGO_AFTER.test(wordBefore(start))) ago.push(start);
    // "the same year", "two years later", "a decade later".
    if ((c0 | 32) === 121 && (end - start === 4 || end - start === 5) && starts(start, end - start === 4 ? 'year' : 'years')) relative.push(start);
    else if ((c0 | 32) === 100 && end - start === 6 && starts(start, 'decade')) relative.push(start);
    // "two days later", "a week later", "the next morning".
    else if (((c0 | 32) === 100 && (end - start === 3 || end - start === 4) && starts(start, 'day')) || ((c0 | 32) === 119 && (end - start === 4 || end - start === 5) && starts(start, 'week'))) spans.push(start);
    else if ((c0 | 32) === 109 && (((end - start === 5 || end - start === 6) && starts(start, 'month')) || (end - start === 7 && starts(start, 'morning')))) spans.push(start);
    else if (((c0 | 32) === 110 && end - start === 5 && starts(start, 'night')) || ((c0 | 32) === 101 && end - start === 7 && starts(start, 'evening'))) spans.push(start);
    // Month abbreviations open with A, D, F, J, M, N, O or S.
    if (c0 >= 65 && c0 <= 83 && MONTH_INITIALS & (1 << (c0 - 64)) && MONTH_KEYS.has((c0 << 16) | (text.charCodeAt(start + 1) << 8) | text.charCodeAt(start + 2))) month.push(start);
    switch (c0 | 32) {
      case 99: // c
        if (c0 === 67 && starts(start, 'christmas')) holiday.push(start);
        // "the nineteenth century", "20th-century" (not "a century ago").
        if (starts(start, 'century') && start > 0 && (/\s/.test(text[start - 1]) || text[start - 1] === '-') && ORDINAL_BEFORE.test(wordBefore(start - 1))) century.push(start);
        break;
      case 115: // s
        if (starts(start, 'spring') || starts(start, 'summer')) season.push(start);
        break;
      case 97: // a
        if (starts(start, 'autumn')) season.push(start);
        break;
      case 102: // f
        if (starts(start, 'fall')) season.push(start);
        break;
      case 119: // w
        if (starts(start, 'winter')) season.push(start);
        break;
      case 110: // n: "New Year's Day"
        if (c0 === 78 && end - start === 3 && starts(start, 'new') && /^\s+Year/.test(text.slice(end, end + 6))) holiday.push(start);
        break;
      case 101: // e: "earlyspring", the season's own cue inside the word
      case 108: {
        const early = (c0 | 32) === 101;
        const after = start + (early ? 5 : 4);
        if (starts(start, early ? 'early' : 'late')) for (const w of SEASON_WORDS) if (starts(after, w)) season.push(after);
        break;
      }
    }
  };
  for (let k = 0; k < words.length; k++) {
    const start = words.start[k];
    const end = words.end[k];
    if (!words.irregular(k)) {
      cuesOf(start, end);
      continue;
    }
    // A Ukrainian or Russian month name: the word, or a piece of it after an apostrophe.
    let piece = start;
    for (let q = start; q <= end; q++) {
      const c = q < end ? text.charCodeAt(q) : 39;
      if (c !== 39 && c !== 0x2019 && c !== 0x2bc) continue;
      if (q - piece >= 3 && q - piece <= 9 && CYRILLIC_MONTHS.has(text.slice(piece, q).toLowerCase())) cyrillic.push(piece);
      piece = q + 1;
    }
    // A regular-expression boundary falls inside the word after each character beyond ASCII or
    // apostrophe: each run of ASCII letters and digits is a word of its own for the cues.
    let p = start;
    while (p < end) {
      let q = p;
      while (q < end && isAsciiWordChar(text.charCodeAt(q))) q++;
      if (q > p && (p === start || !isAsciiWordChar(text.charCodeAt(p - 1)))) cuesOf(p, q);
      p = q + 1;
    }
  }
  for (const list of lists.values()) if (list.some((c, i) => i > 0 && c < list[i - 1])) list.sort((a, b) => a - b);
  return lists;
}

/** Every date-like phrase in `text`, longest first where they overlap, in text order. */
export function findRawDates(text: string, cues?: DateCues): RawDate[] {
  const found: RawDate[] = [];
  const push = (d: RawDate) => found.push(d);

  for (const m of matchesNear(text, MONTH_DATE, cues)) {
    const start = m.index!;
    const end = start + m[0].length;
    const t = m[0];
    if (m[1]) {
      // between August 20 and 25
      const month = monthOf(m[1]);
      const d1 = Number(m[2]);
      const d2 = Number(m[3]);
      if (!month || !validDay(month, d1) || !validDay(month, d2) || d2 < d1) continue;
      const year = m[4] ? Number(m[4]) : undefined;
      // Keep the mention to the dates themselves, not the preposition.
      const off = t.indexOf(m[1], t.search(/\s/));
      push({ start: start + off, end, text: t.slice(off), precision: 'day', year, month, day: d1, endYear: year, endMonth: month, endDay: d2, partial: false });
      continue;
    }
    if (m[6]) {
      const modifier = m[5]?.toLowerCase();
      const monthWord = m[6];
      const month = monthOf(monthWord);
      const day = m[7] ? Number(m[7]) : undefined;
      const endMonthWord = m[8];
      const endDayText = m[9];
      const year = m[10] ? Number(m[10]) : undefined;
      if (!month) continue;
      if (day !== undefined && !validDay(month, day)) continue;
      // "May" and "March" are words too: a bare month needs a year, a day, or a preposition.
      const before = text.slice(Math.max(0, start - 24), start);
      // "that December" too, but not "that May" or "that March" ("he said that May would decide"), unless a stop ends it ("villages that March.").
      const following = year === undefined && !endMonthWord ? /\b(?:[Tt]he\s+)?(following|next|previous|preceding)\s+$/.exec(before) : null;
      // "this May": the page's.
      const thisMonth = day === undefined && year === undefined && !endMonthWord && !modifier ? /\b[Tt]his\s+$/.exec(before) : null;
      const prep =
        thisMonth !== null ||
        /\b(?:in|by|until|till|since|from|during|through|throughout|of|before|after|early|late|mid|end of|beginning of|middle of|start of)\s+$/i.test(before) ||
        // "through December and January": the second of a pair of months.
        (!/^(?:May|March)$/.test(monthWord) && /\b(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?:and|or)\s+$/.test(before)) ||
        (/\bthat\s+$/i.test(before) && (!/^(?:May|March)$/.test(monthWord) || (day === undefined && /^[,.;:!?)]/.test(text.charAt(end))))) ||
        following !== null;
      if (day === undefined && year === undefined && !endMonthWord && !modifier && !prep) continue;
      if (/^(?:May|March)$/.test(monthWord) && day === undefined && year === undefined && !prep && !modifier) continue;
      // "August 30 BC" is a month of the year 30 BC, not 30 August.
      const bcYear = day !== undefined && year === undefined && !endMonthWord && !endDayText ? BC_AFTER.exec(text.slice(end, end + 8)) : null;
      if (bcYear) {
        const to = end + bcYear[0].length;
        push({ start, end: to, text: text.slice(start, to), precision: 'month', year: 1 - day!, month, partial: false });
        continue;
      }
      const mention: RawDate = { start, end, text: t, precision: day !== undefined ? 'day' : 'month', year, month, day, partial: day === undefined && year === undefined, };
      if (thisMonth) mention.yearsAgo = 0;
      if (following) mention.following = /^p/.test(following[1]) ? -1 : 1;
      // "next June" without "the" is the page's coming June, not the story's.
      if (following && following[1] === 'next' && !/the\s/i.test(following[0])) mention.nextOfPage = true;
      // "this May", "the following January", "next April": the words stay in the mention.
      const lead = thisMonth ?? following;
      if (lead) {
        mention.start = start - lead[0].length;
        mention.text = text.slice(mention.start, end);
      }
      if (modifier) mention.partial = year === undefined;
      if (endMonthWord) {
        const endMonth = monthOf(endMonthWord);
        if (!endMonth) continue;
        mention.endMonth = endMonth;
        mention.endYear = year;
        if (day === undefined) mention.precision = 'month';
        mention.partial = year === undefined;
      } else if (endDayText !== undefined && day !== undefined) {
        const endDay = Number(endDayText);
        if (!validDay(month, endDay) || endDay <= day) continue;
        mention.endMonth = month;
        mention.endDay = endDay;
        mention.endYear = year;
      }
      if (modifier && !day) {
        // "late July": keep the month; the modifier stays in the text.
        mention.precision = 'month';
      }
      if (m[11] !== undefined) {
        const hour = Number(m[11]);
        if (hour <= 23 && (m[13] || hour > 0)) mention.time = to24h(hour, m[12], m[13]);
      }
      // A time belongs to a day only: after a month alone, the figures are something else ("May 1945 12.50").
      if (m[11] !== undefined && day === undefined) {
        const cut = t.search(/,?\s+\d{1,2}[:.]\d{2}(?:\s*\S*)?$/);
        if (cut <= 0) continue;
        delete mention.time;
        mention.end = start + cut;
        mention.text = t.slice(0, cut);
      }
      push(mention);
      continue;
    }
    if (m[14]) {
      const day = Number(m[14]);
      const month = monthOf(m[15]);
      if (!month || !validDay(month, day)) continue;
      const year = m[16] ? Number(m[16]) : undefined;
      // "4–11 February 1945", "from 1 to 3 July", "between 5 and 12 July 1943": the first day comes before.
      const range =
        /(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?\s*[-–—]\s*$/.exec(text.slice(Math.max(0, start - 8), start)) ??
        /(?<=\b(?:[Bb]etween|[Ff]rom)\s+)(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to|until|till)\s+$/.exec(text.slice(Math.max(0, start - 32), start));
      const first = range ? Number(range[1]) : 0;
      if (range && first >= 1 && first < day) {
        const from = start - range[0].length;
        push({ start: from, end, text: text.slice(from, end), precision: 'day', year, month, day: first, endMonth: month, endDay: day, endYear: year, partial: false });
        continue;
      }
      push({ start, end, text: t, precision: 'day', year, month, day, partial: false });
      continue;
    }
    if (m[17]) {
      const year = Number(m[17]);
      const month = Number(m[18]);
      const day = Number(m[19]);
      if (month < 1 || month > 12 || !validDay(month, day)) continue;
      push({ start, end, text: t, precision: 'day', year, month, day, partial: false });
      continue;
    }
    if (m[20]) {
      const day = Number(m[20]);
      const month = Number(m[21]);
      const year = Number(m[22]);
      if (month < 1 || month > 12 || !validDay(month, day) || year < 1000) continue;
      push({ start, end, text: t, precision: 'day', year, month, day, partial: false });
    }
  }

  for (const m of matchesNear(text, DECADE, cues)) {
    const decade = Number(m[3]);
    const part = (m[1] ?? m[2] ?? '').toLowerCase();
    const prefix = signedYear(decade).slice(0, 3);
    if (decade % 100 === 0 && decade < 1900) {
      // "the 1600s" is the whole century (1900s and 2000s are read as decades, as news mostly means them).
      const half = part === 'first' ? 'first half of the' : part === 'second' || part === 'latter' || part === 'last' ? 'second half of the' : part;
      push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'century', fixed: centuryFixed(decade, half), partial: false });
      continue;
    }
    let fixed = `${prefix}X`;
    let end = m.index! + m[0].length;
    // "the 1940s–50s": two decades.
    const second = part ? null : /^\s*[-–—]\s*(\d)0s\b/.exec(text.slice(end, end + 8));
    if (second) {
      let next = Math.floor(decade / 100) * 100 + Number(second[1]) * 10;
      if (next <= decade) next += 100;
      fixed = `${prefix}X/${signedYear(next).slice(0, 3)}X`;
      end += second[0].length;
    }
    if (part === 'early') fixed = `${signedYear(decade)}/${signedYear(decade + 3)}`;
    else if (part === 'mid') fixed = `${signedYear(decade + 3)}/${signedYear(decade + 6)}`;
    else if (part === 'late') fixed = `${signedYear(decade + 6)}/${signedYear(decade + 9)}`;
    else if (part === 'first') fixed = `${signedYear(decade)}/${signedYear(decade + 4)}`;
    else if (part === 'second' || part === 'latter' || part === 'last') fixed = `${signedYear(decade + 5)}/${signedYear(decade + 9)}`;
    push({ start: m.index!, end, text: text.slice(m.index!, end), precision: 'decade', fixed, partial: false });
  }

  for (const m of matchesNear(text, CENTURY, cues)) {
    const word = m[2].toLowerCase().replace('-', ' ');
    const n = ORDINAL_WORDS[word] ?? ORDINAL_WORDS[word.replace(' ', '-')] ?? Number.parseInt(word, 10);
    if (!n || n > 21) continue;
    const end = m.index! + m[0].length;
    const bc = BC_AFTER.exec(text.slice(end, end + 8));
    // The fifth century BC is 500–401 BC: astronomical years -499 to -400.
    const fixed = bc ? centuryFixed(1 - n * 100, (m[1] ?? '').toLowerCase()) : centuryFixed((n - 1) * 100, (m[1] ?? '').toLowerCase());
    const to = end + (bc ? bc[0].length : 0);
    push({ start: m.index!, end: to, text: text.slice(m.index!, to), precision: 'century', fixed, partial: false });
  }

  for (const m of matchesNear(text, SEASON, cues)) {
    const season = SEASONS[m[3].toLowerCase()];
    // "that same spring" is "that spring"; "the next spring", "the previous winter" count from the story's date.
    const lead0 = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    const following = lead0 === undefined ? 0 : /^the (?:next|following)$/.test(lead0) ? 1 : /^the (?:previous|preceding)$/.test(lead0) ? -1 : 0;
    const deictic = lead0 === undefined ? undefined : lead0 === 'this' ? 'this' : 'that';
    const year = m[4] && !deictic ? Number(m[4]) : undefined;
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 24);
    // "fall" and "spring" are verbs and nouns too: without a year, only "in/by … the fall".
    const lead = m[0].toLowerCase();
    if (deictic) {
      // "this spring" is the page's; "that autumn" the story's; but "the bombs that fall", "ideas that spring from".
      // A stop may end "that spring." but not "the bombs that fall."
      const stop = /^spring$/i.test(m[3]) ? /^(?:\s*[.!?]|\s*$)/.test(after) : false;
      if (m[4] || (lead0 === 'that' && /^(?:fall|spring)$/i.test(m[3]) && !stop && !/^(?:\s*[,;:—)]|\s+(?:the|he|she|they|it|we|a|an|his|her|their|its|when)\b)/.test(after))) continue;
    } else if (year === undefined && !/^(?:in|during|by|until|since|through)\s+the\s+/.test(lead)) continue;
    // "the autumn of 945": a year before 1000 after "of".
    const early = year === undefined && !deictic && /\sof$/i.test(m[0]) ? /^\s+([1-9]\d{2})\b(?![-–—.,:/]\d|\s*%)/.exec(after) : null;
    if (early) {
      const mention: RawDate = { start: m.index! + Math.max(0, lead.search(/(?:the\s+|early\s*|late\s*)?(?:spring|summer|autumn|fall|winter)/)), end: m.index! + m[0].length + early[0].length, text: '', precision: 'season', year: Number(early[1]), season, partial: false };
      mention.text = text.slice(mention.start, mention.end);
      push(mention);
      continue;
    }
    // "the summer of that year", "the spring of the same year": the story's.
    const sameYear = year === undefined && !deictic && /\sof$/i.test(m[0]) ? /^\s+(?:that|the\s+same|that\s+same)\s+year\b/i.exec(after) : null;
    if (sameYear) {
      const start = m.index! + Math.max(0, lead.search(/(?:the\s+|early\s*|late\s*)?(?:spring|summer|autumn|fall|winter)/));
      const end = m.index! + m[0].length + sameYear[0].length;
      push({ start, end, text: text.slice(start, end), precision: 'season', season, partial: true });
      continue;
    }
    // "since the fall of Przemyśl", "the summer of love": a season "of" something other than a year is no date.
    if (year === undefined && /\sof$/i.test(m[0])) continue;
    if (year === undefined && /^(?:fall|spring)$/i.test(m[3]) && /^\s+(?:of|in)\s+(?!\d)/i.test(after.slice(0, 6))) continue;
    // From "this"/"that", "the", "early"/"late" or the season, never from white space ("the summer and autumn of 1962").
    const off = following || lead0 !== deictic ? 0 : lead.search(/(?:this\s+|that\s+|the\s+|early\s*|late\s*)?(?:spring|summer|autumn|fall|winter)/);
    const start = m.index! + Math.max(0, off);
    let end = m.index! + m[0].length;
    const mention: RawDate = { start, end, text: '', precision: 'season', year, season, partial: year === undefined };
    if (deictic === 'this') mention.yearsAgo = 0;
    if (following) mention.following = following as 1 | -1;
    if (m[5] !== undefined && year !== undefined) {
      // "the winter of 1939–40": December to February; any other season keeps just its year.
      if (season === 24 && expandEndYear(year!, m[5]) === year! + 1) {
        mention.fixed = `${year}-12/${year! + 1}-02`;
        // The story goes on in the second year: "The winter of 1708–1709 … The siege began in April" is 1709.
        mention.endYear = year! + 1;
      }
      else end = m.index! + m[0].indexOf(m[4]) + 4;
    }
    mention.end = end;
    mention.text = text.slice(start, end);
    push(mention);
  }

  for (const m of matchesNear(text, YEAR_RANGE, cues)) {
    const year = Number(m[1]);
    const endYear = Number(m[2]);
    const end = m.index! + m[0].length;
    if (endYear <= year || endYear - year > 150 || COUNT_WORDS.test(text.slice(end, end + 24))) continue;
    // The mention is the years, not the preposition.
    const start = m.index! + m[0].indexOf(m[1]);
    push({ start, end, text: text.slice(start, end), precision: 'year', year, endYear, partial: false });
  }

  for (const m of matchesNear(text, YEAR, cues)) {
    const start = m.index!;
    const year = Number(m[2]);
    const after = text.slice(start + m[0].length, start + m[0].length + 24);
    // "1,500 soldiers", but "the famine of 1932–33 killed millions" (a count is no range of years).
    if (COUNT_WORDS.test(after) && !(m[3] && expandEndYear(year, m[3]) === year + 1)) continue;
    if (!m[1] && LABEL_WORDS.test(text.slice(Math.max(0, start - 24), start))) continue;
    const mention: RawDate = { start, end: start + m[0].length, text: m[0], precision: 'year', year, partial: false };
    const part = m[1]?.toLowerCase();
    if (m[3]) {
      const endYear = expandEndYear(year, m[3]);
      if (endYear <= year || endYear - year > (m[3].length === 2 ? 30 : 150) || part) {
        // "1941-1", "1945-44" or "1945-03" (a month, not 2003): keep just the year.
        mention.end = start + m[0].indexOf(m[2]) + m[2].length;
        mention.text = text.slice(start, mention.end);
      } else {
        mention.endYear = endYear;
      }
    }
    if (part) {
      // "late 1943": the last third of the year, as a month interval.
      const [a, b] = part === 'early' ? [1, 4] : part === 'mid' ? [5, 8] : [9, 12];
      mention.fixed = `${year}-${String(a).padStart(2, '0')}/${year}-${String(b).padStart(2, '0')}`;
    }
    push(mention);
  }

  for (const m of matchesNear(text, BC_YEAR, cues)) {
    const n = Number(m[1]);
    if (n < 1) continue;
    // Astronomical numbering, as EDTF has it: 1 BC is year 0, 513 BC is -512.
    push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'year', year: 1 - n, partial: false });
  }

  for (const m of matchesNear(text, TIME, cues)) {
    const hour = Number(m[1]);
    if (!m[3] && !m[4] && m[1].length < 2) continue; // "at 5:30" alone is too weak without a zone
    const off = m[0].startsWith('at ') ? 3 : 0;
    // The zone word stays outside the mention ("Moscow" is a name of its own); its offset goes into the value.
    const clock = m[0].slice(off).replace(/\s+\S+\s+time$/, '');
    const zone = m[4] ? ZONES[m[4].toLowerCase()] ?? '' : '';
    push({
      start: m.index! + off,
      end: m.index! + off + clock.length,
      text: clock,
      precision: 'time',
      time: to24h(hour, m[2] ?? '00', m[3]) + zone,
      partial: true,
    });
  }

  for (const m of matchesNear(text, YEARS_AGO, cues)) {
    const years = yearsIn(m[1]);
    if (years < 1 || years > 2000) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const when = m[2]?.toLowerCase();
    push({ start, end, text: m[0], precision: when === 'today' ? 'day' : when === 'this month' ? 'month' : 'year', partial: true, yearsAgo: years, ...(when === 'today' ? { today: true } : when === 'this month' ? { thisMonth: true } : {}) });
  }

  for (const m of matchesNear(text, RELATIVE_YEAR, cues)) {
    if (m[5]) {
      // "last year", "this year", "next year": the page's, like "a year ago". A story told in the past
      // may mean "this year" as "that year", and a quote "next year" from its own time: not in quotes.
      const which = m[5].toLowerCase();
      // Nor after a year in its sentence: "was captured in 1954, and this year is considered the end".
      if (which !== 'last' && (insideQuotes(text, m.index!) || /\b(?:1\d{3}|20\d\d)\b[^.!?\n]*$/.test(text.slice(Math.max(0, m.index! - 200), m.index!)))) continue;
      push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'year', partial: true, yearsAgo: which === 'last' ? 1 : which === 'this' ? 0 : -1 });
      continue;
    }
    if (m[6] || m[7]) {
      // "the previous year", "the year before": the year before the story's.
      push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'year', partial: true, later: -1 });
      continue;
    }
    const years = m[4] ? 10 : m[1] ? 1 : m[2] === undefined ? 0 : countOf(m[2]);
    if (!(years >= 0 && years <= 99)) continue;
    // "five years earlier", "a decade earlier": counted back.
    const earlier = /earlier$/i.test(m[0]);
    push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'year', partial: true, later: earlier ? -years : years });
  }

  for (const m of matchesNear(text, RELATIVE_SPAN, cues)) {
    const g = m.groups!;
    // "late that month", "the same month", "that night": the story's month or day itself; "the night before": the day before it.
    const back = g.back !== undefined || g.prev !== undefined || g.before !== undefined;
    const count = g.month || g.same ? 0 : g.n === undefined ? 1 : countOf(g.n);
    if (!(count >= 0 && count <= 99)) continue;
    const n = back ? -count : count;
    const unit = (g.unit ?? g.next ?? g.month ?? g.same ?? g.prev ?? g.before).toLowerCase();
    const days = unit === 'month' ? undefined : unit === 'week' ? 7 * n : n;
    const start = m.index!;
    push({ start, end: start + m[0].length, text: m[0], precision: days === undefined ? 'month' : 'day', partial: true, ...(days === undefined ? { laterMonths: n } : { laterDays: days }) });
  }

  for (const m of matchesNear(text, EARLY_YEAR, cues)) {
    const digits = m[1] ?? m[2] ?? m[3] ?? m[4];
    const year = Number(digits);
    if (year < (m[1] ?? m[2] ? 100 : 1)) continue;
    const at = m.index! + m[0].indexOf(digits);
    const end = m.index! + m[0].length;
    // "in 300 villages" counts things; "in 988 Volodymyr", "in 988, the prince", "in 988 the prince" are years.
    const era = /(?:AD|CE)$/.test(m[0]) || /^(?:AD|A\.D\.)/.test(m[0]);
    const pair = EARLY_YEAR_PAIR.exec(text.slice(end, end + 24));
    const pairEnd = pair ? end + pair[0].length : end;
    if (!era && countedAfter(text, pairEnd)) continue;
    const start = /^(?:AD|A\.D\.)/.test(m[0]) ? m.index! : at;
    push({ start, end, text: text.slice(start, end), precision: 'year', year, partial: false });
    if (pair && Number(pair[1]) >= 100) push({ start: pairEnd - pair[1].length, end: pairEnd, text: pair[1], precision: 'year', year: Number(pair[1]), partial: false });
  }

  for (const m of matchesNear(text, DAY_OF_MONTH, cues)) {
    push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'day', day: Number(m[1]), partial: true, dayOfMonth: true });
  }

  for (const m of matchesNear(text, HOLIDAY, cues)) {
    const [month, day] = m[1] ? (m[2] === 'Eve' ? [12, 24] : [12, 25]) : m[3] === 'Eve' ? [12, 31] : [1, 1];
    const year = m[4] ? Number(m[4]) : undefined;
    push({ start: m.index!, end: m.index! + m[0].length, text: m[0], precision: 'day', year, month, day, partial: year === undefined });
  }

  for (const m of matchesNear(text, CYRILLIC_DATE, cues)) {
    const month = CYRILLIC_MONTHS.get(m[4].toLowerCase())!;
    const day = m[1] ? Number(m[1]) : undefined;
    const endDay = m[2] ? Number(m[2]) : undefined;
    const year = m[5] ? Number(m[5]) : undefined;
    if (day !== undefined && !validDay(month, day)) continue;
    if (endDay !== undefined && (!validDay(month, endDay) || endDay <= day!)) continue;
    // A month alone is a date only after "у"/"в" ("у серпні") or with a year; "мая" alone is too often a verb.
    if (day === undefined && year === undefined && !m[3]) continue;
    // The preposition stays outside the mention.
    const start = m[3] ? m.index! + m[0].indexOf(m[4], m[3].length) : m.index!;
    const end = m.index! + m[0].length;
    const mention: RawDate = { start, end, text: text.slice(start, end), precision: day !== undefined ? 'day' : 'month', year, month, day, partial: day === undefined && year === undefined };
    if (endDay !== undefined) Object.assign(mention, { endMonth: month, endDay, endYear: year });
    push(mention);
  }

  return withDayPairs(text, withMonthRanges(text, withEarlyYears(text, keepLongest(found))));
}

/** The dates with `d` replaced by `by`, which spans more: what it now covers besides `d` goes. */
function replacing(dates: RawDate[], d: RawDate, by: RawDate): RawDate[] {
  return dates.filter((o) => o === d || o.end <= by.start || o.start >= by.end).map((o) => (o === d ? by : o));
}

/** " and 30", " and 30, 1941": the second day of "September 29 and 30". */
const SECOND_DAY = /^\s+(?:and|&)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![-–—.,:/]\d|\s*%)(?:,?\s+(\d{4})(?!\d|,\d))?/;

/** "17 and ", "17th and ": the first of two days before their month. */
const FIRST_DAY = /(?<![\d,.:\p{L}])(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|&)\s+$/u;

/** "On September 29 and 30, 1941", "the rising of 17 and 18 July 1936": two days, one range (one of the days was nothing, and the year a date of its own). */
function withDayPairs(text: string, dates: RawDate[]): RawDate[] {
  let out: RawDate[] | undefined;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (d.precision !== 'day' || d.day === undefined || d.endDay !== undefined || d.endMonth !== undefined || d.time !== undefined || d.fixed !== undefined) continue;
    // "17 and 18 July 1936": a first day before a day written before its month.
    const first = isDigit(text.charCodeAt(d.start)) ? FIRST_DAY.exec(text.slice(Math.max(0, d.start - 16), d.start)) : null;
    if (first && Number(first[1]) < d.day && validDay(d.month!, Number(first[1]))) {
      const start = d.start - first[0].length;
      out ??= [...dates];
      out = replacing(out, d, { ...d, start, text: text.slice(start, d.end), day: Number(first[1]), endDay: d.day, endMonth: d.month, endYear: d.year });
      continue;
    }
    // The year, if any, must come after the second day: "September 29, 1941 and 30" is no pair.
    if (d.year !== undefined) continue;
    const m = SECOND_DAY.exec(text.slice(d.end, d.end + 24));
    if (!m) continue;
    const endDay = Number(m[1]);
    const end = d.end + m[0].length;
    if (endDay <= d.day || !validDay(d.month!, endDay) || COUNT_WORDS.test(text.slice(end, end + 24))) continue;
    const year = m[2] ? Number(m[2]) : undefined;
    out ??= [...dates];
    const pair: RawDate = { ...d, end, text: text.slice(d.start, end), endDay, endMonth: d.month, year, endYear: year, partial: year === undefined ? d.partial : false };
    out = replacing(out, d, pair);
  }
  return out ?? dates;
}

/** "between February and ", "from July to ": the first month of a range whose second has the year. */
const MONTH_RANGE_HEAD = new RegExp(`\\b(?:[Bb]etween|[Ff]rom)\\s+${MONTH}\\s+(?:and|to|until|till|through)\\s+$`, 'u');

/**
 * "Between February and December 1916", "from July to November 1916": one range of months (the
 * first month alone was no date, or a month of the story's year).
 */
function withMonthRanges(text: string, dates: RawDate[]): RawDate[] {
  let out: RawDate[] | undefined;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (d.precision !== 'month' || d.year === undefined || d.endMonth !== undefined || d.day !== undefined) continue;
    const head = MONTH_RANGE_HEAD.exec(text.slice(Math.max(0, d.start - 40), d.start));
    if (!head) continue;
    const month = monthOf(head[1]);
    if (!month || month >= d.month!) continue;
    const start = d.start - head[0].length + head[0].indexOf(head[1], head[0].search(/\s/));
    out ??= [...dates];
    const range: RawDate = { ...d, start, text: text.slice(start, d.end), month, endMonth: d.month, endYear: d.year };
    // The first month, read on its own, goes.
    out = replacing(out, d, range);
  }
  return out ?? dates;
}

/** ", 44 BC", ", AD 180", ", 493": the year of a day or month before 1000, after its comma. */
const EARLY_YEAR_AFTER = new RegExp(String.raw`^,?\s+(?:(\d{1,4})\s?` + BC + String.raw`|(?:AD|A\.D\.)\s?(\d{1,4})\b|(\d{1,3})\s+(?:AD|CE)\b|(\d{3})\b(?![-–—.,:/]\d|\s*%))`);

/**
 * A day or a month without its year, followed by a year before 1000 ("March 15, 44 BC", "March 17,
 * AD 180", "March 15, 493"): one date. The year alone was found on its own (or, after a comma, not
 * at all); the day took a year from the story.
 */
function withEarlyYears(text: string, dates: RawDate[]): RawDate[] {
  const out: RawDate[] = [];
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (d.year !== undefined || d.month === undefined || d.endMonth !== undefined || d.yearsAgo !== undefined || d.fixed !== undefined || d.time !== undefined) {
      out.push(d);
      continue;
    }
    const m = EARLY_YEAR_AFTER.exec(text.slice(d.end, d.end + 24));
    const bc = m?.[1] !== undefined;
    const year = m ? (bc ? 1 - Number(m[1]) : Number(m[2] ?? m[3] ?? m[4])) : NaN;
    // "On March 15, 300 soldiers" counts them.
    const counted = m?.[4] !== undefined && countedAfter(text, d.end + m[0].length);
    if (!m || !(bc ? year <= 0 : year >= 1 && year < 1000) || counted) {
      out.push(d);
      continue;
    }
    const end = d.end + m[0].length;
    out.push({ ...d, end, text: text.slice(d.start, end), year, partial: false });
    // The year read on its own, inside the new date, goes.
    while (i + 1 < dates.length && dates[i + 1].start < end) i++;
  }
  return out;
}

/** Whether an offset lies inside a quotation that opens in its paragraph ("… next year," he said). */
function insideQuotes(text: string, at: number): boolean {
  const from = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(from, at);
  const straight = (before.match(/"/g) ?? []).length;
  return straight % 2 === 1 || before.lastIndexOf('“') > before.lastIndexOf('”');
}
