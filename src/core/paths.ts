import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The repository root: $OMEGA_ROOT (set by bin/omega.mjs), else the working directory (notebooks run
 * from the root because the kernel launcher chdirs there; vitest runs from the root too).
 * src cannot use import.meta: tslab compiles src to CommonJS, where import.meta fails.
 */
export function projectRoot(): string {
  const fromEnv = process.env.OMEGA_ROOT;
  if (fromEnv && existsSync(path.join(fromEnv, 'package.json'))) return fromEnv;
  return process.cwd();
}

/** `require` resolving packages from the project's node_modules. */
export function requireFromProject(): NodeRequire {
  return createRequire(path.join(projectRoot(), 'package.json'));
}
