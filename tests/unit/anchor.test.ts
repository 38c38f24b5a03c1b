import { describe, expect, it } from 'vitest';
import {
  alignNear,
  anchor,
  describeRange,
  editDistance,
  normaliseWhitespace,
  similarity,
  splitsSurrogatePair,
} from '../../core/annotations/anchor';
import { CONTEXT_LENGTH } from '../../core/annotations/types';

const ARTICLE = [
  'Eighty years after the end of the Second World War in Europe, historians are still arguing about the months that led up to it.',
  'In August 1939 the foreign ministers of Germany and the Soviet Union signed a non-aggression pact in Moscow, with a secret protocol dividing Eastern Europe into spheres of influence.',
  'Within weeks Poland had been invaded from the west and then from the east, and the Baltic states were pressed into accepting Soviet garrisons.',
  'Britain and France, which had guaranteed Polish independence in the spring, declared war on Germany on 3 September but could do little to help.',
  'The winter that followed, often called the Phoney War, ended in April 1940 when German troops landed in Denmark and Norway.',
].join('\n\n');

const INSERTED = 'Editor’s note: this article was updated on 12 May to add comments from archivists in Warsaw and Vilnius.\n\n';

/** Selectors for the `nth` copy (from 0) of `phrase` in `text`. */
function save(text: string, phrase: string, nth = 0) {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`fixture: ${phrase} not in text`);
  return describeRange(text, at, at + phrase.length);
}

/** Every start index of `phrase` in `text`. */
function indexesOf(text: string, phrase: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) out.push(at);
  return out;
}

function noSplitPair(text: string, start: number, end: number) {
  expect(splitsSurrogatePair(text, start)).toBe(false);
  expect(splitsSurrogatePair(text, end)).toBe(false);
}

describe('describeRange', () => {
  it('takes CONTEXT_LENGTH code units either side in the middle of a text', () => {
    const phrase = 'a non-aggression pact';
    const at = ARTICLE.indexOf(phrase);
    const { quote, position } = describeRange(ARTICLE, at, at + phrase.length);
    expect(CONTEXT_LENGTH).toBe(32);
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: phrase,
      prefix: ARTICLE.slice(at - 32, at),
      suffix: ARTICLE.slice(at + phrase.length, at + phrase.length + 32),
    });
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(quote.prefix.endsWith('Soviet Union signed ')).toBe(true);
    expect(quote.suffix.startsWith(' in Moscow')).toBe(true);
    expect(position).toEqual({ type: 'TextPositionSelector', start: at, end: at + phrase.length });
  });

  it('has an empty prefix at the start of the text and an empty suffix at its end', () => {
    const head = describeRange(ARTICLE, 0, 11);
    expect(head.quote.exact).toBe('Eighty year');
    expect(head.quote.prefix).toBe('');
    expect(head.quote.suffix).toHaveLength(32);

    const tail = describeRange(ARTICLE, ARTICLE.length - 7, ARTICLE.length);
    expect(tail.quote.exact).toBe('Norway.');
    expect(tail.quote.suffix).toBe('');
    expect(tail.quote.prefix).toBe(ARTICLE.slice(ARTICLE.length - 39, ARTICLE.length - 7));
  });

  it('takes shorter context near the edges of a short text', () => {
    const text = 'Yalta, February 1945.';
    const { quote } = describeRange(text, 7, 20);
    expect(quote).toMatchObject({ prefix: 'Yalta, ', exact: 'February 1945', suffix: '.' });
  });

  it('clamps offsets outside the text', () => {
    const { quote, position } = describeRange('Potsdam', -5, 99);
    expect(quote).toMatchObject({ exact: 'Potsdam', prefix: '', suffix: '' });
    expect(position).toMatchObject({ start: 0, end: 7 });
  });

  it('never cuts a surrogate pair at the start of the prefix or the end of the suffix', () => {
    // 31 letters before the quote, then an emoji just before them: 32 code units back from the
    // quote lands between the emoji's two halves.
    const before = '🕊' + 'x'.repeat(31);
    const after = 'y'.repeat(31) + '🕊';
    const text = `${before}QUOTE${after}`;
    const { quote } = describeRange(text, before.length, before.length + 5);
    expect(quote.exact).toBe('QUOTE');
    expect(quote.prefix).toBe('x'.repeat(31));
    expect(quote.suffix).toBe('y'.repeat(31));

    // One letter fewer and the emoji fits whole.
    const text2 = `🕊${'x'.repeat(30)}QUOTE${'y'.repeat(30)}🕊`;
    const { quote: q2 } = describeRange(text2, 32, 37);
    expect(q2.prefix).toBe(`🕊${'x'.repeat(30)}`);
    expect(q2.suffix).toBe(`${'y'.repeat(30)}🕊`);
  });

  it('widens a range that starts or ends inside an emoji to the whole emoji', () => {
    const text = 'Peace 🕊 talks';
    const { quote, position } = describeRange(text, 7, 8); // the low half only
    expect(quote.exact).toBe('🕊');
    expect(position).toMatchObject({ start: 6, end: 8 });
  });
});

