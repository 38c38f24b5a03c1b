import { parseEdtfDate } from '../dates/edtf';
import { normaliseAlias } from './normalise';
import { LANGS, type EntryType, type KbEntry, type Lang } from './types';

/** Types that may describe the same thing across layers (WordNet calls a battle an "event"). */
const FAMILY: Record<EntryType, string> = {
  person: 'person',
  place: 'place',
  state: 'state',
  war: 'conflict',
  battle: 'conflict',
  operation: 'conflict',
  event: 'conflict',
  treaty: 'document',
  document: 'document',
  conference: 'conference',
  organization: 'organization',
  'military-unit': 'organization',
};

export function namesOf(entry: KbEntry): string[] {
  return [entry.name, ...LANGS.flatMap((l) => entry.aliases[l] ?? [])];
}

const yearOf = (edtf?: string) => (edtf ? parseEdtfDate(edtf)?.year : undefined);

/** Dates agree when every field both sides have is within a year (lifespans round differently). */
function datesAgree(a: KbEntry, b: KbEntry): { comparable: boolean; agree: boolean } {
  let comparable = false;
  const pairs: Array<[number | undefined, number | undefined]> = [
    [yearOf(a.born), yearOf(b.born)],
    [yearOf(a.died), yearOf(b.died)],
    [yearOf(a.start ?? a.date), yearOf(b.start ?? b.date)],
    [yearOf(a.end ?? a.date), yearOf(b.end ?? b.date)],
  ];
  for (const [x, y] of pairs) {
    if (x === undefined || y === undefined) continue;
    comparable = true;
    if (Math.abs(x - y) > 1) return { comparable, agree: false };
  }
  return { comparable, agree: true };
}

export interface MergeReport {
  entries: KbEntry[];
  /** How many imported records were folded into an existing entry, by layer. */
  merged: Record<string, number>;
  added: Record<string, number>;
}

/**
 * Folds imported layers into the curated one. An imported record joins an existing entry of
 * another layer when a name matches, the types are of one family, and the dates agree; the
 * existing entry keeps its id and every field it has (curated wins), gains the names it lacks,
 * the fields it lacks, and the record's source. Anything else becomes an entry of its own.
 * Layers are applied in order, so earlier layers win over later ones too.
 */
export function mergeLayers(curated: KbEntry[], layers: KbEntry[][]): MergeReport {
  const entries: KbEntry[] = curated.map(clone);
  const byName = new Map<string, KbEntry[]>();
  const index = (entry: KbEntry) => {
    for (const n of namesOf(entry)) {
      const key = normaliseAlias(n);
      const list = byName.get(key);
      if (!list) byName.set(key, [entry]);
      else if (!list.includes(entry)) list.push(entry);
    }
  };
  entries.forEach(index);
  /** Names of places and states in any layer: an event does not take one of them from an import ("Vietnam" stays the country). */
  const placeNames = new Set<string>();
  for (const e of [...curated, ...layers.flat()]) if (e.type === 'place' || e.type === 'state') for (const n of namesOf(e)) placeNames.add(normaliseAlias(n));
  /** One-word names of curated people: no other curated person takes one from an import ("Roosevelt" stays Franklin's and Theodore's, not Eleanor's). */
  const curatedPeople = new Map<string, Set<string>>();
  for (const e of curated) {
    if (e.type !== 'person') continue;
    for (const n of namesOf(e)) {
      const key = normaliseAlias(n);
      if (key.includes(' ')) continue;
      let ids = curatedPeople.get(key);
      if (!ids) curatedPeople.set(key, (ids = new Set()));
      ids.add(e.id);
    }
  }
  const merged: Record<string, number> = {};
  const added: Record<string, number> = {};
  /** Ids of imported records that joined another entry, so links to them can follow. */
  const renamed = new Map<string, string>();

  for (const layer of layers) {
    for (const incoming of layer) {
      const target = findTarget(incoming, byName);
      if (target) {
        absorb(target, incoming, placeNames, curatedPeople);
        index(target);
        renamed.set(incoming.id, target.id);
        merged[incoming.layer] = (merged[incoming.layer] ?? 0) + 1;
      } else {
        const entry = clone(incoming);
        entries.push(entry);
        index(entry);
        added[incoming.layer] = (added[incoming.layer] ?? 0) + 1;
      }
    }
  }
  // Links of imported records point at imported ids; follow merges and drop what does not exist.
  const ids = new Set(entries.map((e) => e.id));
  for (const e of entries) {
    if (e.layer === 'curated') continue;
    for (const key of ['places', 'related'] as const) {
      const list = e[key];
      if (!list) continue;
      const next = [...new Set(list.map((id) => renamed.get(id) ?? id))].filter((id) => ids.has(id) && id !== e.id);
      if (next.length) e[key] = next;
      else delete e[key];
    }
  }
  return { entries, merged, added };
}

