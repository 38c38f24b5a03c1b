/**
 * The compact form of the knowledge base that detection needs: every name with its case pattern,
 * and per entry only what disambiguation reads (type, years, prominence, links). Built at build
 * time from the compiled KB, shipped as `kb/matcher.<hash>.json`, and loaded by whatever runs
 * detection. Pure.
 */
import { parseEdtfDate } from '../dates/edtf';
import { normaliseAlias } from '../kb/normalise';
import { LANGS, type CompiledKb, type EntryType, type KbEntry, type Layer } from '../kb/types';

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

export interface MatcherAlias {
  /** Normalised key (see normaliseAlias). */
  key: string;
  /** Bit i: token i must be capitalised in the text. */
  caps: number;
  /** Bit i: token i is an acronym and must be upper-case in the text. */
  upper: number;
  /** Entry indexes, most prominent first. */
  entries: number[];
}

export interface MatcherData {
  format: 1;
  hash: string;
  entries: MatcherEntry[];
  aliases: MatcherAlias[];
  /** Single words that are names but also common lower-case words ("reading", "march"). */
  commonWords: string[];
}

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
  nameTokens(original).forEach((t, i) => {
    if (i > 30) return;
    const first = t[0];
    if (first !== first.toLowerCase()) caps |= 1 << i;
    if (t.length >= 2 && t === t.toUpperCase() && t !== t.toLowerCase() && /\p{L}.*\p{L}/u.test(t)) upper |= 1 << i;
  });
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

export function buildMatcherData(kb: CompiledKb, commonWords: Iterable<string>): MatcherData {
  const index = new Map(kb.entries.map((e, i) => [e.id, i]));
  const entries: MatcherEntry[] = kb.entries.map((e) => {
    const links = [...(e.related ?? []), ...(e.places ?? [])].map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    return {
      id: e.id,
      name: e.name,
      type: e.type,
      layer: e.layer,
      ...entrySpan(e),
      ...(e.population ? { population: e.population } : {}),
      ...(e.wikipedia ? { wikipedia: e.wikipedia } : {}),
      ...(links.length ? { links } : {}),
    };
  });
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
  const aliases: MatcherAlias[] = Object.entries(kb.aliases).map(([key, ids]) => ({
    key,
    ...(patterns.get(key) ?? { caps: 0, upper: 0 }),
    entries: ids.map((id) => index.get(id)!).filter((i) => i !== undefined),
  }));
  const singleKeys = new Set(aliases.filter((a) => !a.key.includes(' ')).map((a) => a.key));
  const common = [...new Set(commonWords)].filter((w) => singleKeys.has(w)).sort();
  return { format: 1, hash: kb.hash, entries, aliases, commonWords: common };
}
