import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';

/** Bad inputs to `omega sweep` around checkpoints and parameters: one clear error, exit code 2, nothing lost. */
const tmp = () => mkdtempSync(path.join(tmpdir(), 'omega-sweep-in-'));
const base = path.join(tmp(), 'base.json');
writeFileSync(
  base,
  JSON.stringify({
    steps: 150,
    agents: {
      noise: { count: 12 },
      informed: { count: 5 },
      arbitrageur: { count: 2 },
      marketMaker: { count: 2 },
      homer: { count: 4 },
      llm: { count: 0 },
    },
  }),
);
const ARGS = [
  'sweep',
  '--config',
  base,
  '--design',
  'factorial',
  '--runs',
  '4',
  '--param',
  'agents.informed.count=2:12',
  '--workers',
  '1',
  '--no-progress',
];
/** The sweep in this process (main() returns the exit code bin/omega.mjs would exit with): no process start per call. */
const sweep = async (extra: string[]) => {
  const r = await omegaInProcess([...ARGS, ...extra]);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};
/** The real bin/omega.mjs, for what only a separate process shows: a lock held by another live process, warnings. */
const sweepProcess = (extra: string[]) => spawnSync(process.execPath, ['bin/omega.mjs', ...ARGS, ...extra], { encoding: 'utf8' });
/** A fresh sweep's folder, run on first use and shared (read-only) by the tests that compare with it or copy its header. */
let freshRun: Promise<string> | undefined;
const fresh = () =>
  (freshRun ??= (async () => {
    const out = tmp();
    const r = await sweep(['--out', out]);
    expect(r.status, r.stderr).toBe(0);
    return out;
  })());
const SWEEP_FILES = ['runs.jsonl', 'results.csv', 'summary.csv'];

describe('omega sweep checkpoints', () => {
  it('a torn first line of runs.jsonl is one clear error naming the file, the line and the fix (exit 2)', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'runs.jsonl'), '{"experiment":"3f2a');
    const r = await sweep(['--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path.join(out, 'runs.jsonl')} line 1 is not a checkpoint header`);
    expect(r.stderr).toMatch(/delete .*runs\.jsonl to start this experiment over, or choose another --out folder/);
    expect(r.stderr).not.toMatch(/SyntaxError|\n\s+at /);
    expect(readFileSync(path.join(out, 'runs.jsonl'), 'utf8')).toBe('{"experiment":"3f2a'); // left as it was
    expect(existsSync(path.join(out, 'results.csv'))).toBe(false);
  });

  it('a line that is not a run of this experiment names its line (exit 2)', async () => {
    const out = tmp();
    const [header] = readFileSync(path.join(await fresh(), 'runs.jsonl'), 'utf8').split('\n');
    const file = path.join(out, 'runs.jsonl');
    writeFileSync(file, `${header}\n{"index":99,"metrics":{}}\n`);
    const r = await sweep(['--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('runs.jsonl line 2 is not a run of this experiment (index 99, expected 0…3)');
  });

  it('an empty runs.jsonl is no checkpoint at all: the sweep runs from the start', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'runs.jsonl'), '');
    const r = await sweep(['--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 4, resumed: 0 });
    expect(r.stderr).not.toContain('different experiment');
    const reference = await fresh();
    for (const f of SWEEP_FILES) expect(readFileSync(path.join(out, f), 'utf8'), f).toBe(readFileSync(path.join(reference, f), 'utf8'));
  });

  it('a torn last line only costs that run: the resumed sweep writes the same files as a fresh one', async () => {
    const reference = await fresh();
    const out = tmp();
    const text = readFileSync(path.join(reference, 'runs.jsonl'), 'utf8');
    writeFileSync(path.join(out, 'runs.jsonl'), text.slice(0, text.length - 40)); // header, three runs, a torn fourth
    const r = await sweep(['--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { resumed: number }).resumed).toBe(3);
    for (const f of SWEEP_FILES) expect(readFileSync(path.join(out, f), 'utf8'), f).toBe(readFileSync(path.join(reference, f), 'utf8'));
  });

  it('a second sweep on the same --out is refused while the first runs (exit 2); a stale lock of a dead process is taken over', async () => {
    // the lock a running sweep holds: this test process stands in for it (alive on this host)
    const out = tmp();
    const lock = path.join(out, 'runs.jsonl.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const second = sweepProcess(['--out', out]); // a process of its own: the lock's holder is another live process
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(
      `another experiment (process ${process.pid} on ${os.hostname()}, started 2026-01-01T00:00:00.000Z) is writing to ${out}`,
    );
    expect(second.stderr).toContain('wait for it to finish or choose another --out folder');
    expect(existsSync(path.join(out, 'runs.jsonl'))).toBe(false); // nothing started
    expect(readFileSync(lock, 'utf8')).toContain(String(process.pid)); // the holder's lock is untouched

    // a lock left by a process that no longer runs (kill -9) is stale
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const stale = tmp();
    writeFileSync(
      path.join(stale, 'runs.jsonl.lock'),
      JSON.stringify({ pid: Number(dead.stdout.trim()), host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }),
    );
    const r = await sweep(['--out', stale]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `removing the stale lock ${path.join(stale, 'runs.jsonl.lock')} of process ${dead.stdout.trim()}, which is no longer running`,
    );
    expect(existsSync(path.join(stale, 'runs.jsonl.lock'))).toBe(false); // released after the run
  });
});

describe('omega sweep parameters', () => {
  it('--param seed=… is refused with what to use instead (exit 2)', async () => {
    const r = await sweep(['--param', 'seed=0:10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--param seed cannot be swept');
    expect(r.stderr).toContain('use --seeds N');
  });

  it('a parameter given twice is refused instead of collapsing into one column (exit 2)', async () => {
    const r = await sweep(['--param', 'agents.informed.count=3:9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--param agents.informed.count is given more than once');
  });

  it('a bad --backend is one clear error (exit 2)', async () => {
    const r = await sweep(['--backend', 'http://127.0.0.1:6379']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--backend must be local, or redis://');
  });

  it('a sweep of 12 runs on 2 worker threads prints no MaxListenersExceededWarning', () => {
    const out = tmp();
    const r = sweepProcess(['--runs', '6', '--seeds', '2', '--workers', '2', '--out', out]); // a process of its own: its warnings go to its stderr
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    expect(readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(13);
  });
});
