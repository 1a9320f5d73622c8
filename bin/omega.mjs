#!/usr/bin/env node
// The `omega` command. Runs the TypeScript sources directly through tsx (no build step).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// `omega simulate | head -1`: the reader went away, so there is nobody left to tell; end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.env.OMEGA_ROOT ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
