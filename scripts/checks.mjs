#!/usr/bin/env node
// The checks `npm test` runs before vitest — type checks, lint, format — started together: each is one
// single-threaded process for most of its run, so on two cores they overlap (≈ 44 s one after another on an idle
// machine). Each check's output is printed whole when it ends, in a fixed order, so logs never interleave; the
// exit code is non-zero when any check failed, and the failed ones are named. Node built-ins only.
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

const results = await Promise.all(CHECKS.map(run));
for (const r of results) for (const { to, c } of r.chunks) to.write(c);
const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length > 0) {
  console.error(`failed: ${failed.map((s) => `npm run ${s}`).join(', ')}`);
  process.exit(1);
}
