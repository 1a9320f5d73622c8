import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutputDir, writeFileAtomic, writeFolderAtomic } from '../../src/core/output-dir.js';
import { Rng } from '../../src/core/rng.js';

const FILES = ['report.html', 'metadata.json', 'manifest.json', 'config.json', 'model.csv', 'agents.csv'];

/** Name → SHA-256 of every file in a folder: two folders are the same run's output only if these are equal. */
function fingerprint(dir: string): Record<string, string> {
  const names = readdirSync(dir).sort();
  for (const f of FILES) expect(names, `${f} in ${dir}`).toContain(f);
  return Object.fromEntries(
    names.map((n) => [
      n,
      createHash('sha256')
        .update(readFileSync(path.join(dir, n)))
        .digest('hex'),
    ]),
  );
}

function simulate(out: string, seed: number) {
  const child = spawn(
    process.execPath,
    [
      'bin/omega.mjs',
      'simulate',
      '--config',
      'configs/small.yaml',
      '--steps',
      '400',
      '--seed',
      String(seed),
      '--no-checks',
      '--no-progress',
      '--json',
      '--out',
      out,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The names beside the folder and the names, sizes and times of the files in it. */
function snapshot(parent: string, dir: string): string {
  const inside = existsSync(dir)
    ? readdirSync(dir).map((n) => {
        const st = statSync(path.join(dir, n));
        return `${n}:${st.size}:${st.mtimeMs}`;
      })
    : [];
  return JSON.stringify([readdirSync(parent), inside]);
}

describe('report folders are written as a whole', () => {
  it('kill -9 at random moments leaves the old complete folder or the new one, never a mix, and nothing stray', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'omega-kill-'));
    const out = path.join(parent, 'run');
    // same config and seed give the same bytes, so each seed's complete folder has one fingerprint
    const reference = path.join(mkdtempSync(path.join(tmpdir(), 'omega-kill-ref-')), 'run');
    const [a, b] = [simulate(out, 1), simulate(reference, 2)];
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const complete: Record<number, string> = { 1: JSON.stringify(fingerprint(out)), 2: JSON.stringify(fingerprint(reference)) };
    expect(complete[1]).not.toBe(complete[2]);
    let current = 1;
    // The moments are drawn from a seeded stream; wherever the kill lands, the assertions must hold, so the
    // outcome does not depend on timing (only which path is exercised does). Half the kills land just after
    // the first sign of writing, half anywhere in the run.
    const rng = Rng.derive(15, 'kill-moments');
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const seed = current === 1 ? 2 : 1;
      const run = simulate(out, seed);
      let done = false;
      void run.exited.then(() => (done = true));
      if (i % 2 === 0) {
        // the first sign of writing, whatever the mechanism: a new entry beside the folder or a file in it changed
        const before = snapshot(parent, out);
        while (!done && snapshot(parent, out) === before) await pause(1);
        await pause(Math.floor(rng.float() * 30));
      } else {
        await pause(Math.floor(rng.float() * 2500));
      }
      run.child.kill('SIGKILL');
      const code = await run.exited;
      recoverOutputDir(out); // what every command does before it writes there
      const seen = JSON.stringify(fingerprint(out));
      expect([complete[current], complete[seed]], `after kill ${i + 1} the folder is one run's complete output`).toContain(seen);
      const now = seen === complete[seed] ? seed : current;
      outcomes.push(code === 0 ? 'finished' : now === seed ? 'killed after the swap' : 'killed, old folder kept');
      current = now;
      expect(readdirSync(parent), 'no staging, previous or .tmp leftovers beside it').toEqual(['run']);
    }
    // the runs exercised at least one kill that kept the old folder
    expect(outcomes).toContain('killed, old folder kept');
  }, 180_000);

  it('puts back a folder caught between the two renames of a swap, and removes what dead writers left', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'omega-recover-'));
    const out = path.join(parent, 'run');
    const deadPid = 2 ** 22 + 12_345; // above Linux's largest pid_max, so no process has it
    // the state a kill between `rename(run → .run.previous-PID)` and `rename(staging → run)` leaves
    const previous = path.join(parent, `.run.previous-${deadPid}`);
    const staging = path.join(parent, `.run.staging-${deadPid}-abcd1234`);
    mkdirSync(previous);
    writeFileSync(path.join(previous, 'a.txt'), 'old');
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'a.txt'), 'new');
    // and the empty folder checkOutputDir's write probe leaves when the kill lands between its mkdir and rmdir
    mkdirSync(path.join(parent, `.run.staging-${deadPid}-probe`));
    // a live writer's staging folder (this process) is left alone
    const live = path.join(parent, `.run.staging-${process.pid}-00000000`);
    mkdirSync(live);
    recoverOutputDir(out);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(parent).sort()).toEqual([path.basename(live), 'run'].sort());
    // once the folder exists, a dead writer's previous copy is just removed
    mkdirSync(previous);
    recoverOutputDir(out);
    expect(readdirSync(parent).sort()).toEqual([path.basename(live), 'run'].sort());
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('old');
  });

  it('leaves the old folder untouched when writing the new one fails', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'omega-fail-'));
    const out = path.join(parent, 'run');
    await writeFolderAtomic(out, (stage) => writeFileSync(path.join(stage, 'a.txt'), 'old'));
    await expect(
      writeFolderAtomic(out, (stage) => {
        writeFileSync(path.join(stage, 'a.txt'), 'new');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['run']);
    expect(existsSync(path.join(out, 'a.txt'))).toBe(true);
  });

  it('writes a single file through a hidden partial sibling and removes partial files of dead writers', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'omega-file-'));
    const deadPid = 2 ** 22 + 54_321;
    writeFileSync(path.join(parent, `.odd.md.${deadPid}.partial`), 'half a docu');
    writeFileAtomic(path.join(parent, 'odd.md'), 'whole');
    expect(readdirSync(parent)).toEqual(['odd.md']);
    expect(readFileSync(path.join(parent, 'odd.md'), 'utf8')).toBe('whole');
  });
});
