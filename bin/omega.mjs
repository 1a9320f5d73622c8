#!/usr/bin/env node
// The `omega` command. Runs src compiled to JavaScript (build/<source hash>/, made by `npm run build` and by the
// pre-steps of `npm start`, `npm test` and `npm run bench`) when that build matches the sources; otherwise the
// TypeScript sources directly through tsx. Compiled, a command starts in about half the CPU time, which scripts and
// the test suite's many child processes feel; after an edit to src the sources run until the next build.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBuild } from './current-build.mjs';

// `omega simulate | head -1`: the reader went away, so there is nobody left to tell; end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.OMEGA_ROOT ??= root;

const compiled = process.env.OMEGA_FROM_SOURCE === '1' ? undefined : await currentBuild(root);
let main;
if (compiled !== undefined) ({ main } = await import(pathToFileURL(path.join(compiled, 'cli', 'main.js')).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
