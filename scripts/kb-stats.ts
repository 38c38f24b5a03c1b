/** `npm run kb:stats [-- --json]`: entry counts by type, layer and language of the compiled KB. */
import { buildKb } from './kb/build';
import { LANGS } from '../core/kb/types';
import { exitQuietlyOnClosedPipe } from './stdout';

exitQuietlyOnClosedPipe();

const { kb } = await buildKb();
const count = (keyOf: (e: (typeof kb.entries)[number]) => string[]) => {
  const out: Record<string, number> = {};
  for (const e of kb.entries) for (const k of keyOf(e)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};
const stats = {
  hash: kb.hash,
  entries: kb.entries.length,
  aliases: Object.keys(kb.aliases).length,
  datedFacts: kb.events.length,
  byType: count((e) => [e.type]),
  byLayer: count((e) => [e.layer]),
  /** Entries a source layer contributed to (merged entries count for every layer). */
  bySource: count((e) => [...new Set(e.sources.map((s) => s.layer))]),
  byLanguage: count((e) => LANGS.filter((l) => l === 'en' || (e.aliases[l]?.length ?? 0) > 0)),
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(stats));
} else {
  console.log(`Knowledge base ${stats.hash.slice(0, 16)}: ${stats.entries} entries, ${stats.aliases} aliases, ${stats.datedFacts} dated facts`);
  for (const key of ['byType', 'byLayer', 'bySource', 'byLanguage'] as const) {
    console.log(`\n${key}:`);
    for (const [k, v] of Object.entries(stats[key])) console.log(`  ${k.padEnd(20)} ${v}`);
  }
}
