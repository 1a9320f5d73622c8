import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { OmegaError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import { projectRoot } from '../core/paths.js';

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

/** SHA-256 of everything the compiled tree depends on: src, the two tsconfigs and the compiler's version. */
export function sourceHash(root = projectRoot()): string {
  const h = createHash('sha256');
  for (const f of listFiles(path.join(root, 'src'))) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'node_modules/typescript/package.json']) {
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
 * Compile src to build/<hash>/ unless that tree exists; returns its folder. Runs the project's TypeScript
 * 5.9 (`tsconfig.build.json`: emit only, type checking is `npm run typecheck`'s job). Old trees are pruned.
 */
export function ensureBuild(options: { log?: (line: string) => void; root?: string } = {}): string {
  const root = options.root ?? projectRoot();
  if (memo && existsSync(memo.dir) && memo.hash === sourceHash(root)) return memo.dir;
  const { hash, dir } = compiledDir(root);
  if (!existsSync(dir)) {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    if (!existsSync(tsc)) throw new OmegaError('NO_COMPILER', `cannot compile src for worker threads: ${tsc} is missing; run npm ci`);
    options.log?.(`compiling src → ${path.relative(root, dir)}/ (worker threads run compiled JavaScript) …`);
    const tmp = `${dir}.tmp-${process.pid}-${++builds}`;
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0 || !existsSync(path.join(tmp, 'experiments', 'tasks.js'))) {
      rmSync(tmp, { recursive: true, force: true });
      throw new OmegaError(
        'BUILD_FAILED',
        `compiling src failed (exit ${r.status}): ${(r.stdout + r.stderr).trim().split('\n').slice(0, 5).join(' | ')}; run npm run build to see every error`,
      );
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
