import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuild } from '../../src/experiments/compiled.js';

type CurrentBuild = (root: string) => Promise<string | undefined>;
const { currentBuild } = (await import(pathToFileURL(path.resolve('bin', 'current-build.mjs')).href)) as { currentBuild: CurrentBuild };

/** A copy of what the source hash covers (src, tsconfig.json, the compiler's version) with `build/` linked in. */
function projectCopy(compiled: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'omega-entry-'));
  cpSync('src', path.join(root, 'src'), { recursive: true });
  for (const f of ['tsconfig.json', 'node_modules/esbuild/package.json']) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    cpSync(f, path.join(root, f));
  }
  mkdirSync(path.join(root, 'build'));
  symlinkSync(compiled, path.join(root, 'build', path.basename(compiled)));
  return root;
}

describe('bin/omega.mjs runs the compiled build only while it matches the sources', () => {
  it('finds the build of the current sources, and none once a source file changes', async () => {
    const compiled = ensureBuild();
    expect(await currentBuild(process.cwd())).toBe(compiled);
    const copy = projectCopy(compiled);
    expect(await currentBuild(copy)).toBe(path.join(copy, 'build', path.basename(compiled)));
    appendFileSync(path.join(copy, 'src', 'core', 'rng.ts'), '\n// an edit\n');
    expect(await currentBuild(copy)).toBeUndefined(); // the sources run through tsx until the next build
  });

  it('compiled and from source, a run prints the same bytes', () => {
    ensureBuild();
    // Every agent family on two overlapping markets, in counts too small to matter for the comparison: a run of
    // configs/small.yaml took ≈ 3.4 CPU-s each way (its 48 agents), this one ≈ 0.9, and what is compared — the
    // printed summary, manifest, tape hash and facts, byte for byte — comes out of the same code either way.
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'omega-entry-run-')), 'tiny.yaml');
    writeFileSync(
      config,
      [
        'markets: { count: 2, life: 40, stagger: 20 }',
        'agents:',
        '  noise: { count: 4 }',
        '  informed: { count: 2 }',
        '  arbitrageur: { count: 1 }',
        '  marketMaker: { count: 1 }',
        '  homer: { count: 2 }',
        '  llm: { count: 2 }',
        '',
      ].join('\n'),
    );
    const args = ['bin/omega.mjs', 'simulate', '--config', config, '--steps', '60', '--no-report', '--no-progress', '--json'];
    const compiled = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const source = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, OMEGA_FROM_SOURCE: '1' } });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(source.status, source.stderr).toBe(0);
    expect(compiled.stdout).toContain('"tapeHash"');
    // every family traded something but the LLM agents (left out: no endpoint), on both markets
    const { summary } = JSON.parse(compiled.stdout) as {
      summary: { markets: { trades: number }[]; families: { family: string; orders: number }[] };
    };
    expect(summary.markets).toHaveLength(2);
    for (const m of summary.markets) expect(m.trades).toBeGreaterThan(0);
    for (const f of summary.families) if (f.family !== 'llm') expect(f.orders, f.family).toBeGreaterThan(0);
    expect(compiled.stdout).toBe(source.stdout);
  });
});
