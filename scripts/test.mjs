#!/usr/bin/env node
// `npm test`: vitest and the checks (type checks, lint, format: scripts/checks.mjs) run at the same time. Most of a
// vitest run waits on child processes (kernels, Chromium, Redis, CLI runs) and leaves a core idle now and then; the
// checks fill it instead of taking their own ≈ 40 s before vitest starts. Vitest's output streams as usual; the
// checks' output is printed whole after it, then one line naming what failed. The exit code is non-zero when vitest
// or any check failed. Arguments go to `vitest run` (e.g. `npm test -- test/cli`). Node built-ins only.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportChecks, runChecks } from './checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checks = runChecks();
const vitest = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const vitestCode = await new Promise((resolve) => {
  vitest.on('error', (e) => {
    console.error(`could not start vitest: ${e.message}`);
    resolve(1);
  });
  vitest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const failed = reportChecks(await checks);
if (vitestCode !== 0) console.error(`failed: vitest run (exit ${vitestCode})`);
process.exit(vitestCode !== 0 || failed.length > 0 ? 1 : 0);
