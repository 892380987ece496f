/**
 * CPU time of the claims check and of all checks on generated 1,000- and 10,000-word pairs, for a loaded machine where wall
 * time says little (vitest bench reports wall time):
 *   node_modules/.bin/rolldown bench/claims-cpu.ts --platform node --format esm -o .bench/claims-cpu.mjs && node .bench/claims-cpu.mjs
 */
import { checkClaims } from '../src/checks/claims';
import { runChecks } from '../src/checks/index';
import { checkFacts } from '../src/checks/facts';
import { checkOriginality } from '../src/checks/originality';
import { pair } from './pairs';
const time = (label: string, fn: () => void): void => {
  for (let k = 0; k < 5; k++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let k = 0; k < 20; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  console.log(`${label}: wall min ${wall[0]!.toFixed(1)} ms, median ${wall[10]!.toFixed(1)} ms; cpu median ${cpu[10]!.toFixed(1)} ms`);
};
for (const size of [1_000, 10_000]) {
  const p = pair(size, size);
  const rw = `${p.headline}\n\n${p.body}`;
  console.log(`source ${p.source.split(/\s+/).length} words, rewrite ${rw.split(/\s+/).length} words`);
  time('checkClaims', () => checkClaims(p.source, rw, { source: 'en', rewrite: 'en' }));
  time('runChecks (all, claims included)', () => runChecks(p));
  time('checkFacts + checkOriginality (no claims)', () => {
    checkFacts(p.source, rw);
    checkOriginality(p.source, rw);
  });
}
