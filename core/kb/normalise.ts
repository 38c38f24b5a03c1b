/**
 * Alias normalisation: the one rule that decides which spellings count as the same name. Folds
 * case, diacritics (Lüshun = Lushun, Wałęsa = Walesa, ё = е), every dash and hyphen, and
 * apostrophe variants, and squeezes white space. Cyrillic stays Cyrillic.
 */

const SPECIAL: Record<string, string> = {
  ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ı: 'i', þ: 'th', Þ: 'th',
};
const SPECIAL_RE = /[łŁøØđĐßæÆœŒıþÞ]/g;
const DASHES = /[\u2010-\u2015\u2212\u00ad\ufe58\ufe63\uff0d]/g;
const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032]/g;
const MARKS = /[\u0300-\u036f]/g;

export function foldDiacritics(text: string): string {
  // Ukrainian й and ї keep their identity through NFD + mark stripping as и and і; that fold is
  // deliberate, since news texts drop the marks as often as Latin ones.
  return text.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c).normalize('NFD').replace(MARKS, '').normalize('NFC');
}

/**
 * The key names are indexed and matched under. Hyphens count as spaces, because transliterations
 * disagree about them ("Khalkhin-Gol", "Khalkhin Gol").
 */
export function normaliseAlias(text: string): string {
  return foldDiacritics(text)
    .replace(APOSTROPHES, "'")
    .replace(DASHES, ' ')
    .replace(/-/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The id rule: the slug of the English Wikipedia title (see data/kb/README.md). */
export function slugify(title: string): string {
  return foldDiacritics(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const CYRILLIC = /[\u0400-\u04ff]/;
/**
 * Case endings of Ukrainian and Russian nouns and adjectives, as they look after foldDiacritics
 * (й → и, ї → і), longest first.
 */
/** Endings as they look after foldDiacritics (й → и, ї → і): "Квантунської" ends in "оі", "-ский" in "ии". */
const ENDINGS = ['ами', 'ями', 'ові', 'еві', 'ого', 'ому', 'ими', 'іи', 'ии', 'іі', 'ою', 'ею', 'ах', 'ях', 'ів', 'ам', 'ям', 'ом', 'ем', 'ія', 'ію', 'ья', 'ью', 'ая', 'ую', 'ои', 'ыи', 'оі', 'ое', 'ые', 'ых', 'ым', 'а', 'я', 'у', 'ю', 'і', 'и', 'ы', 'е', 'о', 'ь'];

/**
 * A light stem for Cyrillic words, so that inflected forms meet their names ("Японії" and
 * "Японія", "Сталіна" and "Сталін", "озера Хасан" and "озеро Хасан"). Other scripts pass through.
 */
export function stemToken(token: string): string {
  if (token.length < 5 || !CYRILLIC.test(token)) return token;
  for (const e of ENDINGS) {
    if (token.endsWith(e) && token.length - e.length >= 4) return token.slice(0, -e.length);
  }
  return token;
}
