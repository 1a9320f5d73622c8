#!/usr/bin/env node
// The checks `npm test` runs beside vitest — type checks, lint, format — started together: each is one
// single-threaded process for most of its run, so on two cores they overlap (≈ 44 s one after another on an idle
// machine). Each check's output is kept whole and printed in a fixed order, so logs never interleave; the exit code
// is non-zero when any check failed, and the failed ones are named. `node scripts/checks.mjs` runs them alone;
// scripts/test.mjs runs them while vitest runs. Node built-ins only.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CHECKS = ['typecheck', 'lint', 'format:check'];

function run(script) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(npm, ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => chunks.push({ to: process.stdout, c }));
    child.stderr.on('data', (c) => chunks.push({ to: process.stderr, c }));
    child.on('error', (e) =>
      resolve({ script, code: 1, chunks: [{ to: process.stderr, c: `could not start npm run ${script}: ${e.message}\n` }] }),
    );
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), chunks }));
  });
}

/** Starts every check at once; resolves, once all have ended, to their results (output kept, not yet printed). */
export async function runChecks() {
  const started = Date.now();
  const results = await Promise.all(CHECKS.map(run));
  return { results, seconds: (Date.now() - started) / 1000 };
}

/** Prints each check's output whole, in a fixed order, then one line naming the failed ones; returns their names. */
export function reportChecks({ results, seconds }) {
  for (const r of results) for (const { to, c } of r.chunks) to.write(c);
  const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
  if (failed.length > 0) console.error(`failed: ${failed.map((s) => `npm run ${s}`).join(', ')}`);
  else console.log(`checks passed: ${CHECKS.map((s) => `npm run ${s}`).join(', ')} (${seconds.toFixed(1)} s)`);
  return failed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (reportChecks(await runChecks()).length > 0) process.exit(1);
}
