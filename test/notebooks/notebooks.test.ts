import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, runNotebook, runNotebookAsync } from './run-notebook.js';

const notebooks = readdirSync('notebooks')
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => path.join('notebooks', f));

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[] };
  outputs?: unknown[];
  execution_count?: number | null;
}

/**
 * Smaller sizes for the heavy notebooks, injected after their "parameters" cell (scripts/nbrun.py -p, papermill's
 * convention). This test proves that every cell runs under the real kernel without an error; the statistics need the
 * full sizes, which `npm run notebooks` uses. Each notebook prints the sizes its results came from, and the test
 * reads them back, so an injected size that did not reach the computation fails. The floors: the stylized-facts
 * suite needs 2 seeds; everything else runs with its smallest meaningful size.
 */
const SIZES: Record<string, { parameters: Record<string, number>; printed: RegExp[] }> = {
  '02-stylized-facts.ipynb': {
    parameters: { validationSeeds: 2, powerReplications: 2, biasSeeds: 1 },
    printed: [/^2 seeds, 72 games, /m, /^2 replications of 1080 games each$/m, /^fan stake 0\.02: 1 paired seeds, 36 games$/m],
  },
  '05-odd-protocol.ipynb': { parameters: { oddSeeds: 2 }, printed: [/^2 seasons of \d+ steps$/m] },
  '06-experiments.ipynb': { parameters: { replicationRuns: 3, sobolBasePoints: 8 }, printed: [/^3 runs$/m, /^Sobol: N = 8 base points, 32 runs$/m] },
};

const readNotebook = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { metadata: { kernelspec: { name: string } }; cells: Cell[] };

describe('notebooks/ (executed under the project tslab kernel)', () => {
  // Every kernel checks and compiles src with tslab before its first cell; done once here, the concurrent kernels
  // below reuse it from build/tslab-cache/ (jupyter/kernels/tslab/compile-cache.cjs) instead of all redoing it at once.
  beforeAll(() => {
    const warm = spawnSync(process.execPath, ['jupyter/kernels/tslab/warm.cjs'], { encoding: 'utf8' });
    expect(warm.status, warm.stderr).toBe(0);
  }, 600_000);

  it('has the notebooks the README promises', () => {
    expect(notebooks).toContain(path.join('notebooks', '00-market-core.ipynb'));
  });

  it.each(notebooks)('%s is committed without outputs and uses the project kernel', (file) => {
    const nb = readNotebook(file);
    expect(nb.metadata.kernelspec.name).toBe('tslab');
    for (const c of nb.cells.filter((c) => c.cell_type === 'code')) {
      expect(c.outputs ?? []).toEqual([]);
      expect(c.execution_count ?? null).toBeNull();
    }
  });

  it.each(Object.keys(SIZES))('%s declares the sizes the test injects in one "parameters" cell, at larger values', (name) => {
    const params = readNotebook(path.join('notebooks', name)).cells.filter((c) => c.metadata?.tags?.includes('parameters'));
    expect(params).toHaveLength(1);
    const source = ([] as string[]).concat(params[0]!.source).join('');
    for (const [key, small] of Object.entries(SIZES[name]!.parameters)) {
      const full = Number(new RegExp(`^const ${key} = (\\d+);`, 'm').exec(source)?.[1]);
      expect(full, key).toBeGreaterThan(small);
    }
  });

  // kernels run concurrently (each is its own process); two cores keep two busy
  // 15 minutes is a hang guard, not a speed claim (notebooks took over 5 minutes at a load average of 18)
  it.concurrent.each(notebooks)('%s executes every cell without an error', async (file) => {
    const sizes = SIZES[path.basename(file)];
    const r = await runNotebookAsync(file, { parameters: sizes?.parameters });
    expect(r.ok, describeFailure(r)).toBe(true);
    expect(r.parameters).toEqual(sizes?.parameters ?? {});
    for (const line of sizes?.printed ?? []) expect(r.stdout).toMatch(line);
  }, 900_000);
});

describe('the notebook runner catches tslab errors (which appear only on stderr)', () => {
  const fixtures = path.join('test', 'notebooks', 'fixtures');
  const out = { htmlDir: path.join('build', 'notebook-fixtures') };

  it('fails a runtime error, naming the cell index and the kernel stderr', () => {
    const r = runNotebook(path.join(fixtures, 'fails-on-purpose.ipynb'), out);
    expect(r.ok).toBe(false);
    expect(r.error?.cell).toBe(3);
    expect(r.error?.source).toContain("throw new Error('deliberate failure");
    expect(r.error?.stderr).toContain('Error: deliberate failure for the runner test');
    expect(describeFailure(r)).toMatch(/fails-on-purpose\.ipynb: cell 3 failed/);
  });

  it('fails a TypeScript type error at compile time', () => {
    const r = runNotebook(path.join(fixtures, 'type-error.ipynb'), out);
    expect(r.ok).toBe(false);
    expect(r.error?.cell).toBe(2);
    expect(r.error?.stderr).toContain("Type 'string' is not assignable to type 'number'");
  });

  it('refuses a size the notebook does not declare, before any kernel starts (exit 2, naming the declared ones)', () => {
    const nb = path.join('notebooks', '06-experiments.ipynb');
    const res = spawnSync('/usr/bin/python3', ['scripts/nbrun.py', '--json', '-p', 'replicationRun=3', nb], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`${nb}: -p replicationRun: not declared in the parameters cell (it declares: replicationRuns, sobolBasePoints)`);
    const none = spawnSync('/usr/bin/python3', ['scripts/nbrun.py', '-p', 'seeds=3', path.join(fixtures, 'type-error.ipynb')], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('-p needs exactly one code cell tagged "parameters", found 0');
  });
});
