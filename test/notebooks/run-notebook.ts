import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  error: { cell: number | null; source: string; stderr: string } | null;
  /** The sizes injected after the notebook's "parameters" cell (`nbrun.py -p`). */
  parameters: Record<string, number | string | boolean>;
  /** Everything the notebook's cells printed on stdout. */
  stdout: string;
}

export interface RunOptions {
  /** Where the executed notebook's HTML goes (default: build/notebook-runs, so `npm run notebooks`' reports stay untouched). */
  htmlDir?: string;
  /** Sizes to inject after the notebook's "parameters" cell (scripts/nbrun.py -p NAME=VALUE). */
  parameters?: Record<string, number | string | boolean>;
}

const MISSING = 'Install Jupyter: sudo sh scripts/install-jupyter.sh';

function runnerArgs(file: string, options: RunOptions): string[] {
  const params = Object.entries(options.parameters ?? {}).flatMap(([k, v]) => ['-p', `${k}=${JSON.stringify(v)}`]);
  return ['scripts/nbrun.py', '--json', '--html', options.htmlDir ?? path.join('build', 'notebook-runs'), ...params, file];
}

function runnerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH: path.join(process.cwd(), 'jupyter'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
}

function parseResult(file: string, stdout: string, stderr: string): NotebookResult {
  const line = stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{')) throw new Error(`notebook runner printed no result for ${file}.\nstdout: ${stdout}\nstderr: ${stderr}`);
  return JSON.parse(line) as NotebookResult;
}

/** Execute one notebook with the project's runner (scripts/nbrun.py) under the project kernel. */
export function runNotebook(file: string, options: RunOptions = {}): NotebookResult {
  const res = spawnSync('/usr/bin/python3', runnerArgs(file, options), { cwd: process.cwd(), env: runnerEnv(), encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (res.error) throw new Error(`cannot start the notebook runner (/usr/bin/python3): ${res.error.message}. ${MISSING}`);
  return parseResult(file, res.stdout, res.stderr);
}

/** A readable failure message: notebook, cell index and the kernel's stderr. */
export function describeFailure(r: NotebookResult): string {
  if (r.ok || r.error === null) return `${r.notebook}: ok`;
  return `${r.notebook}: cell ${r.error.cell ?? '?'} failed\n--- source ---\n${r.error.source}\n--- kernel stderr ---\n${r.error.stderr}`;
}

/** Same as {@link runNotebook}, without blocking: several kernels can run at once. */
export function runNotebookAsync(file: string, options: RunOptions = {}): Promise<NotebookResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', runnerArgs(file, options), { cwd: process.cwd(), env: runnerEnv() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot start the notebook runner (/usr/bin/python3): ${e.message}. ${MISSING}`)));
    child.on('close', () => {
      try {
        resolve(parseResult(file, out, err));
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}
