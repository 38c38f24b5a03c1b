import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DateMention } from '../../core/dates/resolve';
import { Detector, type EntityMention, type Mention } from '../../core/detect/detector';
import { documentFromText } from '../../core/detect/document';
import { buildKb } from '../../scripts/kb/build';
import { readDocument } from '../../scripts/detect/load';
import { SHARED } from '../e2e/paths';

const ARTICLE = readFileSync(`${SHARED}/seed/article.txt`, 'utf8');
const HTML = readFileSync(`${SHARED}/fixtures/seed-news-article.html`, 'utf8');

/** What a reader hovering the seed article should get: surface text (first occurrence after `after`) → entry. */
const ENTITIES: Array<[string, string, string?]> = [
  ['World War II', 'world-war-ii'],
  ['USSR', 'soviet-union'],
  ['Japan', 'empire-of-japan', 'between the USSR and '],
  ['Russian Empire', 'russian-empire'],
  ['China', 'republic-of-china-1912-1949', 'involved in a war with '],
  ['Russo-Japanese War', 'russo-japanese-war'],
  ['Manchuria', 'manchuria'],
  ['Lake Hassan', 'battle-of-lake-khasan'],
  ['Halkhin Gol', 'battles-of-khalkhin-gol'],
  ['Molotov-Ribbentrop Pact', 'molotov-ribbentrop-pact'],
  ['Germany', 'nazi-germany', 'signed with '],
  ['neutrality pact', 'soviet-japanese-neutrality-pact'],
  ['Pact', 'soviet-japanese-neutrality-pact', 'Article 2 of the '],
  ['Bolsheviks', 'bolsheviks'],
  ['Battle of Stalingrad', 'battle-of-stalingrad'],
  ['Tehran Conference', 'tehran-conference'],
  ['Stalin', 'joseph-stalin'],
  ['Churchill', 'winston-churchill'],
  ['Roosevelt', 'franklin-d-roosevelt'],
  ['Yalta Conference', 'yalta-conference'],
  ['United States', 'united-states'],
  ['Britain', 'united-kingdom'],
  ['Allies', 'allies-of-world-war-ii'],
  ['Sakhalin Island', 'sakhalin'],
  ['Kuril Islands', 'kuril-islands'],
  // A possessive after capitals: "The USSR's appetites grew".
  ['USSR', 'soviet-union', 'Sakhalin Island. The '],
  ['Mongolia', 'mongolian-people-s-republic'],
  ['Port Arthur', 'lushunkou-district'],
  ['Yalta', 'yalta', 'Stalin in '],
  ['Far East', 'russian-far-east'],
  ['Neutrality Pact', 'soviet-japanese-neutrality-pact'],
  ['Potsdam Conference', 'potsdam-conference'],
  ['Red Army', 'red-army'],
  ['Kwantung Army', 'kwantung-army'],
  ['Hiroshima', 'hiroshima'],
  ['Moscow', 'moscow'],
  ['Vyacheslav Molotov', 'vyacheslav-molotov'],
  ['Nagasaki', 'nagasaki'],
  ['Trans-Baikal Front', 'transbaikal-front'],
  ['Rodion Malinovsky', 'rodion-malinovsky'],
  ['Inner Mongolia', 'inner-mongolia'],
  ['1st Far Eastern Front', '1st-far-eastern-front'],
  ['Kirill Meretskov', 'kirill-meretskov'],
  ['Primorye', 'primorsky-krai'],
  ['2nd Far Eastern Front', '2nd-far-eastern-front'],
  ['Maxim Purkayev', 'maksim-purkayev'],
  ['Ukraine', 'ukraine'],
  ['Changchun', 'changchun'],
  ['Harbin', 'harbin'],
  ['Great Hingan', 'greater-khingan'],
  ['Amur', 'amur'],
  ['Ussuri', 'ussuri-river'],
  ['Little Hingan', 'lesser-khingan'],
  ['Hailar', 'hailar-district'],
  ['Korean Peninsula', 'korean-peninsula'],
  ['Sejin', 'chongjin'],
  ['38th parallel', '38th-parallel-north'],
  ['Pacific Flotilla', 'pacific-fleet-russia'],
  ['Alexander Vasilevsky', 'aleksandr-vasilevsky'],
  ['Hokkaido', 'hokkaido'],
  ['Washington', 'washington-d-c'],
  ['Shumshu', 'shumshu'],
  ['Emperor Hirohito', 'hirohito'],
  ['Act of Surrender', 'japanese-instrument-of-surrender'],
  ['South Korea', 'south-korea'],
  ['San Francisco Peace Treaty', 'treaty-of-san-francisco'],
  ['Japan', 'japan', 'legal incident, '],
  ['Russia', 'russia', 'demanding that '],
  ['Potsdam Declaration', 'potsdam-declaration'],
  ['Odesa', 'odesa'],
  ['Kherson', 'kherson'],
];

