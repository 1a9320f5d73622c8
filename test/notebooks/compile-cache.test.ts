import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The tslab compile cache (jupyter/kernels/tslab/compile-cache.cjs) must never hide a type error: it stores only
// clean verdicts, under a key made of every program file's text. Here the kernel's own start-up step (warm.cjs, what
// a kernel does before its first cell) runs in a scratch project of three small src files, so each run is one tslab
// compile of a tiny program (≈ 1.5 CPU-s), not of the whole src: filled by a clean run, then reused, then an edit in
// one file that breaks another file whose text did not change must be reported with that file and line.
const repo = process.cwd();
let root: string;
const cacheFiles = () => {
  const files: Record<string, number> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(root, p)] = statSync(p).mtimeMs;
    }
  };
  walk(path.join(root, 'build', 'tslab-cache'));
  return files;
};
const warm = () => spawnSync(process.execPath, [path.join(root, 'jupyter/kernels/tslab/warm.cjs')], { cwd: root, encoding: 'utf8' });
const write = (file: string, text: string) => writeFileSync(path.join(root, 'src', file), text);

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'omega-tslab-cache-'));
  mkdirSync(path.join(root, 'jupyter/kernels/tslab'), { recursive: true });
  for (const f of ['compile-cache.cjs', 'warm.cjs']) copyFileSync(path.join(repo, 'jupyter/kernels/tslab', f), path.join(root, 'jupyter/kernels/tslab', f));
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  mkdirSync(path.join(root, 'src'));
  write('quote.ts', 'export interface Quote {\n  price: number;\n}\n');
  write('mid.ts', "import type { Quote } from './quote.js';\nexport const mid = (q: Quote): number => q.price;\n");
  write('index.ts', "export { mid } from './mid.js';\n");
});

describe('tslab compile cache (jupyter/kernels/tslab/compile-cache.cjs)', () => {
  it('a clean start fills it, the next start reuses it writing nothing, and an edit that breaks an unchanged file is still reported', () => {
    const first = warm();
    expect(first.status, first.stderr).toBe(0);
    const filled = cacheFiles();
    const programs = Object.keys(filled).filter((f) => f.endsWith('clean.json'));
    expect(programs).toHaveLength(1);
    const clean = JSON.parse(readFileSync(path.join(root, programs[0]!), 'utf8')) as string[];
    expect(clean.map((f) => path.basename(f)).sort()).toEqual(['index.ts', 'mid.ts', 'quote.ts']);
    expect(Object.keys(filled).filter((f) => f.includes('/emit/'))).toHaveLength(3); // one emitted file per src file

    // a second kernel start finds every verdict and every emit: it writes nothing
    const second = warm();
    expect(second.status, second.stderr).toBe(0);
    expect(cacheFiles()).toEqual(filled);

    // quote.ts changes; mid.ts's text does not, but it no longer type-checks: its clean verdict must not be replayed
    write('quote.ts', 'export interface Quote {\n  price: string;\n}\n');
    const broken = warm();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("src/mid.ts 2:42 - Type 'string' is not assignable to type 'number'.");
    // a program with an error stores no verdict at all: the only verdicts are still the first program's
    expect(Object.keys(cacheFiles()).filter((f) => f.endsWith('clean.json'))).toEqual(programs);

    // the same error is reported on every start while it is there (an error is never cached)
    const again = warm();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('src/mid.ts 2:42');

    // fixed back: the first program's entries serve it again
    write('quote.ts', 'export interface Quote {\n  price: number;\n}\n');
    const fixed = warm();
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, programs[0]!), 'utf8'))).toEqual(clean);
  });
});
