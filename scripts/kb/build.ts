/** Builds the compiled knowledge base from the curated files and the imported layers. */
import { createHash } from 'node:crypto';
import { compileKb } from '../../core/kb/compile';
import { mergeLayers, type MergeReport } from '../../core/kb/merge';
import type { CompiledKb, KbEntry } from '../../core/kb/types';
import { importCities } from './cities';
import { importCountries } from './countries';
import { loadCurated } from './curated';
import { commonWordsFromWordnet, englishWordsFromWordnet, importWordnet } from './wordnet';
import { buildMatcherData, type MatcherData } from '../../core/detect/matcher-data';

export class KbBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n${problems.join('\n')}`);
    this.name = 'KbBuildError';
  }
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface BuildResult {
  kb: CompiledKb;
  matcher: MatcherData;
  report: MergeReport;
  curated: number;
  imported: Record<string, number>;
}

export async function buildKb(dataDir = 'data/kb'): Promise<BuildResult> {
  const { entries, errors } = loadCurated(dataDir);
  if (errors.length) throw new KbBuildError(errors);
  const curated: KbEntry[] = entries.map((e) => e.entry);
  const layers = [importCountries(), importWordnet(), importCities()];
  const report = mergeLayers(curated, layers);
  const kb = await compileKb(report.entries, sha256);
  const matcher = buildMatcherData(kb, commonWordsFromWordnet(), englishWordsFromWordnet());
  return {
    kb,
    matcher,
    report,
    curated: curated.length,
    imported: Object.fromEntries(layers.map((l) => [l[0]?.layer ?? 'empty', l.length])),
  };
}