/** Surface text (first occurrence after `after`) → EDTF, and whether the year came from context. */
const DATES: Array<[string, string, boolean, string?]> = [
  ['Nov. 29, 2025, 7:53 p.m.', '2025-11-29T19:53', false],
  ['May 1945', '1945-05', false],
  ['August-September 1945', '1945-08/1945-09', false],
  ['the last quarter of the nineteenth century', '1875/1899', false],
  ['1904-1905', '1904/1905', false],
  ['the early 1930s', '1930/1933', false],
  ['the late 1930s', '1936/1939', false],
  ['the second half of the 1930s', '1935/1939', false],
  ['April 13, 1941', '1941-04-13', false],
  ['late 1943', '1943-09/1943-12', false],
  ['February', '1945-02', true],
  ['March 1945', '1945-03', false],
  ['April 5', '1945-04-05', true],
  ['April 1946', '1946-04', false],
  ['May 8, 1945', '1945-05-08', false],
  ['late July', '1945-07', true],
  ['1941-42', '1941/1942', false],
  ['1941-1942', '1941/1942', false],
  ['1930-1940', '1930/1940', false],
  ['the spring of 1945', '1945-21', false],
  ['the 1930s', '193X', false, 'developed in '],
  ['April 1945', '1945-04', false],
  ['August 15', '1945-08-15', true],
  ['August 20 and 25', '1945-08-20/1945-08-25', true],
  ['August 6', '1945-08-06', true],
  ['August 8', '1945-08-08', true],
  ['17:00', '1945-08-08T17:00+03:00', true],
  ['August 9', '1945-08-09', true],
  ['the fall', '1945-23', true],
  ['August 10', '1945-08-10', true],
  ['August 18', '1945-08-18', true],
  ['August 4', '1945-08-04', true],
  ['September 2, 1945', '1945-09-02', false],
  ['September 10', '1945-09-10', true],
  ['1951', '1951', false],
  ['1956', '1956', false],
  ['the mid-nineteenth century', '1833/1866', false],
  ['August 9', '1945-08-09', true, 'However, after '],
  ['1942', '1942', false, 'a similar clash in '],
  ['Dec. 4, 2025', '2025-12-04', false],
];

let detector: Detector;
let mentions: Mention[];

function at(text: string, after = ''): number {
  const from = after ? ARTICLE.indexOf(after) : 0;
  expect(from, `"${after}" is in the article`).toBeGreaterThanOrEqual(0);
  // Whole words only: "Stalin" is not the start of "Stalingrad".
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
  re.lastIndex = from + after.length;
  const pos = re.exec(ARTICLE)?.index ?? -1;
  expect(pos, `"${text}" is in the article`).toBeGreaterThanOrEqual(0);
  return pos;
}

beforeAll(async () => {
  detector = new Detector((await buildKb()).matcher);
  mentions = detector.detect(documentFromText(ARTICLE), { publishedAt: '2025-11-29T19:53:00+02:00' });
}, 60_000);

