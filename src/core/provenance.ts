import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.js';

let cached: { version: string; commit: string | null } | undefined;

/** Package version and git commit of the code that produced a result (commit null outside a git checkout). */
export function provenance(): { version: string; commit: string | null } {
  if (cached) return cached;
  const root = projectRoot();
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    /* not in the repo: leave unknown */
  }
  let commit: string | null = null;
  try {
    commit =
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    commit = null;
  }
  cached = { version, commit };
  return cached;
}
