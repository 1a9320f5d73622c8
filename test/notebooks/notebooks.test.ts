import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, runNotebook, runNotebookAsync } from './run-notebook.js';

const notebooks = readdirSync('notebooks')
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => path.join('notebooks', f));

interface Cell {
  cell_type: string;
  outputs?: unknown[];
  execution_count?: number | null;
}

describe('notebooks/ (executed under the project tslab kernel)', () => {
  it('has the notebooks the README promises', () => {
    expect(notebooks).toContain(path.join('notebooks', '00-market-core.ipynb'));
  });

  it.each(notebooks)('%s is committed without outputs and uses the project kernel', (file) => {
    const nb = JSON.parse(readFileSync(file, 'utf8')) as { metadata: { kernelspec: { name: string } }; cells: Cell[] };
    expect(nb.metadata.kernelspec.name).toBe('tslab');
    for (const c of nb.cells.filter((c) => c.cell_type === 'code')) {
      expect(c.outputs ?? []).toEqual([]);
      expect(c.execution_count ?? null).toBeNull();
    }
  });

  // kernels run concurrently (each is its own process); two cores keep two busy
  // 15 minutes is a hang guard, not a speed claim: notebook 02 runs the 30-seed validation, the power analysis and
  // the fans' pairing (about 3 CPU-minutes), and took over 5 minutes at a load average of 18
  it.concurrent.each(notebooks)('%s executes every cell without an error', async (file) => {
    const r = await runNotebookAsync(file);
    expect(r.ok, describeFailure(r)).toBe(true);
  }, 900_000);
});

describe('the notebook runner catches tslab errors (which appear only on stderr)', () => {
  const fixtures = path.join('test', 'notebooks', 'fixtures');
  const out = path.join('build', 'notebook-fixtures');

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
});
