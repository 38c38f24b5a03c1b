/** Countries with English, Ukrainian and Russian names, from `i18n-iso-countries`. Build-time only. */
import { createRequire } from 'node:module';
import { LICENCES, type KbEntry } from '../../core/kb/types';

const require = createRequire(import.meta.url);

interface Countries {
  registerLocale(data: unknown): void;
  getNames(lang: string, opts: { select: 'all' | 'official' }): Record<string, string[] | string>;
}

export function importCountries(): KbEntry[] {
  const lib = require('i18n-iso-countries') as Countries;
  for (const lang of ['en', 'uk', 'ru']) lib.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const names = (lang: string) => lib.getNames(lang, { select: 'all' }) as Record<string, string[]>;
  const en = names('en');
  const uk = names('uk');
  const ru = names('ru');
  return Object.keys(en)
    .sort()
    .map((code): KbEntry => {
      const [name, ...more] = en[code];
      return {
        id: `iso-${code.toLowerCase()}`,
        type: 'state',
        name,
        aliases: { en: more, uk: uk[code] ?? [], ru: ru[code] ?? [] },
        summary: `Country with the ISO 3166 code ${code}.`,
        summarySource: 'i18n-iso-countries',
        country: code,
        layer: 'i18n-iso-countries',
        sources: [{ layer: 'i18n-iso-countries', ref: `ISO 3166-1 ${code}`, licence: LICENCES['i18n-iso-countries'] }],
      };
    });
}

/** English country names by ISO code, for city summaries. */
export function countryNames(): Map<string, string> {
  const lib = require('i18n-iso-countries') as Countries;
  lib.registerLocale(require('i18n-iso-countries/langs/en.json'));
  const en = lib.getNames('en', { select: 'official' }) as Record<string, string>;
  return new Map(Object.entries(en));
}
