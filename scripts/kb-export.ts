/** `npm run kb:export [-- --jsonl]`: every compiled entry, one JSON object per line. */
import { buildKb } from './kb/build';
import { exitQuietlyOnClosedPipe } from './stdout';

exitQuietlyOnClosedPipe();

const { kb } = await buildKb();
const lines = kb.entries.map((e) =>
  JSON.stringify({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    wikipedia: e.wikipedia ?? null,
    wikidata: e.wikidata ?? null,
    born: e.born,
    died: e.died,
    start: e.start,
    end: e.end,
    date: e.date,
    layer: e.layer,
    sources: e.sources.map((s) => s.layer),
  }),
);
process.stdout.write(`${lines.join('\n')}\n`);
