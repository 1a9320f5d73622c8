#!/usr/bin/env node
// The `omega` command. Runs the TypeScript sources directly through tsx (no build step).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

process.env.OMEGA_ROOT ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
