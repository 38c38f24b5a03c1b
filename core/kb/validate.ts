import { compareDays, parseEdtfDate } from '../dates/edtf';
import { slugify } from './normalise';
import { DATE_FIELDS, ENTRY_TYPES, LANGS, LICENCES, type EntryType, type KbEntry, type Lang } from './types';

const KEYS = new Set(['id', 'type', 'name', 'aliases', 'summary', ...DATE_FIELDS, 'places', 'related', 'wikipedia', 'wikidata']);
const TYPES = new Set<string>(ENTRY_TYPES);
export const MAX_SUMMARY = 300;

export interface ValidationResult {
  entry: KbEntry | null;
  errors: string[];
}

/**
 * Checks one hand-written record and turns it into an entry. Every error names the file and the
 * entry (`data/kb/x.yaml: battle-of-x: reason`), so a broken build says exactly what to fix.
 */
export function validateCuratedRecord(raw: unknown, file: string, index: number): ValidationResult {
  const errors: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { entry: null, errors: [`${file}: entry #${index + 1}: not a mapping`] };
  }
  const r = raw as Record<string, unknown>;
  const label = typeof r.id === 'string' && r.id ? r.id : `entry #${index + 1}`;
  const fail = (reason: string) => errors.push(`${file}: ${label}: ${reason}`);

  for (const key of Object.keys(r)) if (!KEYS.has(key)) fail(`unknown field "${key}"`);
  const str = (key: string, required: boolean): string | undefined => {
    const v = r[key];
    if (v === undefined || v === null || v === '') {
      if (required) fail(`missing ${key}`);
      return undefined;
    }
    if (typeof v !== 'string') {
      fail(`${key} must be text, got ${JSON.stringify(v)}`);
      return undefined;
    }
    if (v !== v.trim()) fail(`${key} has leading or trailing spaces`);
    return v;
  };

  const id = str('id', true);
  const type = str('type', true);
  const name = str('name', true);
  const summary = str('summary', true);
  const wikipedia = str('wikipedia', true);
  const wikidata = str('wikidata', false);

  if (id && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail('id must be lower-case letters, digits and single hyphens');
  if (id && wikipedia && slugify(wikipedia) !== id) fail(`id must be the slug of the Wikipedia title: "${slugify(wikipedia)}"`);
  if (type && !TYPES.has(type)) fail(`unknown type "${type}" (one of ${ENTRY_TYPES.join(', ')})`);
  if (summary && summary.length > MAX_SUMMARY) fail(`summary is ${summary.length} characters; at most ${MAX_SUMMARY}`);
  if (wikidata && !/^Q[1-9]\d*$/.test(wikidata)) fail(`wikidata must be a Q-id, got "${wikidata}"`);

  const aliases: Partial<Record<Lang, string[]>> = {};
  const rawAliases = r.aliases;
  if (typeof rawAliases !== 'object' || rawAliases === null || Array.isArray(rawAliases)) {
    fail('aliases must be a mapping of en, uk and ru lists');
  } else {
    for (const [lang, list] of Object.entries(rawAliases)) {
      if (!(LANGS as readonly string[]).includes(lang)) {
        fail(`aliases: unknown language "${lang}"`);
        continue;
      }
      if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || !a.trim())) {
        fail(`aliases.${lang} must be a list of names`);
        continue;
      }
      const seen = new Set<string>();
      for (const a of list as string[]) {
        if (seen.has(a)) fail(`aliases.${lang} lists "${a}" twice`);
        seen.add(a);
      }
      aliases[lang as Lang] = list as string[];
    }
    for (const lang of ['uk', 'ru'] as const) if (!aliases[lang]?.length) fail(`aliases.${lang} is missing: every curated entry has a ${lang === 'uk' ? 'Ukrainian' : 'Russian'} name`);
  }

  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string>> = {};
  for (const field of DATE_FIELDS) {
    const v = r[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      fail(`${field} must be a quoted EDTF string, got ${JSON.stringify(v)}`);
      continue;
    }
    if (!parseEdtfDate(v)) fail(`${field} "${v}" is not a valid EDTF date`);
    else dates[field] = v;
  }
  if (type === 'person' && (dates.start || dates.end || dates.date)) fail('a person has born/died, not start/end/date');
  if (type && type !== 'person' && (dates.born || dates.died)) fail(`born/died belong to persons, not a ${type}`);
  if (dates.date && (dates.start || dates.end)) fail('use either date or start/end');
  const order = (a?: string, b?: string, what = '') => {
    const da = a ? parseEdtfDate(a) : null;
    const db = b ? parseEdtfDate(b) : null;
    if (da && db && compareDays(da.earliest, db.latest) > 0) fail(`${what}: ${a} is after ${b}`);
  };
  order(dates.born, dates.died, 'born/died');
  order(dates.start, dates.end, 'start/end');

  const ids = (key: string): string[] | undefined => {
    const v = r[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(x))) {
      fail(`${key} must be a list of entry ids`);
      return undefined;
    }
    if (id && v.includes(id)) fail(`${key} lists the entry itself`);
    return v as string[];
  };
  const places = ids('places');
  const related = ids('related');

  if (errors.length || !id || !type || !name) return { entry: null, errors };
  const entry: KbEntry = {
    id,
    type: type as EntryType,
    name,
    aliases,
    summary,
    summarySource: 'curated',
    ...dates,
    ...(places?.length ? { places } : {}),
    ...(related?.length ? { related } : {}),
    wikipedia,
    ...(wikidata ? { wikidata } : {}),
    layer: 'curated',
    sources: [{ layer: 'curated', ref: file.replace(/^.*\//, ''), licence: LICENCES.curated }],
  };
  return { entry, errors };
}

/** Cross-entry checks over the whole curated layer: unique ids, references that resolve. */
export function validateCuratedSet(entries: Array<{ entry: KbEntry; file: string }>): string[] {
  const errors: string[] = [];
  const where = new Map<string, string>();
  for (const { entry, file } of entries) {
    const prev = where.get(entry.id);
    if (prev) errors.push(`${file}: ${entry.id}: duplicate id (also in ${prev})`);
    else where.set(entry.id, file);
  }
  for (const { entry, file } of entries) {
    for (const key of ['places', 'related'] as const) {
      for (const ref of entry[key] ?? []) {
        if (!where.has(ref)) errors.push(`${file}: ${entry.id}: ${key} refers to unknown id "${ref}"`);
      }
    }
  }
  return errors;
}
