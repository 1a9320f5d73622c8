import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OmegaError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import { projectRoot, requireFromProject } from '../core/paths.js';

/**
 * Worker threads (the local pool and `omega worker`) run src compiled to JavaScript: loading the TypeScript
 * through tsx cost ~2 s per thread. The compiled tree lives in build/<source hash>/ (git-ignored), so a tree
 * is complete or absent, several processes can build at once (each into a temporary sibling, then one
 * rename wins), and stale code can never be run by mistake: an edit to src changes the hash.
 */

function listFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** What the compiled tree depends on besides src: the compiler options and the compiler's version. */
const COMPILER_INPUTS = ['tsconfig.json', 'node_modules/esbuild/package.json'];

/** SHA-256 of everything the compiled tree depends on: src, tsconfig.json and the compiler's version. */
export function sourceHash(root = projectRoot()): string {
  const h = createHash('sha256');
  for (const f of listFiles(path.join(root, 'src'))) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const f of COMPILER_INPUTS) {
    const p = path.join(root, f);
    h.update(f)
      .update('\0')
      .update(existsSync(p) ? readFileSync(p) : '')
      .update('\0');
  }
  return h.digest('hex');
}

let memo: { hash: string; dir: string } | undefined;
let builds = 0;

/** The folder of the compiled tree for the current sources (it may not exist yet). */
function compiledDir(root = projectRoot()): { hash: string; dir: string } {
  const hash = sourceHash(root);
  return { hash, dir: path.join(root, 'build', hash.slice(0, 16)) };
}

/**
 * Compile src to build/<hash>/ unless that tree exists; returns its folder. esbuild transpiles each file on its
 * own (no bundle, no type check: that is `npm run typecheck`'s job) — the same transform tsx applies when src runs
 * from source (0.3 CPU-s for src instead of 9.5 for a TypeScript emit). The browser client (its own tsconfig, DOM) is bundled
 * separately by the dashboard. Old trees are pruned.
 */
export function ensureBuild(options: { log?: (line: string) => void; root?: string } = {}): string {
  const root = options.root ?? projectRoot();
  if (memo && existsSync(memo.dir) && memo.hash === sourceHash(root)) return memo.dir;
  const { hash, dir } = compiledDir(root);
  if (!existsSync(dir)) {
    options.log?.(`compiling src → ${path.relative(root, dir)}/ (worker threads run compiled JavaScript) …`);
    const src = path.join(root, 'src');
    const client = path.join(src, 'dashboard', 'client') + path.sep;
    const entryPoints = listFiles(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith(client));
    const tmp = `${dir}.tmp-${process.pid}-${++builds}`;
    // loaded only to compile: every `omega` process imports this module for sourceHash (bin/current-build.mjs), and
    // esbuild's loader cost ~0.07 CPU-s at each start though the tree is almost always there already
    const { buildSync } = requireFromProject()('esbuild') as typeof import('esbuild');
    try {
      buildSync({
        entryPoints,
        outdir: tmp,
        outbase: src,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        tsconfig: path.join(root, 'tsconfig.json'),
        logLevel: 'silent',
      });
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      const detail = (e instanceof Error ? e.message : String(e)).trim().split('\n').slice(0, 5).join(' | ');
      throw new OmegaError('BUILD_FAILED', `compiling src failed: ${detail}; run npm run build to see every error`);
    }
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // another process finished the same tree first: theirs is identical
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) throw e;
    }
    pruneBuilds(path.dirname(dir), path.basename(dir));
  }
  memo = { hash, dir };
  return dir;
}

/** Remove trees of older sources (and temporaries left by killed builds) that are more than a day old. */
function pruneBuilds(buildRoot: string, keep: string): void {
  const dayAgo = systemClock.now() - 86_400_000; // only ages build folders; never enters a result
  mkdirSync(buildRoot, { recursive: true });
  for (const name of readdirSync(buildRoot)) {
    if (name === keep || !/^[0-9a-f]{16}(\.tmp-\d+-\d+)?$/.test(name)) continue; // only compiled trees: build/ holds other files too
    const p = path.join(buildRoot, name);
    try {
      if (statSync(p).mtimeMs < dayAgo) rmSync(p, { recursive: true, force: true });
    } catch {
      /* removed by another process meanwhile */
    }
  }
}

/** The compiled module that worker threads load: it exports `runTask`. */
export function compiledTasksModule(options: { log?: (line: string) => void } = {}): string {
  return path.join(ensureBuild(options), 'experiments', 'tasks.js');
}

/**
 * What a piscina pool needs to run the compiled tasks: the module, its export and the threads' Node flags. piscina
 * loads a task module with require() first and import() when that fails. Since Node 20.19, require() of our ES
 * modules succeeds (require(esm)), and once aborted a whole test process inside V8 ("IsGraphAsync must be used on
 * an instantiated module", CI at 05cd335). Without require(esm) in the threads, piscina takes import(): the path
 * it took on every Node before 20.19.
 */
export function taskThreadOptions(options: { log?: (line: string) => void } = {}): {
  filename: string;
  name: 'runTask';
  execArgv: string[];
} {
  return {
    filename: pathToFileURL(compiledTasksModule(options)).href,
    name: 'runTask',
    execArgv: [...process.execArgv, '--no-experimental-require-module'],
  };
}