describe('helpers', () => {
  it('editDistance and similarity', () => {
    expect(editDistance('Soviet Union', 'Soviet union')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abcd', 'abcf')).toBe(0.75);
  });

  it('normaliseWhitespace collapses runs and NBSP and maps back to the original', () => {
    const source = 'On 12\u00a0May\n\n1945  the\tguns';
    const { text, map } = normaliseWhitespace(source);
    expect(text).toBe('On 12 May 1945 the guns');
    expect(map).toHaveLength(text.length + 1);
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== ' ') expect(source[map[i]]).toBe(text[i]);
      else expect(/\s/.test(source[map[i]])).toBe(true);
    }
    expect(map[text.length]).toBe(source.length);
  });

  it('alignNear finds the closest span with exact ends', () => {
    const text = 'the pact was signed by the Soviet union in Moscow';
    // Estimated start 26: within the two edits allowed of the true start, 27.
    const found = alignNear(text, 'Soviet Union', 26, 26, 2);
    expect(found).toEqual({ start: 27, end: 39, distance: 1 });
    expect(text.slice(27, 39)).toBe('Soviet union');
    expect(alignNear(text, 'Weimar Republic', 20, 20, 3)).toBeNull();
  });
});

describe('anchor: position and exact', () => {
  it('uses the saved position when the quote is still there', () => {
    const { quote, position } = save(ARTICLE, 'declared war on Germany on 3 September');
    expect(anchor(ARTICLE, quote, position)).toEqual({
      start: position.start,
      end: position.end,
      method: 'position',
      score: 1,
    });
  });

  it('finds the quote again after a paragraph is inserted above (stale position → exact)', () => {
    const phrase = 'declared war on Germany on 3 September';
    const { quote, position } = save(ARTICLE, phrase);
    const page = INSERTED + ARTICLE;
    const found = anchor(page, quote, position);
    expect(found).toMatchObject({ method: 'exact', score: 1, start: page.indexOf(phrase) });
    expect(page.slice(found!.start, found!.end)).toBe(phrase);
    expect(found!.start).not.toBe(position.start);
  });

  it('ignores a saved position that now holds other text of the same length', () => {
    const { quote, position } = save(ARTICLE, 'the Phoney War');
    const page = ARTICLE.replace('Eighty years', 'Ninety years');
    const shifted = 'X'.repeat(40) + page;
    const found = anchor(shifted, quote, position);
    expect(found).toMatchObject({ method: 'exact', start: position.start + 40 });
  });

  it('works without a position, or with a nonsense one', () => {
    const { quote } = save(ARTICLE, 'spheres of influence');
    const expected = ARTICLE.indexOf('spheres of influence');
    expect(anchor(ARTICLE, quote)).toMatchObject({ method: 'exact', start: expected });
    expect(
      anchor(ARTICLE, quote, { type: 'TextPositionSelector', start: 5_000_000, end: 4 }),
    ).toMatchObject({ method: 'exact', start: expected });
  });

  it('returns null for an empty quote', () => {
    expect(anchor(ARTICLE, { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' })).toBeNull();
  });

  describe('the same quote twice on the page', () => {
    const page = [
      'On 23 August 1939 Molotov and Ribbentrop signed the pact in the Kremlin while Stalin looked on.',
      'Fifty years later, on 23 August 1989, about two million people joined hands across Estonia, Latvia and Lithuania to protest against the pact and its secret protocol.',
      'Historians in Tallinn say the anniversary of the pact still draws crowds every summer.',
    ].join('\n\n');
    const phrase = 'the pact';
    // The copy in "to protest against the pact and its secret protocol".
    const target = page.indexOf('against the pact') + 'against '.length;
    const fixture = () => {
      const nth = indexesOf(page, phrase).indexOf(target);
      expect(nth).toBeGreaterThan(0);
      return save(page, phrase, nth);
    };

    it('prefix and suffix pick the right copy when there is no position', () => {
      const { quote } = fixture();
      expect(indexesOf(page, phrase).length).toBeGreaterThanOrEqual(3);
      expect(anchor(page, quote)).toMatchObject({ method: 'exact', start: target, end: target + phrase.length });
    });

    it('prefix and suffix beat a stale position that points near another copy', () => {
      const { quote } = fixture();
      const edited = INSERTED + page;
      const first = edited.indexOf(phrase);
      const stale = { type: 'TextPositionSelector' as const, start: first + 1, end: first + 1 + phrase.length };
      expect(anchor(edited, quote, stale)).toMatchObject({ method: 'exact', start: target + INSERTED.length });
    });

    it('with no telling context, the copy nearest the saved position wins', () => {
      const text = 'Headline: the pact. Headline: the pact. Headline: the pact.';
      const quote = { type: 'TextQuoteSelector' as const, exact: 'the pact', prefix: 'Headline: ', suffix: '.' };
      const position = { type: 'TextPositionSelector' as const, start: 31, end: 39 };
      expect(anchor(text, quote, position)).toMatchObject({ method: 'exact', start: 30 });
      expect(anchor(text, quote)).toMatchObject({ method: 'exact', start: 10 });
    });
  });
});

describe('anchor: fuzzy', () => {
  it('finds a quote with one letter changed ("Soviet Union" → "Soviet union")', () => {
    const { quote, position } = save(ARTICLE, 'Soviet Union');
    const page = ARTICLE.replace('Soviet Union', 'Soviet union');
    const found = anchor(page, quote, position);
    expect(found).toMatchObject({ method: 'fuzzy', start: position.start, end: position.end });
    expect(page.slice(found!.start, found!.end)).toBe('Soviet union');
    expect(found!.score).toBeGreaterThan(0.9);
    expect(found!.score).toBeLessThan(1);
  });

  it('finds a 120-character quote with a word changed, after a paragraph was inserted above', () => {
    const phrase =
      'the foreign ministers of Germany and the Soviet Union signed a non-aggression pact in Moscow, with a secret protocol';
    expect(phrase.length).toBeGreaterThan(110);
    const { quote, position } = save(ARTICLE, phrase);
    const changed = phrase.replace('signed', 'concluded');
    const page = INSERTED + ARTICLE.replace(phrase, changed);
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(found!.start).toBe(page.indexOf(changed));
    expect(found!.end).toBe(page.indexOf(changed) + changed.length);
    expect(found!.score).toBeGreaterThan(0.8);
  });

  it('finds a long quote that had a clause inserted into it', () => {
    const phrase =
      'Within weeks Poland had been invaded from the west and then from the east, and the Baltic states were pressed into accepting Soviet garrisons.';
    const { quote, position } = save(ARTICLE, phrase);
    const changed = phrase.replace('from the east,', 'from the east, on 17 September,');
    const page = INSERTED + ARTICLE.replace(phrase, changed);
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(page.slice(found!.start, found!.end)).toBe(changed);
  });

  it('finds a quote whose first and last words were edited, keeping the ends right', () => {
    const phrase = 'Britain and France, which had guaranteed Polish independence in the spring';
    const { quote, position } = save(ARTICLE, phrase);
    const changed = 'Britain and France, which had guaranteed Polish independence in the Spring';
    const page = ARTICLE.replace(phrase, changed).replace('Eighty', 'Eighty-one');
    const found = anchor(page, quote, position);
    expect(found).toMatchObject({ method: 'fuzzy', start: page.indexOf(changed), end: page.indexOf(changed) + changed.length });
  });

  it('finds a quote edited throughout (no piece of it left whole) through its context', () => {
    const phrase =
      'Britain and France, which had guaranteed Polish independence in the spring, declared war on Germany on';
    expect(phrase).toHaveLength(102);
    // Every fifth character changed: 20 % of the quote, the most a fuzzy match allows.
    const changed = [...phrase].map((c, i) => (i % 5 === 2 ? (c === 'x' ? 'y' : 'x') : c)).join('');
    const { quote, position } = save(ARTICLE, phrase);
    const page = INSERTED + ARTICLE.replace(phrase, changed);
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(found!.start).toBe(page.indexOf(changed));
    expect(found!.end).toBe(page.indexOf(changed) + changed.length);
    // One more edit and it is too far gone.
    const worse = `P${changed.slice(1)}`;
    expect(anchor(INSERTED + ARTICLE.replace(phrase, worse), quote, position)).toBeNull();
  });

  it('returns null when the quote was deleted', () => {
    const phrase = 'with a secret protocol dividing Eastern Europe into spheres of influence';
    const { quote, position } = save(ARTICLE, phrase);
    const page = ARTICLE.replace(`, ${phrase}`, '');
    expect(page).not.toContain('secret protocol');
    expect(anchor(page, quote, position)).toBeNull();
  });

  it('returns null when the quote was rewritten, even though its context is still there', () => {
    const phrase = 'Within weeks Poland had been invaded from the west and then from the east';
    const { quote, position } = save(ARTICLE, phrase);
    const rewritten = 'By the end of September Germany and the USSR had partitioned Poland between them';
    const page = ARTICLE.replace(phrase, rewritten);
    expect(page).toContain(quote.prefix);
    expect(page).toContain(quote.suffix);
    expect(anchor(page, quote, position)).toBeNull();
  });

  it('does not move a short deleted quote to a look-alike elsewhere', () => {
    const { quote, position } = save(ARTICLE, 'Soviet Union');
    // The highlighted sentence is gone; a near copy survives in another context.
    const page = ARTICLE.replace(/In August 1939[^\n]*/, 'The summer of 1939 was hot.').replace(
      'Soviet garrisons',
      'garrisons from the Soviet union',
    );
    expect(page).not.toContain('Soviet Union');
    expect(anchor(page, quote, position)).toBeNull();
  });

  it('finds a quote at the very start and at the very end of the text after edits', () => {
    const head = save(ARTICLE, 'Eighty years after the end of the Second World War');
    const tail = save(ARTICLE, 'German troops landed in Denmark and Norway.');
    const page = ARTICLE.replace('Eighty years after', 'Eighty years since').replace('Denmark and Norway.', 'Denmark and Norway!');
    const h = anchor(page, head.quote, head.position);
    expect(h).toMatchObject({ method: 'fuzzy', start: 0 });
    expect(page.slice(h!.start, h!.end)).toBe('Eighty years since the end of the Second World War');
    const t = anchor(page, tail.quote, tail.position);
    expect(t).toMatchObject({ method: 'fuzzy', end: page.length });
    expect(page.slice(t!.start, t!.end)).toBe('German troops landed in Denmark and Norway!');
  });
});

describe('anchor: Unicode and whitespace', () => {
  const EMOJI_PAGE = [
    'Live: Victory Day commemorations 🎖️ across Europe',
    '🕊 Peace talks resumed in Geneva on Tuesday as delegations from both sides 🇺🇦🇷🇺 met for the first time since the spring.',
    'Veterans laid flowers 🌹 at the Tomb of the Unknown Soldier in the morning.',
  ].join('\n\n');

  it('anchors exactly across emoji in and around the quote', () => {
    const phrase = 'delegations from both sides 🇺🇦🇷🇺 met';
    const { quote, position } = save(EMOJI_PAGE, phrase);
    const page = `📰 ${INSERTED}${EMOJI_PAGE}`;
    const found = anchor(page, quote, position);
    expect(found).toMatchObject({ method: 'exact', start: page.indexOf(phrase) });
    noSplitPair(page, found!.start, found!.end);
  });

  it('never splits an emoji when a character of the quote became an emoji', () => {
    // Saved when the line began with a bullet; the site now uses a dove emoji instead.
    const bulletPage = EMOJI_PAGE.replace('🕊 Peace', '• Peace');
    const phrase = '• Peace talks resumed in Geneva';
    const { quote, position } = save(bulletPage, phrase);
    const found = anchor(EMOJI_PAGE, quote, position);
    expect(found?.method).toBe('fuzzy');
    noSplitPair(EMOJI_PAGE, found!.start, found!.end);
    expect(EMOJI_PAGE.slice(found!.start, found!.end)).toBe('🕊 Peace talks resumed in Geneva');

    // And at the end of the quote.
    const bulletEnd = EMOJI_PAGE.replace('flowers 🌹', 'flowers •');
    const end = save(bulletEnd, 'Veterans laid flowers •');
    const found2 = anchor(EMOJI_PAGE, end.quote, end.position);
    expect(found2?.method).toBe('fuzzy');
    noSplitPair(EMOJI_PAGE, found2!.start, found2!.end);
    expect(EMOJI_PAGE.slice(found2!.start, found2!.end)).toBe('Veterans laid flowers 🌹');
  });

  it('finds a quote with an emoji swapped for another and text inserted above', () => {
    const phrase = 'Veterans laid flowers 🌹 at the Tomb of the Unknown Soldier';
    const { quote, position } = save(EMOJI_PAGE, phrase);
    const page = INSERTED + EMOJI_PAGE.replace('🌹', '💐');
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(page.slice(found!.start, found!.end)).toBe(phrase.replace('🌹', '💐'));
  });

  it('keeps combining marks: exact, and when a page switched to decomposed accents', () => {
    const composed = 'In 1940 the writers met every week at the Café de Flore, where Simone de Beauvoir kept a table by the stove.';
    const decomposed = composed.replace('Café', 'Cafe\u0301');
    // A quote containing a combining mark anchors exactly.
    const q1 = save(decomposed, 'at the Cafe\u0301 de Flore');
    expect(anchor(INSERTED + decomposed, q1.quote, q1.position)).toMatchObject({
      method: 'exact',
      start: INSERTED.length + decomposed.indexOf('at the Cafe\u0301'),
    });

    // Saved precomposed, the page now decomposed: the quote ends on "Café", and the match must
    // take the combining accent with its "e".
    const q2 = save(composed, 'the writers met every week at the Café');
    const found = anchor(decomposed, q2.quote, q2.position);
    expect(found?.method).toBe('fuzzy');
    expect(decomposed.slice(found!.start, found!.end)).toBe('the writers met every week at the Cafe\u0301');
  });

  it('treats NBSP and runs of whitespace as a single space', () => {
    const saved = 'The surrender was signed in Reims on 7\u00a0May 1945 and again in Berlin on 8\u00a0May.';
    const { quote, position } = save(saved, 'signed in Reims on 7\u00a0May 1945 and again in Berlin');
    const page = `${INSERTED}${saved.replace(/\u00a0/g, ' ').replace('and again', 'and  again')}`;
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(page.slice(found!.start, found!.end)).toBe('signed in Reims on 7 May 1945 and  again in Berlin');
    // Only spacing changed: as good as an exact match.
    expect(found!.score).toBeCloseTo(1, 9);

    // The other way round: spaces in the quote, NBSP on the page.
    const q = save(page, 'on 7 May 1945');
    const nbspPage = page.replace('on 7 May 1945', 'on 7\u00a0May\u00a01945');
    const found2 = anchor(nbspPage, q.quote, q.position);
    expect(nbspPage.slice(found2!.start, found2!.end)).toBe('on 7\u00a0May\u00a01945');
  });

  it('handles Cyrillic text', () => {
    const text =
      'Бои на реке Халхин-Гол летом 1939 года закончились поражением японской армии. Советскими войсками командовал Георгий Жуков.';
    const phrase = 'Бои на реке Халхин-Гол летом 1939 года';
    const { quote, position } = save(text, phrase);
    expect(anchor(text, quote, position)).toMatchObject({ method: 'position' });

    const inserted = 'Обновлено 15 мая. ' + text;
    expect(anchor(inserted, quote, position)).toMatchObject({ method: 'exact', start: 18 });

    const edited = inserted.replace('Халхин-Гол', 'Халхин-гол');
    const found = anchor(edited, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(edited.slice(found!.start, found!.end)).toBe('Бои на реке Халхин-гол летом 1939 года');
  });
});

describe('anchor: large texts', () => {
  /** About `size` code units of varied, news-like sentences (seeded, so every run is the same). */
  function bigText(size: number): string {
    let seed = 1939;
    const pick = <T,>(xs: T[]): T => {
      // mulberry32: the low bits of a plain LCG repeat too soon for this.
      seed = (seed + 0x6d2b79f5) | 0;
      let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
      return xs[((r ^ (r >>> 14)) >>> 0) % xs.length];
    };
    const who = ['The delegation', 'A correspondent', 'The ambassador', 'The general staff', 'The cabinet', 'A historian', 'The archive', 'The minister'];
    const did = ['reported', 'denied', 'confirmed', 'recalled', 'described', 'questioned', 'published', 'disputed'];
    const what = ['the mobilisation', 'the harvest figures', 'the border incident', 'the armistice terms', 'a secret memorandum', 'the railway timetable', 'the price of bread', 'the evacuation plan'];
    const where = ['Vienna', 'Prague', 'Riga', 'Lisbon', 'Ankara', 'Warsaw', 'Bucharest', 'Helsinki', 'Kaunas', 'Sofia'];
    const parts: string[] = [];
    let total = 0;
    for (let i = 0; total < size; i++) {
      const day = pick([...Array(28).keys()]) + 1;
      const month = pick(['January', 'March', 'May', 'July', 'September', 'November']);
      const year = 1900 + pick([...Array(60).keys()]);
      const p = `${pick(who)} in ${pick(where)} ${pick(did)} ${pick(what)} on ${day} ${month} ${year}, and ${pick(who).toLowerCase()} ${pick(did)} ${pick(what)} (item ${i}).`;
      parts.push(p);
      total += p.length + 1;
    }
    return parts.join(' ');
  }

  const base = bigText(1_000_000);
  const phrase =
    'In a cable sent from Helsinki on 30 November 1939, the envoy reported that Soviet bombers had struck the city that morning.';
  const text = `${base}\n\n${phrase}\n\nThe Winter War had begun.`;

  it('finds a quote near the end of a 1 MB text', () => {
    expect(text.length).toBeGreaterThan(1_000_000);
    const { quote, position } = save(text, phrase);
    const page = INSERTED + text;
    expect(anchor(page, quote, position)).toMatchObject({ method: 'exact', start: page.indexOf(phrase) });
  });

  it('finds an edited quote near the end of a 1 MB text', () => {
    const { quote, position } = save(text, phrase);
    const changed = phrase.replace('struck', 'bombed').replace('30 November', '30\u00a0November');
    const page = INSERTED + text.replace(phrase, changed);
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(found!.start).toBe(page.indexOf(changed));
    expect(found!.end).toBe(page.indexOf(changed) + changed.length);
  });

  it('finds a 10,000-character quote with scattered edits in a 1 MB text, and not a deleted one', () => {
    const at = Math.floor(base.length * 0.8);
    const start = base.indexOf('. ', at) + 2;
    const longPhrase = base.slice(start, start + 10_000);
    const { quote, position } = save(base, longPhrase);
    // A dozen edits spread through the quote.
    let changed = longPhrase;
    for (let k = 1; k <= 12; k++) {
      const i = Math.floor((k * changed.length) / 13);
      changed = `${changed.slice(0, i)}#${changed.slice(i + 1)}`;
    }
    const page = INSERTED + base.replace(longPhrase, changed);
    const found = anchor(page, quote, position);
    expect(found?.method).toBe('fuzzy');
    expect(found!.start).toBe(INSERTED.length + start);
    expect(found!.end).toBe(INSERTED.length + start + changed.length);

    const gone = base.replace(longPhrase, '');
    expect(anchor(gone, quote, position)).toBeNull();
  });
});
