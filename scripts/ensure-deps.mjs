#!/usr/bin/env node
// Pre-step of `npm start` / `npm test` (Node built-ins only, because it runs before node_modules exists):
//  1. runs `npm ci` when node_modules is missing or older than package-lock.json;
//  2. compiles src to build/<hash>/ for worker threads when the sources changed (scripts/build.mjs);
//  3. with --system, makes sure the system packages the tests need (Jupyter, Chromium) are present,
//     installing them with scripts/install-system-deps.sh when it can (root or sudo + apt), and
//     otherwise stopping with the exact command to run. It never lets tests skip them silently.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.error) return { ok: false, message: res.error.message };
  return { ok: res.status === 0, message: `exit code ${res.status}` };
}

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error(existsSync(installed) ? 'package-lock.json changed: running npm ci …' : 'node_modules is missing: running npm ci …');
  const r = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
  if (!r.ok) {
    console.error(`npm ci failed (${r.message}). Fix the error above, then run npm ci yourself.`);
    process.exit(1);
  }
}

{
  const r = run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  if (!r.ok) {
    console.error(`compiling src for worker threads failed (${r.message}). Run npm run build to see why.`);
    process.exit(1);
  }
}

if (process.argv.includes('--system')) {
  const hasJupyter =
    spawnSync('/usr/bin/python3', ['-c', 'import nbclient, nbformat, nbconvert, jupyter_client'], { stdio: 'ignore' }).status === 0;
  const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasJupyter || !hasChromium || !hasRedis) {
    const groups = [...(hasJupyter ? [] : ['jupyter']), ...(hasChromium ? [] : ['chromium']), ...(hasRedis ? [] : ['redis'])];
    console.error(
      `the tests need ${groups.join(' and ')} (notebooks run under a real kernel; reports are checked in a real browser; sweeps run on BullMQ workers over a real redis-server): installing …`,
    );
    const r = run('sh', [path.join(root, 'scripts', 'install-system-deps.sh'), ...groups]);
    if (!r.ok) {
      console.error(
        `could not install ${groups.join(' and ')} (${r.message}). Run as root:\n  sudo sh scripts/install-system-deps.sh ${groups.join(' ')}\nthen run npm test again.`,
      );
      process.exit(1);
    }
  }
}
