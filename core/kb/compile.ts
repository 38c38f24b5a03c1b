import { parseEdtfDate } from '../dates/edtf';
import { namesOf } from './merge';
import { normaliseAlias } from './normalise';
import { DATE_FIELDS, LANGS, type CompiledKb, type DatedEvent, type KbEntry } from './types';

/** Curated first, then the better-known (more populous, more sourced), then by id: stable. */
export function prominence(a: KbEntry, b: KbEntry): number {
  const rank = (e: KbEntry) => (e.layer === 'curated' ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    (b.population ?? 0) - (a.population ?? 0) ||
    b.sources.length - a.sources.length ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function datedEvents(entry: KbEntry): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const field of DATE_FIELDS) {
    const value = entry[field];
    if (!value) continue;
    const d = parseEdtfDate(value);
    if (!d || d.precision === 'decade' || d.precision === 'century') continue;
    const precision = d.precision === 'day' ? 'day' : d.precision === 'month' ? 'month' : 'year';
    out.push({
      key: `${entry.id}:${field}`,
      id: entry.id,
      field,
      edtf: value,
      year: d.year,
      month: precision === 'year' ? null : d.month!,
      monthDay: precision === 'day' ? `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null,
      precision,
    });
  }
  return out;
}

/**
 * Turns merged entries into what ships: entries sorted by id with empty lists dropped, the alias
 * index, and the dated events. The hash covers all of it, so equal sources give an equal hash.
 */
export async function compileKb(
  entries: KbEntry[],
  sha256: (text: string) => Promise<string> | string,
): Promise<CompiledKb> {
  const clean = entries.map(tidy).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(clean.map((e) => [e.id, e]));
  const aliasMap = new Map<string, Set<string>>();
  for (const e of clean) {
    for (const n of namesOf(e)) {
      const key = normaliseAlias(n);
      if (!key) continue;
      let set = aliasMap.get(key);
      if (!set) aliasMap.set(key, (set = new Set()));
      set.add(e.id);
    }
  }
  const aliases: Record<string, string[]> = {};
  for (const key of [...aliasMap.keys()].sort()) {
    aliases[key] = [...aliasMap.get(key)!].sort((a, b) => prominence(byId.get(a)!, byId.get(b)!));
  }
  const events = clean.flatMap(datedEvents);
  const body = { format: 1 as const, entries: clean, aliases, events };
  const hash = await sha256(JSON.stringify(body));
  return { format: 1, hash, entries: clean, aliases, events };
}

function tidy(entry: KbEntry): KbEntry {
  const aliases: KbEntry['aliases'] = {};
  for (const lang of LANGS) {
    const list = entry.aliases[lang]?.filter((a) => a && a !== entry.name);
    if (list?.length) aliases[lang] = [...new Set(list)];
  }
  const out: KbEntry = { ...entry, aliases };
  for (const key of Object.keys(out) as Array<keyof KbEntry>) {
    const v = out[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete out[key];
  }
  return out;
}
