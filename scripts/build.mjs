#!/usr/bin/env node
// `npm run build`: compile src to build/<source hash>/ for worker threads (skipped when that tree exists).
// ensure-deps runs it before `npm start`, `npm test` and `npm run bench`, so a fresh clone works.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

process.env.OMEGA_ROOT ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
const { ensureBuild } = await import('../src/experiments/compiled.ts');
try {
  const dir = ensureBuild({ log: (s) => process.stderr.write(`${s}\n`) });
  if (process.argv.includes('--print')) process.stdout.write(`${dir}\n`);
} catch (e) {
  process.stderr.write(`build: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
