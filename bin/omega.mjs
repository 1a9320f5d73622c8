#!/usr/bin/env node
// The `omega` command. Runs src compiled to JavaScript (build/<source hash>/, made by `npm run build` and by the
// pre-steps of `npm start`, `npm test` and `npm run bench`) when that build matches the sources; otherwise the
// TypeScript sources directly through tsx. Compiled, a command starts in about half the CPU time, which the test
// suite's hundreds of child processes feel; after an edit to src the sources run until the next build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `omega simulate | head -1`: the reader went away, so there is nobody left to tell; end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.OMEGA_ROOT ??= root;

/**
 * The compiled tree of the current sources, or undefined. The newest tree's own `sourceHash` (the function that
 * named it) hashes src now; the tree named by that hash is current. OMEGA_FROM_SOURCE=1 skips compiled code.
 */
async function currentBuild() {
  if (process.env.OMEGA_FROM_SOURCE === '1') return undefined;
  const buildRoot = path.join(root, 'build');
  if (!existsSync(buildRoot)) return undefined;
  const trees = readdirSync(buildRoot)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && existsSync(path.join(buildRoot, name, 'cli', 'main.js')))
    .map((name) => ({ name, mtime: statSync(path.join(buildRoot, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  if (trees.length === 0) return undefined;
  const hasher = path.join(buildRoot, trees[0].name, 'experiments', 'compiled.js');
  if (!existsSync(hasher)) return undefined;
  const { sourceHash } = await import(pathToFileURL(hasher).href);
  const dir = path.join(buildRoot, sourceHash(root).slice(0, 16));
  return existsSync(path.join(dir, 'cli', 'main.js')) ? dir : undefined;
}

const compiled = await currentBuild();
let main;
if (compiled !== undefined) ({ main } = await import(pathToFileURL(path.join(compiled, 'cli', 'main.js')).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