describe('the seed article', () => {
  it('finds and links at least 95 % of the names a reader would hover (and each listed one, reported)', () => {
    const wrong: string[] = [];
    for (const [text, id, after] of ENTITIES) {
      const start = at(text, after);
      const m = mentions.find((x): x is EntityMention => x.kind === 'entity' && x.start === start && x.end === start + text.length);
      if (!m) wrong.push(`${text}: not found`);
      else if (m.id !== id) wrong.push(`${text}: ${m.id}, expected ${id}`);
    }
    expect(wrong).toEqual([]);
    expect(wrong.length / ENTITIES.length).toBeLessThanOrEqual(0.05);
  });

  it('finds at least 95 % of its dates with the right year (and each listed one, reported)', () => {
    const wrong: string[] = [];
    for (const [text, edtf, inferred, after] of DATES) {
      const start = at(text, after);
      const m = mentions.find((x): x is DateMention => x.kind === 'date' && x.start === start);
      if (!m) wrong.push(`${text}: not found`);
      else if (m.edtf !== edtf || m.inferred !== inferred) wrong.push(`${text}: ${m.edtf}${m.inferred ? ' (inferred)' : ''}, expected ${edtf}`);
    }
    expect(wrong).toEqual([]);
    expect(wrong.length / DATES.length).toBeLessThanOrEqual(0.05);
  });

  it('marks the dateline and the related-news dates as publication dates, never the story year', () => {
    const pub = mentions.filter((m): m is DateMention => m.kind === 'date' && m.role === 'publication').map((m) => m.text);
    expect(pub).toEqual(['Nov. 29, 2025, 7:53 p.m.', 'Dec. 4, 2025', 'Dec. 3, 2025', 'Dec. 2, 2025', 'Dec. 1, 2025']);
    const inferred = mentions.filter((m): m is DateMention => m.kind === 'date' && m.inferred);
    expect(inferred.every((d) => !d.edtf.startsWith('2025'))).toBe(true);
  });

  it('says where an inferred year came from', () => {
    const april5 = mentions.find((m): m is DateMention => m.kind === 'date' && m.text === 'April 5')!;
    expect(april5.inferredFrom).toMatchObject({ text: 'March 1945', rule: 'same-paragraph' });
  });

  it('reads counts as counts, not years', () => {
    const dateTexts = mentions.filter((m) => m.kind === 'date').map((m) => m.text);
    for (const count of ['700,000', '1.5 million', '84,000', '12,000', '24,500', '60-80', '150', '600,000', '1 million']) {
      expect(dateTexts.some((t) => t.includes(count)), count).toBe(false);
    }
  });

  it('returns mentions in document order, without overlaps, with offsets into the text as read', () => {
    for (let i = 1; i < mentions.length; i++) expect(mentions[i].start).toBeGreaterThanOrEqual(mentions[i - 1].end);
    for (const m of mentions) expect(ARTICLE.slice(m.start, m.end)).toBe(m.text);
  });

  it('keeps the candidates it weighed, with scores', () => {
    const japan = mentions.find((m): m is EntityMention => m.kind === 'entity' && m.id === 'empire-of-japan')!;
    expect(japan.candidates.map((c) => c.id)).toContain('japan');
    expect(japan.score).toBeGreaterThan(japan.candidates.find((c) => c.id === 'japan')!.score);
  });
});

describe('the seed page as the content script reads it', () => {
  it('leaves form fields out and uses the page’s publication date', async () => {
    const { document, facts } = await readDocument(HTML, 'seed.html');
    expect(facts.publishedAt).toBe('2025-11-29T19:53:00+02:00');
    const found = detector.detect(document, facts);
    // The search box holds "Yalta Conference" and the comment box names Stalin: neither is page text.
    expect(document.text).not.toContain('planned this since');
    const yalta = found.filter((m) => m.kind === 'entity' && m.id === 'yalta-conference');
    expect(yalta).toHaveLength(1);
    const dateline = found.find((m): m is DateMention => m.kind === 'date' && m.text.startsWith('Nov. 29, 2025'));
    expect(dateline?.role).toBe('publication');
  });
});
