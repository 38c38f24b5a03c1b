/**
 * `npm run bench`: Backstory's performance figures, each with a baseline measured in the same
 * run. Needs the build (`npm run build`). Prints figures; asserts nothing.
 */
import { benchDetect } from './detect';
import { benchKb } from './kb';
import { benchReading } from './reading';

console.log(`# Backstory benchmarks — ${new Date().toISOString()}, Node ${process.version}`);
const only = process.argv[2];
if (!only || only === 'detect') await benchDetect();
if (!only || only === 'kb') await benchKb();
if (!only || only === 'reading') await benchReading();
