#!/usr/bin/env node
// `npm run notebooks [-- [-p NAME=VALUE]… names…]`: execute notebooks/*.ipynb under the project kernel and write
// reports/notebooks/<name>.html. Fails, naming the notebook, the cell and the kernel's stderr, when a cell errs.
// `-p` replaces a size declared in a notebook's "parameters" cell (see scripts/nbrun.py). Node built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const sizes = args.flatMap((a, i) => (a === '-p' && args[i + 1] !== undefined ? ['-p', args[i + 1]] : []));
const named = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-p');
const notebooks =
  named.length > 0
    ? named
    : readdirSync(path.join(root, 'notebooks'))
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => path.join('notebooks', f));
if (!existsSync('/usr/bin/python3')) {
  console.error('Debian python3 is missing; run: sudo sh scripts/install-jupyter.sh');
  process.exit(1);
}
const env = {
  ...process.env,
  JUPYTER_PATH: [path.join(root, 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};
const res = spawnSync(
  '/usr/bin/python3',
  [
    path.join(root, 'scripts', 'nbrun.py'),
    '--html',
    path.join(root, 'reports', 'notebooks'),
    ...(json ? ['--json'] : []),
    ...sizes,
    ...notebooks,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
if (res.error) {
  console.error(`could not start the notebook runner: ${res.error.message}`);
  process.exit(1);
}
if (res.status === 0 && !json) console.log(`HTML written to ${path.join('reports', 'notebooks')}/`);
process.exit(res.status ?? 1);
