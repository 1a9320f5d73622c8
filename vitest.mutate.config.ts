import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The test files `npm run mutate` runs (Stryker's vitest runner). scripts/mutate.mjs sets MUTATION_TESTS to the
 * unit tests of the folder being mutated, so each folder's score says how well its own tests catch one-line
 * bugs. Without it every test that imports the folder would run: 139 tests and 78 s per mutant for src/stats,
 * most of them computing in beforeAll, where Stryker cannot tell which test covers a mutant ("static" mutants
 * then run the whole set). Notebook, browser, CLI and Redis tests never run here.
 */
export const MUTATION_TESTS: Record<string, string[]> = {
  market: ['test/market/**/*.test.ts'],
  book: ['test/market/**/*.test.ts'],
  trading: ['test/trading/**/*.test.ts'],
  stats: ['test/stats/**/*.test.ts'],
  backtest: ['test/backtest/**/*.test.ts'],
  odd: ['test/odd/**/*.test.ts'],
  sensitivity: ['test/experiments/sensitivity*.test.ts'],
};

const folder = process.env.MUTATION_FOLDER;
if (folder !== undefined && !(folder in MUTATION_TESTS))
  throw new Error(`MUTATION_FOLDER=${folder} is not one of ${Object.keys(MUTATION_TESTS).join(', ')}`);
const include = folder === undefined ? Object.values(MUTATION_TESTS).flat() : MUTATION_TESTS[folder]!;

// spread, not mergeConfig: mergeConfig concatenates arrays, which would keep the base config's test/**/*.test.ts
// one file at a time and vitest's own order: Stryker runs its own test-runner processes side by side
export default defineConfig({ ...base, test: { ...base.test, include, maxWorkers: 1, sequence: {} } });
