import { describe, expect, it } from 'vitest';
import { dateBelongsTo, datesDisagree, edtfInWords, entityDates, yearsBefore, yearsPhrase } from '../../core/cards/format-dates';

describe('dates in words', () => {
  it.each([
    ['1945-08-09', 'Thursday, 9 August 1945'],
    ['1945-02', 'February 1945'],
    ['1945-21', 'spring 1945'],
    ['1945', '1945'],
    ['193X', 'the 1930s'],
    ['18XX', 'the 19th century'],
    ['1945-02-04/1945-02-11', '4–11 February 1945'],
    ['1943-11-28/1943-12-01', '28 November – 1 December 1943'],
    ['1945-08/1945-09', 'August–September 1945'],
    ['1904/1905', '1904–1905'],
    ['1936/1939', '1936–1939'],
    ['1945-08-08T17:00+03:00', 'Wednesday, 8 August 1945, 17:00 (UTC+03:00)'],
    ['1904~', 'c. 1904'],
    ['1906?', '1906?'],
    ['1941-06-22', 'Sunday, 22 June 1941'],
    // Before Christ (astronomical numbering: year 0 is 1 BC).
    ['-0512', '513 BC'],
    ['-0043-03-15', '15 March 44 BC'],
    ['-04XX', 'the 5th century BC'],
    ['-0433/-0400', '434 BC–401 BC'],
    ['-0263/-0145', '264 BC–146 BC'],
    ['-0030/0014', '31 BC–AD 14'],
    // Before AD 100 the era is said: a bare "79" reads as a number.
    ['0079', 'AD 79'],
    ['0079-08-24', '24 August AD 79'],
    ['096X', 'the 960s'],
    ['0988', '988'],
  ])('%s → %s', (edtf, words) => {
    expect(edtfInWords(edtf, { weekday: true })).toBe(words);
  });

  it('refuses what it cannot read', () => {
    expect(edtfInWords('August 1945')).toBeNull();
    expect(edtfInWords('1945-02-30')).toBeNull();
    expect(edtfInWords('XXXX-13-01')).toBeNull();
  });

  it('gives a day or a month without its year as such', () => {
    expect(edtfInWords('XXXX-02-15', { weekday: true })).toBe('15 February');
    expect(edtfInWords('XXXX-08')).toBe('August');
  });
});

describe('entity dates', () => {
  it('gives a lifespan before Christ, with the age', () => {
    expect(entityDates({ type: 'person', born: '-0062-09-23', died: '0014-08-19' })).toBe('23 September 63 BC – 19 August AD 14 (aged 75)');
    expect(entityDates({ type: 'person', born: '-0099', died: '-0043-03-15' })).toBe('100 BC – 15 March 44 BC');
  });

  it('gives a lifespan with the age', () => {
    expect(entityDates({ type: 'person', born: '1878-12-18', died: '1953-03-05' })).toBe('18 December 1878 – 5 March 1953 (aged 74)');
    expect(entityDates({ type: 'person', born: '1906?' })).toBe('born 1906?');
  });

  it('gives spans and single dates', () => {
    expect(entityDates({ type: 'conference', start: '1945-02-04', end: '1945-02-11' })).toBe('4–11 February 1945');
    expect(entityDates({ type: 'treaty', date: '1941-04-13' })).toBe('13 April 1941');
    expect(entityDates({ type: 'state', start: '1991-08-24' })).toBe('from 24 August 1991');
    expect(entityDates({ type: 'place' })).toBeNull();
  });
});

describe('years before', () => {
  it('counts whole years to the article', () => {
    expect(yearsBefore('1945-08-09', '2025-11-29')).toBe(80);
    expect(yearsBefore('1945-02-04/1945-02-11', '2025-01-01')).toBe(79);
    expect(yearsBefore('2026-01-01', '2025-11-29')).toBeNull();
    expect(yearsPhrase(80, 'before this article')).toBe('80 years before this article');
    expect(yearsPhrase(1, 'ago')).toBe('1 year ago');
  });
});

describe('an article date against the dates of an event named beside it', () => {
  const yalta = { start: '1945-02-04', end: '1945-02-11' };
  it('disagrees only when both are known to the month or better and cannot overlap', () => {
    expect(datesDisagree('1945-02-14', yalta)).toBe(true);
    expect(datesDisagree('1945-03', yalta)).toBe(true);
    expect(datesDisagree('1945-02-08', yalta)).toBe(false);
    expect(datesDisagree('1945-02', yalta)).toBe(false);
    expect(datesDisagree('1945-02-11T17:00+03:00', yalta)).toBe(false);
    // Too vague to say: a year, a season, no year, an approximate date, an undated event.
    expect(datesDisagree('1946', yalta)).toBe(false);
    expect(datesDisagree('1945-21', yalta)).toBe(false);
    expect(datesDisagree('XXXX-02-14', yalta)).toBe(false);
    expect(datesDisagree('1945-02-14~', yalta)).toBe(false);
    expect(datesDisagree('1945-02-14', {})).toBe(false);
    expect(datesDisagree('1945-02-14', { start: '1945' })).toBe(false);
    expect(datesDisagree('1945-08-20/1945-08-25', { date: '1945-08-09' })).toBe(true);
  });

  it('sets them side by side only when the date is given for that event, right beside its name', () => {
    const at = (text: string, name: string, type: string, date: string) => {
      const n = text.indexOf(name);
      const d = text.indexOf(date);
      return dateBelongsTo(text, { start: d, end: d + date.length }, { start: n, end: n + name.length, type });
    };
    expect(at('At the Yalta Conference on February 14, 1945, they met.', 'Yalta Conference', 'conference', 'February 14, 1945')).toBe(true);
    expect(at('the Battle of Kursk (July 1943) was', 'Battle of Kursk', 'battle', 'July 1943')).toBe(true);
    expect(at('the February 1945 Yalta Conference', 'Yalta Conference', 'conference', 'February 1945')).toBe(true);
    expect(at('the Neutrality Pact, signed on April 13, 1941, was', 'Neutrality Pact', 'treaty', 'April 13, 1941')).toBe(true);
    // A date elsewhere in the sentence is about something else; treaties and wars are named long after.
    expect(at('On April 5, a year before the expiration of the Neutrality Pact, the USSR', 'Neutrality Pact', 'treaty', 'April 5')).toBe(false);
    expect(at('obligations under the Pact until April 1946', 'Pact', 'treaty', 'April 1946')).toBe(false);
    expect(at('the Soviet–Japanese War in August 1945', 'Soviet–Japanese War', 'war', 'August 1945')).toBe(false);
    expect(at('After the Yalta Conference, on March 5, 1945, Stalin', 'Yalta Conference', 'conference', 'March 5, 1945')).toBe(false);
  });
});
