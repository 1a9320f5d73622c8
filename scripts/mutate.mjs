#!/usr/bin/env node
// `npm run mutate [-- folder…]`: Stryker mutation testing, one folder of MUTATION_SCOPE at a time.
// Each folder keeps its own incremental file and reports under reports/mutation/<folder>/, so re-running one
// folder re-tests only the mutants whose code or tests changed and never discards another folder's results.
// Not part of `npm test` or CI: a full first run takes tens of minutes on 2 cores.
import { readFileSync, existsSync } from 'node:fs';
import Stryker from '@stryker-mutator/core';
import { MUTATION_SCOPE } from '../stryker.config.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
// --concurrency N: fewer test-runner processes than the config's 2, e.g. while another run shares the machine
const concurrencyAt = args.indexOf('--concurrency');
const concurrency = concurrencyAt >= 0 ? Number(args[concurrencyAt + 1]) : undefined;
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
  console.error(`mutate: --concurrency needs a whole number ≥ 1, got ${args[concurrencyAt + 1]}`);
  process.exit(2);
}
const folders = args.filter((a, i) => !a.startsWith('--') && !(concurrencyAt >= 0 && i === concurrencyAt + 1));
const unknown = folders.filter((f) => !(f in MUTATION_SCOPE));
if (unknown.length > 0) {
  console.error(`mutate: unknown folder ${unknown.join(', ')}; choose from ${Object.keys(MUTATION_SCOPE).join(', ')}`);
  process.exit(2);
}
const chosen = folders.length > 0 ? folders : Object.keys(MUTATION_SCOPE);

/** Mutation score as Stryker defines it: detected / (detected + undetected), ignoring compile errors. */
function scoreOf(results) {
  const count = (statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const detected = count(['Killed', 'Timeout']);
  const undetected = count(['Survived', 'NoCoverage']);
  return { detected, undetected, score: detected + undetected === 0 ? NaN : (100 * detected) / (detected + undetected) };
}

/** The results of a folder's last run, read from its JSON report (mutation-testing-report-schema). */
function lastResults(folder) {
  const file = `reports/mutation/${folder}/mutation.json`;
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return Object.values(report.files).flatMap((f) => f.mutants);
}

for (const folder of chosen) {
  console.log(`\n=== mutate ${folder}: ${MUTATION_SCOPE[folder].join(' ')}`);
  // read by vitest.mutate.config.ts in Stryker's test-runner processes: run this folder's unit tests only
  process.env.MUTATION_FOLDER = folder;
  const stryker = new Stryker({
    configFile: 'stryker.config.mjs',
    mutate: MUTATION_SCOPE[folder],
    incremental: !full,
    force: full,
    ...(concurrency === undefined ? {} : { concurrency }),
    incrementalFile: `reports/mutation/${folder}/incremental.json`,
    // a sandbox folder per mutated folder, so two runs (different folders) can share the clone
    tempDirName: `.stryker-tmp/${folder}`,
    htmlReporter: { fileName: `reports/mutation/${folder}/index.html` },
    jsonReporter: { fileName: `reports/mutation/${folder}/mutation.json` },
  });
  await stryker.runMutationTest();
}

// Summary over every folder that has a report (including ones not run now), so the overall score is visible.
console.log('\nfolder        killed+timeout  survived+no-coverage  score');
let all = [];
for (const folder of Object.keys(MUTATION_SCOPE)) {
  const results = lastResults(folder);
  if (!results) {
    console.log(`${folder.padEnd(14)}(not run)`);
    continue;
  }
  all = all.concat(results);
  const s = scoreOf(results);
  console.log(`${folder.padEnd(14)}${String(s.detected).padStart(14)}  ${String(s.undetected).padStart(20)}  ${s.score.toFixed(2)} %`);
}
const total = scoreOf(all);
console.log(
  `${'all'.padEnd(14)}${String(total.detected).padStart(14)}  ${String(total.undetected).padStart(20)}  ${total.score.toFixed(2)} %`,
);
