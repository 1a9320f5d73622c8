import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files start first, so they overlap the rest of the suite instead of running alone at its end: the
 * notebooks (Jupyter kernels) on one worker while the other works through the short files. A fresh clone has no
 * timing cache, and vitest's default order there is by file size, which would start the notebooks late. Order
 * only: no test depends on another file (files share their worker's module graph, vitest.config.ts).
 */
const SLOW_FIRST = [
  'test/notebooks/notebooks.test.ts',
  'test/paper/recovery.test.ts',
  'test/experiments/distributed.test.ts',
  'test/dashboard/browser.test.ts',
  'test/abm/many-markets.test.ts',
  'test/cli/sweep-inputs.test.ts',
  'test/cli/paper.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(path.relative(f.project.config.root, f.moduleId).split(path.sep).join('/'));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    const rest = await super.sort(files.filter((f) => rank(f) === SLOW_FIRST.length));
    return [...files.filter((f) => rank(f) < SLOW_FIRST.length).sort((a, b) => rank(a) - rank(b)), ...rest];
  }
}
