import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * MISSION.md's layer plan, as data: each folder of src/ and the folders it builds on directly.
 * A folder may import from the folders below it (the transitive closure of this map) and never from
 * one above. core ← stats ← market ← trading ← {backtest, paper, venues}; market ← abm ← experiments;
 * facts and odd read abm results; report is used by everyone and uses nothing but core.
 */
const LAYER_PLAN: Readonly<Record<string, readonly string[]>> = {
  core: [],
  stats: ['core'],
  report: ['core'],
  market: ['stats'],
  trading: ['market'],
  models: ['stats'],
  data: ['stats', 'report'],
  abm: ['market', 'models', 'report'],
  facts: ['abm'],
  odd: ['facts'],
  experiments: ['facts', 'backtest'],
  backtest: ['trading', 'data', 'models', 'report'],
  // the local exchange's market drivers run the agent-based model and replay NFL data (issue 10)
  venues: ['trading', 'report', 'abm', 'data'],
  paper: ['venues', 'backtest', 'ops'],
  ops: ['report'],
  dashboard: ['abm'],
  cli: ['experiments', 'odd', 'paper', 'ops', 'dashboard'],
};

/** Every folder each folder may import from (itself included). */
export function allowedImports(plan: Readonly<Record<string, readonly string[]>> = LAYER_PLAN): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (layer: string): Set<string> => {
    const known = out.get(layer);
    if (known) return known;
    const set = new Set<string>([layer]);
    out.set(layer, set);
    for (const dep of plan[layer] ?? []) for (const d of visit(dep)) set.add(d);
    return set;
  };
  for (const layer of Object.keys(plan)) visit(layer);
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** Relative import specifiers of a TypeScript source (static, type-only, re-exports and dynamic imports). */
export function relativeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec !== undefined && spec.startsWith('.')) out.push(spec);
  }
  return out;
}

export interface Violation {
  readonly file: string;
  readonly imports: string;
  readonly message: string;
}

/**
 * Imports that break the plan, for files given relative to src/ (`market/exchange.ts`). Files at the
 * top of src/ (index.ts) are the public surface and may import anything.
 */
export function layerViolations(
  files: ReadonlyMap<string, string>,
  plan: Readonly<Record<string, readonly string[]>> = LAYER_PLAN,
): Violation[] {
  const allowed = allowedImports(plan);
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const parts = file.split('/');
    if (parts.length < 2) continue;
    const from = parts[0]!;
    const may = allowed.get(from);
    if (may === undefined) {
      out.push({
        file,
        imports: '',
        message: `folder src/${from}/ is not in the layer plan: add it to LAYER_PLAN in test/architecture/layers.ts (and README's "Layers")`,
      });
      continue;
    }
    for (const spec of relativeImports(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (target.startsWith('..')) continue; // outside src/: node_modules-like paths are not layers
      const to = target.split('/')[0]!;
      if (!target.includes('/')) continue; // src/index.ts and friends
      if (!may.has(to))
        out.push({
          file,
          imports: spec,
          message: `src/${file} imports ${spec} (src/${to}/), a layer that src/${from}/ may not use; allowed: ${[...may].sort().join(', ')}`,
        });
    }
  }
  return out;
}

/** Every .ts file under src/, keyed by its path relative to src/. */
export function sourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** Lines that change an account's money outside the ledger (`acct.cash -= …`, `x.reserved += …`). */
export function moneyWrites(source: string): string[] {
  return source.split('\n').filter((line) => /\.(cash|reserved|deposited|feesPaid|feesCollected)\s*(?:[-+*/]?=(?!=)|\+\+|--)/.test(line));
}
