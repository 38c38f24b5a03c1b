/** Rewrites every data/kb/*.yaml file into canonical form (`npm run kb:format`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { curatedFiles, formatCurated } from './kb/curated';

let changed = 0;
for (const file of curatedFiles('data/kb')) {
  const text = readFileSync(file, 'utf8');
  const formatted = formatCurated(text);
  if (formatted !== text) {
    writeFileSync(file, formatted);
    changed++;
    console.log(`formatted ${file}`);
  }
}
console.log(changed ? `${changed} file(s) rewritten` : 'all curated files are canonical');
