import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedImports, layerViolations, moneyWrites, relativeImports, sourceFiles } from './layers.js';

const SRC = path.resolve(__dirname, '../../src');

describe('the dependency rule: no folder imports from a higher layer (MISSION.md)', () => {
  const files = sourceFiles(SRC);

  it('holds for every file under src/', () => {
    expect(layerViolations(files).map((v) => v.message)).toEqual([]);
  });

  it('keeps market/, trading/ and stats/ on the bottom layers', () => {
    const allowed = allowedImports();
    expect([...allowed.get('stats')!].sort()).toEqual(['core', 'stats']);
    expect([...allowed.get('market')!].sort()).toEqual(['core', 'market', 'stats']);
    expect([...allowed.get('trading')!].sort()).toEqual(['core', 'market', 'stats', 'trading']);
    expect(allowed.get('report')!.has('abm')).toBe(false);
    expect(allowed.get('abm')!.has('facts')).toBe(false);
    expect(allowed.get('models')!.has('facts')).toBe(false);
  });

  it('catches an upward import, in every import form', () => {
    const bad = new Map([
      ['market/exchange.ts', "import { runBacktest } from '../backtest/engine.js';"],
      ['stats/ols.ts', "import type { Model } from '../abm/model.js';"],
      ['trading/runner.ts', "export { x } from '../venues/kalshi/client.js';"],
      ['abm/model.ts', "const m = await import('../facts/suite.js');"],
      ['models/sentiment.ts', "import {\n  ols,\n} from '../facts/ols.js';"],
      ['newfolder/x.ts', "import { a } from '../core/errors.js';"],
      ['market/fine.ts', "import { OrderRejectedError } from '../core/errors.js';\nimport { mean } from '../stats/mean.js';"],
    ]);
    const v = layerViolations(bad);
    expect(v.map((x) => x.file)).toEqual([
      'market/exchange.ts',
      'stats/ols.ts',
      'trading/runner.ts',
      'abm/model.ts',
      'models/sentiment.ts',
      'newfolder/x.ts',
    ]);
    expect(v[0]!.message).toContain('src/market/ may not use');
  });

  it('reads static, type-only, re-export, side-effect and dynamic imports', () => {
    expect(
      relativeImports(
        "import a from './a.js';\nimport type { B } from '../b.js';\nexport * from './c.js';\nimport './d.js';\nconst e = import('./e.js');\nimport x from 'zod';",
      ),
    ).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js']);
  });
});

describe('the exchange is a thin front: the ledger owns every movement of cash', () => {
  it('no file in market/ but the ledger (and the account that holds the fields) writes money fields', () => {
    const files = sourceFiles(path.join(SRC, 'market'));
    const writers = [...files].filter(([, src]) => moneyWrites(src).length > 0).map(([f]) => f);
    expect(writers).toEqual(['account.ts', 'ledger.ts']);
    // the account only sets its opening balance
    expect(moneyWrites(files.get('account.ts')!).map((l) => l.trim())).toEqual([
      'this.cash = initialCash;',
      'this.deposited = initialCash;',
    ]);
  });

  it('the check sees a write', () => {
    expect(
      moneyWrites('    acct.cash -= need;\n    const ok = acct.cash === 0;\n    a.reserved++;\n    acct.feesPaid += fee;'),
    ).toHaveLength(3);
  });
});
