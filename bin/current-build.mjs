// Which compiled tree `omega` may run (bin/omega.mjs): plain JavaScript, since it decides whether tsx is needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The compiled tree of the current sources, or undefined. The newest tree's own `sourceHash` (the function that
 * named it) hashes src now; the tree named by that hash is current.
 */
export async function currentBuild(root) {
  const buildRoot = path.join(root, 'build');
  if (!existsSync(buildRoot)) return undefined;
  const trees = readdirSync(buildRoot)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && existsSync(path.join(buildRoot, name, 'cli', 'main.js')))
    .map((name) => ({ name, mtime: statSync(path.join(buildRoot, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  if (trees.length === 0) return undefined;
  const hasher = path.join(buildRoot, trees[0].name, 'experiments', 'compiled.js');
  if (!existsSync(hasher)) return undefined;
  const { sourceHash } = await import(pathToFileURL(hasher).href);
  const dir = path.join(buildRoot, sourceHash(root).slice(0, 16));
  return existsSync(path.join(dir, 'cli', 'main.js')) ? dir : undefined;
}
