/**
 * A small EDTF (Library of Congress Extended Date/Time Format) reader for the subset Backstory
 * stores: days, months, years, seasons (21–24), decades and centuries with `X`, qualifiers
 * `~ ? %`, and intervals `a/b`. Pure; no Date objects, so no time zones.
 */

export type Precision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'century';

export interface EdtfDate {
  edtf: string;
  precision: Precision;
  year: number;
  /** 1–12 for day and month precision. */
  month?: number;
  day?: number;
  /** 21 spring, 22 summer, 23 autumn, 24 winter. */
  season?: 21 | 22 | 23 | 24;
  approximate: boolean;
  uncertain: boolean;
  /** First and last calendar day covered, as `YYYY-MM-DD` (negative years as `-YYYY`). */
  earliest: string;
  latest: string;
}

export interface EdtfInterval {
  edtf: string;
  start: EdtfDate | null;
  end: EdtfDate | null;
}

const DATE = /^(-?)(\d{2}|\d{3}|\d{4})(X{0,2})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${y < 0 ? '-' : ''}${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Parses one EDTF date; returns null for anything outside the supported subset or impossible. */
export function parseEdtfDate(input: string): EdtfDate | null {
  const m = DATE.exec(input.trim());
  if (!m) return null;
  const [, sign, digits, xs, mm, dd, qual] = m;
  if (digits.length + xs.length !== 4) return null;
  const approximate = qual === '~' || qual === '%';
  const uncertain = qual === '?' || qual === '%';
  const base = { edtf: input.trim(), approximate, uncertain };
  const neg = sign === '-' ? -1 : 1;
  if (xs) {
    if (mm) return null;
    const span = xs.length === 1 ? 10 : 100;
    const first = Number(digits) * span * neg;
    const last = neg > 0 ? first + span - 1 : first - span + 1;
    const [lo, hi] = first <= last ? [first, last] : [last, first];
    return { ...base, precision: span === 10 ? 'decade' : 'century', year: lo, earliest: iso(lo, 1, 1), latest: iso(hi, 12, 31) };
  }
  if (digits.length !== 4) return null;
  const year = Number(digits) * neg;
  if (!mm) return { ...base, precision: 'year', year, earliest: iso(year, 1, 1), latest: iso(year, 12, 31) };
  const month = Number(mm);
  if (month >= 21 && month <= 24) {
    if (dd) return null;
    // Northern-hemisphere meteorological seasons; winter runs into the next year.
    const season = month as 21 | 22 | 23 | 24;
    const ranges: Record<number, [number, number, number, number, number]> = {
      21: [3, 1, 5, 31, 0],
      22: [6, 1, 8, 31, 0],
      23: [9, 1, 11, 30, 0],
      24: [12, 1, 2, 0, 1],
    };
    const [m1, d1, m2, d2, carry] = ranges[season];
    const endYear = year + carry;
    return {
      ...base,
      precision: 'season',
      year,
      season,
      earliest: iso(year, m1, d1),
      latest: iso(endYear, m2, d2 || daysInMonth(endYear, m2)),
    };
  }
  if (month < 1 || month > 12) return null;
  if (!dd) return { ...base, precision: 'month', year, month, earliest: iso(year, month, 1), latest: iso(year, month, daysInMonth(year, month)) };
  const day = Number(dd);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { ...base, precision: 'day', year, month, day, earliest: iso(year, month, day), latest: iso(year, month, day) };
}

/** Parses a date or an interval (`1904-02-08/1905-09-05`, `1941/..`, `../1945`). */
export function parseEdtf(input: string): EdtfInterval | null {
  const text = input.trim();
  if (!text.includes('/')) {
    const d = parseEdtfDate(text);
    return d ? { edtf: text, start: d, end: d } : null;
  }
  const [a, b, ...rest] = text.split('/');
  if (rest.length) return null;
  const open = (s: string) => s === '..' || s === '';
  const start = open(a) ? null : parseEdtfDate(a);
  const end = open(b) ? null : parseEdtfDate(b);
  if ((!open(a) && !start) || (!open(b) && !end) || (!start && !end)) return null;
  if (start && end && compareDays(start.earliest, end.latest) > 0) return null;
  return { edtf: text, start, end };
}

/** Compares two calendar days as `earliest`/`latest` write them ("-0512-03-15" is before "0014-08-19"); negative when a is earlier. */
export function compareDays(a: string, b: string): number {
  const key = (iso: string) => {
    const neg = iso.startsWith('-');
    const [y, m, d] = (neg ? iso.slice(1) : iso).split('-').map(Number);
    return (neg ? -y : y) * 10000 + m * 100 + d;
  };
  return Math.sign(key(a) - key(b));
}

/** Compares two EDTF dates by their first day; negative when a is earlier. */
export function compareEdtf(a: EdtfDate, b: EdtfDate): number {
  return compareDays(a.earliest, b.earliest);
}