function findTarget(incoming: KbEntry, byName: Map<string, KbEntry[]>): KbEntry | null {
  const nameKey = normaliseAlias(incoming.name);
  const keys = new Set([nameKey, ...(incoming.aliases.en ?? []).map(normaliseAlias)]);
  let best: KbEntry | null = null;
  let bestScore = -Infinity;
  const seen = new Set<KbEntry>();
  for (const key of keys) {
    for (const cand of byName.get(key) ?? []) {
      if (seen.has(cand)) continue;
      seen.add(cand);
      if (cand.layer === incoming.layer || cand.sources.some((s) => s.layer === incoming.layer)) continue;
      if (FAMILY[cand.type] !== FAMILY[incoming.type]) continue;
      const { comparable, agree } = datesAgree(cand, incoming);
      if (!agree) continue;
      const candNameKey = normaliseAlias(cand.name);
      const exactName = candNameKey === nameKey;
      // Without dates to compare, a person must match on the full name, not a shared surname.
      if (incoming.type === 'person' && !comparable && !exactName && !nameKey.includes(' ')) continue;
      // An undated record joins a state of the past only by its full name: WordNet's ancient "Persia,
      // Persian Empire" is not Pahlavi Iran, which is called Persia too.
      if (incoming.type === 'state' && !comparable && !exactName && cand.end) continue;
      let score = 0;
      if (exactName) score += 3;
      // One of the record's names is the candidate's own: WordNet's "Congo, Democratic Republic of the
      // Congo, Zaire" is the DRC, not the Republic of the Congo, which is called Congo too.
      else if (keys.has(candNameKey)) score += 2.5;
      if (key === nameKey) score += 2;
      if (comparable) score += 2;
      if (!cand.end) score += 1;
      if (cand.layer === 'curated') score += 1;
      if (cand.population) score += Math.log10(cand.population) / 10;
      if (score > bestScore) {
        best = cand;
        bestScore = score;
      }
    }
  }
  return best;
}

function absorb(target: KbEntry, incoming: KbEntry, placeNames: Set<string>, curatedPeople: Map<string, Set<string>>): void {
  const have = new Set(namesOf(target).map(normaliseAlias));
  const event = FAMILY[target.type] === 'conflict';
  for (const lang of LANGS) {
    const names = lang === 'en' ? [incoming.name, ...(incoming.aliases.en ?? [])] : (incoming.aliases[lang] ?? []);
    for (const n of names) {
      const key = normaliseAlias(n);
      if (have.has(key) || givenNameOf(target, key)) continue;
      if (target.type === 'person' && curatedPeople.has(key) && !curatedPeople.get(key)!.has(target.id)) continue;
      if (event && placeNames.has(key)) continue;
      have.add(key);
      (target.aliases[lang as Lang] ??= []).push(n);
    }
  }
  if (!target.summary && incoming.summary) {
    target.summary = incoming.summary;
    target.summarySource = incoming.summarySource;
  }
  const hasDates = ['born', 'died', 'start', 'end', 'date'].some((f) => target[f as 'born']);
  if (!hasDates) {
    for (const f of ['born', 'died', 'start', 'end', 'date'] as const) if (incoming[f]) target[f] = incoming[f];
  }
  target.wikipedia ??= incoming.wikipedia;
  target.wikidata ??= incoming.wikidata;
  target.country ??= incoming.country;
  target.population ??= incoming.population;
  target.coordinates ??= incoming.coordinates;
  if (target.layer !== 'curated' && incoming.places?.length) {
    target.places = [...new Set([...(target.places ?? []), ...incoming.places])];
  }
  target.sources.push(...incoming.sources);
}

/**
 * A person's given name alone ("Charles" for Charles III, which WordNet lists): many people share
 * it, so it names none of them; a curated entry does not take it from an imported record.
 */
function givenNameOf(target: KbEntry, key: string): boolean {
  if (target.type !== 'person' || key.includes(' ')) return false;
  const words = normaliseAlias(target.name).split(' ');
  return words.length > 1 && words[0] === key;
}

function clone(entry: KbEntry): KbEntry {
  return {
    ...entry,
    aliases: Object.fromEntries(Object.entries(entry.aliases).map(([l, a]) => [l, [...(a ?? [])]])),
    sources: entry.sources.map((s) => ({ ...s })),
    ...(entry.places ? { places: [...entry.places] } : {}),
    ...(entry.related ? { related: [...entry.related] } : {}),
  };
}
