/** Reading, validating and canonically formatting the hand-edited YAML in data/kb/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Document, isMap, isSeq, parse, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { validateCuratedRecord, validateCuratedSet } from '../../core/kb/validate';
import { DATE_FIELDS, type KbEntry } from '../../core/kb/types';

export const KEY_ORDER = ['id', 'type', 'name', 'aliases', 'summary', ...DATE_FIELDS, 'places', 'related', 'wikipedia', 'wikidata'];
const LANG_ORDER = ['en', 'uk', 'ru'];

export function curatedFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export interface CuratedLoad {
  entries: Array<{ entry: KbEntry; file: string }>;
  errors: string[];
}

/** Loads every curated file; errors name file and entry, and nothing half-valid gets through. */
export function loadCurated(dir: string, root = process.cwd()): CuratedLoad {
  const entries: CuratedLoad['entries'] = [];
  const errors: string[] = [];
  for (const path of curatedFiles(dir)) {
    const file = relative(root, path);
    const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push(`${file}: YAML error at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const data = doc.toJS() as unknown;
    if (data === null || data === undefined) continue;
    if (!Array.isArray(data)) {
      errors.push(`${file}: the file must be a YAML list of entries`);
      continue;
    }
    data.forEach((raw, i) => {
      const result = validateCuratedRecord(raw, file, i);
      errors.push(...result.errors);
      if (result.entry) entries.push({ entry: result.entry, file });
    });
  }
  errors.push(...validateCuratedSet(entries));
  return { entries, errors };
}

/**
 * The canonical text of a curated file: entries sorted by id, keys in schema order, alias
 * languages en/uk/ru, short lists in flow style, dates single-quoted. Data is never changed.
 */
export function formatCurated(text: string): string {
  const data = parse(text) as Array<Record<string, unknown>> | null;
  if (!Array.isArray(data)) throw new Error('a curated file must be a YAML list');
  const sorted = [...data].sort((a, b) => String(a.id).localeCompare(String(b.id), 'en'));
  const doc = new Document(sorted.map(orderKeys));
  for (const item of (doc.contents as YAMLSeq).items) {
    const map = item as YAMLMap;
    for (const pair of map.items) {
      const key = String((pair.key as Scalar).value);
      const value = pair.value;
      if (key === 'aliases' && isMap(value)) {
        for (const p of value.items) if (isSeq(p.value)) p.value.flow = fitsOnOneLine(p.value, 8);
      } else if ((key === 'places' || key === 'related') && isSeq(value)) {
        value.flow = fitsOnOneLine(value, 4 + key.length);
      } else if (key === 'summary' && value instanceof Scalar) {
        value.type = Scalar.BLOCK_FOLDED;
      } else if ((DATE_FIELDS as readonly string[]).includes(key) && value instanceof Scalar) {
        value.value = String(value.value);
        value.type = Scalar.QUOTE_SINGLE;
      }
    }
  }
  return doc.toString({ lineWidth: LINE_WIDTH, minContentWidth: 40, flowCollectionPadding: false });
}

const LINE_WIDTH = 100;

/** Short lists read best inline; long ones one item a line rather than wrapped mid-list. */
function fitsOnOneLine(seq: YAMLSeq, indent: number): boolean {
  const items = seq.items.map((i) => JSON.stringify(String(i instanceof Scalar ? i.value : i)));
  return indent + items.reduce((n, t) => n + t.length + 2, 2) <= LINE_WIDTH;
}

function orderKeys(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (k in entry) out[k] = k === 'aliases' ? orderLangs(entry[k]) : entry[k];
  for (const k of Object.keys(entry)) if (!(k in out)) out[k] = entry[k];
  return out;
}

function orderLangs(aliases: unknown): unknown {
  if (typeof aliases !== 'object' || aliases === null) return aliases;
  const a = aliases as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const l of LANG_ORDER) if (l in a) out[l] = a[l];
  for (const l of Object.keys(a)) if (!(l in out)) out[l] = a[l];
  return out;
}
