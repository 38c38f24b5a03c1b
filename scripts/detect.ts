/**
 * `npm run -s detect -- <file.html|file.txt|-> [--json]`: the mentions Backstory finds in a page,
 * in document order. For .txt, offsets are UTF-16 offsets into the file's text as read; for HTML,
 * into the visible text the content script extracts.
 */
import { readFileSync } from 'node:fs';
import { loadDetector, readDocument, type LoadedDocument } from './detect/load';
import { exitQuietlyOnClosedPipe } from './stdout';

exitQuietlyOnClosedPipe();

const args = process.argv.slice(2);
const json = args.includes('--json');
const inputs = args.filter((a) => a !== '--json');
if (inputs.length !== 1) {
  console.error('usage: npm run -s detect -- <file.html|file.txt|-> [--json]');
  process.exit(2);
}
const [input] = inputs;

let source: string;
try {
  source = input === '-' ? readFileSync(0, 'utf8') : readFileSync(input, 'utf8');
} catch (err) {
  const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
  console.error(`detect: cannot read ${input === '-' ? 'standard input' : input}: ${reason}`);
  process.exit(1);
}
if (source.includes('\u0000')) {
  console.error(`detect: ${input} is not a text or HTML file`);
  process.exit(1);
}

let doc: LoadedDocument;
try {
  doc = await readDocument(source, input);
} catch (err) {
  console.error(`detect: cannot read ${input} as a page: ${(err as Error).message}`);
  process.exit(1);
}
const detector = await loadDetector();
const mentions = detector.detect(doc.document, doc.facts);

if (json) {
  const out = mentions.map((m) =>
    m.kind === 'entity'
      ? { kind: m.kind, text: m.text, start: m.start, end: m.end, id: m.id, title: m.title, type: m.type, wikipedia: m.wikipedia ?? null, score: m.score }
      : { kind: m.kind, text: m.text, start: m.start, end: m.end, edtf: m.edtf, inferred: m.inferred, precision: m.precision, role: m.role },
  );
  process.stdout.write(`${JSON.stringify({ mentions: out })}\n`);
} else {
  for (const m of mentions) {
    const where = `${m.start}-${m.end}`.padEnd(12);
    if (m.kind === 'entity') console.log(`${where} entity  ${JSON.stringify(m.text)} → ${m.title} [${m.type}, ${m.id}] ${m.score.toFixed(2)}`);
    else console.log(`${where} date    ${JSON.stringify(m.text)} → ${m.edtf}${m.inferred ? ` (year from context: ${m.inferredFrom?.text})` : ''}${m.role === 'publication' ? ' (publication date)' : ''}`);
  }
}
