import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED } from '../e2e/paths';

const ARTICLE = join(SHARED, 'seed/article.txt');
const HTML = join(SHARED, 'fixtures/seed-news-article.html');

function detect(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/detect.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run -s detect', () => {
  it('prints exactly one JSON object whose offsets index the .txt file as read', () => {
    const { code, out } = detect([ARTICLE, '--json']);
    expect(code).toBe(0);
    const text = readFileSync(ARTICLE, 'utf8');
    const { mentions } = JSON.parse(out) as { mentions: Array<Record<string, unknown>> };
    expect(mentions.length).toBeGreaterThan(200);
    for (const m of mentions) expect(text.slice(m.start as number, m.end as number)).toBe(m.text);
    expect(mentions).toContainEqual(
      expect.objectContaining({ kind: 'entity', text: 'Yalta Conference', id: 'yalta-conference', title: 'Yalta Conference', type: 'conference', wikipedia: 'Yalta Conference' }),
    );
    expect(mentions).toContainEqual(expect.objectContaining({ kind: 'date', text: 'August 9', edtf: '1945-08-09', inferred: true }));
    const starts = mentions.map((m) => m.start as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }, 120_000);

  it('reads HTML as the content script would, and standard input', () => {
    const html = detect([HTML, '--json']);
    expect(html.code).toBe(0);
    const texts = (JSON.parse(html.out).mentions as Array<{ text: string }>).map((m) => m.text);
    expect(texts).toContain('Kwantung Army');
    const stdin = detect(['-', '--json'], 'At the Yalta Conference in February 1945, Stalin met Churchill.');
    expect(JSON.parse(stdin.out).mentions.map((m: { text: string }) => m.text)).toEqual(['Yalta Conference', 'February 1945', 'Stalin', 'Churchill']);
  }, 120_000);

  it('fails clearly on unreadable input', () => {
    const missing = detect(['no/such/file.txt']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('detect: cannot read no/such/file.txt: no such file');
    const binary = detect(['-'], 'abc\u0000def');
    expect(binary.code).toBe(1);
    expect(binary.err).toContain('is not a text or HTML file');
    const usage = detect([]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage:');
  }, 120_000);
});
