import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  error: { cell: number | null; source: string; stderr: string } | null;
}

/** Execute one notebook with the project's runner (scripts/nbrun.py) under the project kernel. */
export function runNotebook(file: string, htmlDir = path.join('reports', 'notebooks')): NotebookResult {
  const root = process.cwd();
  const env = { ...process.env, JUPYTER_PATH: path.join(root, 'jupyter'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  const res = spawnSync('/usr/bin/python3', ['scripts/nbrun.py', '--json', '--html', htmlDir, file], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (res.error) throw new Error(`cannot start the notebook runner (/usr/bin/python3): ${res.error.message}. Install Jupyter: sudo sh scripts/install-jupyter.sh`);
  const line = res.stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{')) throw new Error(`notebook runner printed no result for ${file}.\nstdout: ${res.stdout}\nstderr: ${res.stderr}`);
  return JSON.parse(line) as NotebookResult;
}

/** A readable failure message: notebook, cell index and the kernel's stderr. */
export function describeFailure(r: NotebookResult): string {
  if (r.ok || r.error === null) return `${r.notebook}: ok`;
  return `${r.notebook}: cell ${r.error.cell ?? '?'} failed\n--- source ---\n${r.error.source}\n--- kernel stderr ---\n${r.error.stderr}`;
}

/** Same as {@link runNotebook}, without blocking: several kernels can run at once. */
export function runNotebookAsync(file: string, htmlDir = path.join('reports', 'notebooks')): Promise<NotebookResult> {
  const root = process.cwd();
  const env = { ...process.env, JUPYTER_PATH: path.join(root, 'jupyter'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['scripts/nbrun.py', '--json', '--html', htmlDir, file], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot start the notebook runner (/usr/bin/python3): ${e.message}. Install Jupyter: sudo sh scripts/install-jupyter.sh`)));
    child.on('close', () => {
      const line = out.trim().split('\n').at(-1);
      if (!line?.startsWith('{')) reject(new Error(`notebook runner printed no result for ${file}.\nstdout: ${out}\nstderr: ${err}`));
      else resolve(JSON.parse(line) as NotebookResult);
    });
  });
}
