import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { canonicalJson } from '../abm/config.js';
import { STRATEGIES, type NflBacktestConfig, type StrategyName } from '../backtest/nfl.js';
import { parameterGrid } from '../backtest/walk-forward.js';
import { ValidationError } from '../core/errors.js';
import { checkOutputDir } from '../core/output-dir.js';
import { projectRoot } from '../core/paths.js';
import { parseBackend } from '../experiments/backend.js';
import { defaultWorkers, runTasks } from '../experiments/pool.js';
import { toCsv } from '../report/csv.js';
import { writeFileAtomic } from '../report/files.js';
import { parseSeasons } from './backtest.js';
import { textTable } from './format.js';
import { intFlag, numberFlag } from './options.js';
import { progressBar } from './progress.js';

interface GridCliOptions {
  seasons: string;
  strategy: StrategyName[];
  edge: number[];
  kelly: number[];
  minPrice: number[];
  maxPrice: number[];
  walkForward?: boolean;
  dataDir?: string;
  workers: number;
  backend: string;
  out?: string;
  json?: boolean;
  progress: boolean;
}

/** A comma-separated list flag, each value parsed (and checked) by `one`; repeated values are an error. */
const listOf =
  <T>(flag: string, one: (v: string) => T) =>
  (text: string): T[] => {
    const values = text.split(',').map((v) => one(v.trim()));
    if (new Set(values).size !== values.length) throw new ValidationError(`${flag} ${text}: a value is listed twice; list each value once`);
    return values;
  };

const strategyValue = (v: string): StrategyName => {
  if (!STRATEGIES.includes(v as StrategyName))
    throw new ValidationError(`--strategy must list strategies from ${STRATEGIES.join(', ')}, got ${JSON.stringify(v)}`);
  return v as StrategyName;
};

export function registerBacktestGrid(bt: Command): void {
  bt.command('grid')
    .description(
      'NFL backtests of every combination of the listed parameter values (comma-separated), on all cores or on omega workers via Redis; writes grid.csv',
    )
    .option('--seasons <range>', 'seasons to trade, e.g. 2010-2024', '2010-2024')
    .option('--strategy <list>', `strategies: ${STRATEGIES.join(',')}`, listOf('--strategy', strategyValue), ['elo-edge'])
    .option('--edge <list>', 'minimum edges after fees, e.g. 0.01,0.03,0.05', listOf('--edge', numberFlag('--edge', 0, 0.99)), [0.03])
    .option('--kelly <list>', 'Kelly fractions, e.g. 0.1,0.25', listOf('--kelly', numberFlag('--kelly', 0.001, 1)), [0.25])
    .option('--min-price <list>', 'longshot filters (cents)', listOf('--min-price', intFlag('--min-price', 1, 99)), [1])
    .option('--max-price <list>', 'favourite filters (cents)', listOf('--max-price', intFlag('--max-price', 1, 99)), [99])
    .option(
      '--walk-forward',
      'one backtest per configuration and season (each trained on the seasons before it) instead of one over the whole range',
    )
    .option(
      '--data-dir <dir>',
      'data directory holding nfl/ on every worker (default: each worker resolves its own: $OMEGA_DATA_DIR, ../shared/data, download cache)',
    )
    .option('--workers <n>', 'worker threads (default: all cores; 1 = this thread)', intFlag('--workers', 1, 1024), defaultWorkers())
    .option(
      '--backend <url>',
      'local (default), or redis://[user:password@]host:port[/db]: backtests go to `omega worker` processes',
      'local',
    )
    .option('-o, --out <dir>', 'output folder (default reports/backtest-grid-<hash>)')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      '\nExample: npx omega backtest grid --seasons 2015-2024 --strategy elo-edge,spread-edge --edge 0.01,0.03,0.05 --kelly 0.1,0.25 --walk-forward',
    )
    .action(async (opts: GridCliOptions) => {
      const seasons = parseSeasons(opts.seasons);
      const backend = parseBackend(opts.backend);
      const grid = parameterGrid({
        strategy: opts.strategy,
        edge: opts.edge,
        kelly: opts.kelly,
        minPrice: opts.minPrice,
        maxPrice: opts.maxPrice,
      }).filter((g) => g.minPrice <= g.maxPrice);
      if (grid.length === 0)
        throw new ValidationError(
          '--min-price and --max-price leave no combination with min ≤ max; lower a --min-price or raise a --max-price',
        );
      const folds: Array<readonly [number, number]> = opts.walkForward
        ? Array.from({ length: seasons[1] - seasons[0] + 1 }, (_, i) => [seasons[0] + i, seasons[0] + i] as const)
        : [seasons];
      const inputs = grid.flatMap((g) =>
        folds.map((s) => ({
          config: { ...g, seasons: s } as NflBacktestConfig,
          ...(opts.dataDir ? { dataDir: path.resolve(opts.dataDir) } : {}),
        })),
      );
      const hash = createHash('sha256')
        .update(canonicalJson({ task: 'nflBacktest', inputs }))
        .digest('hex');
      const dir = checkOutputDir(
        opts.out ?? path.join(projectRoot(), 'reports', `backtest-grid-${hash.slice(0, 10)}`),
        opts.out ? '--out' : 'the grid folder',
      );
      const status = (s: string) => process.stderr.write(`omega backtest grid: ${s}\n`);
      if (!opts.json)
        status(
          `${grid.length} configuration(s) × ${folds.length} fold(s) = ${inputs.length} backtests on ${backend.kind === 'redis' ? `omega workers via ${backend.display}` : `${opts.workers} worker(s)`}`,
        );
      const bar = progressBar('grid', inputs.length, opts.progress && !opts.json);
      const t0 = performance.now();
      let out;
      try {
        out = await runTasks('nflBacktest', inputs, {
          workers: opts.workers,
          backend,
          experiment: hash.slice(0, 32),
          log: status,
          describe: (i) =>
            `${Object.entries(grid[Math.floor(i / folds.length)]!)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}, seasons ${folds[i % folds.length]!.join('-')}`,
          onProgress: (d) => bar.update(d),
        });
      } finally {
        bar.stop();
      }
      const seconds = (performance.now() - t0) / 1000;
      const rows = out.map((r) => ({
        strategy: r.config.strategy,
        edge: r.config.edge ?? null,
        kelly: r.config.kelly ?? null,
        min_price: r.config.minPrice ?? null,
        max_price: r.config.maxPrice ?? null,
        seasons: `${r.config.seasons[0]}-${r.config.seasons[1]}`,
        games: r.games,
        bets: r.metrics.bets,
        pnl_dollars: r.metrics.pnl / 100,
        roi: r.metrics.roi,
        hit_rate: r.metrics.hitRate,
        sharpe: r.metrics.sharpe,
        max_drawdown: r.metrics.maxDrawdown,
        fees_dollars: r.metrics.fees / 100,
      }));
      writeFileAtomic(path.join(dir, 'grid.csv'), toCsv(rows));
      const best = [...rows]
        .filter((r) => r.bets >= 20)
        .sort((a, b) => b.roi - a.roi || a.strategy.localeCompare(b.strategy))
        .slice(0, 10);
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            backtests: rows.length,
            configurations: grid.length,
            folds: folds.length,
            seconds,
            best: best.slice(0, 3),
            dir,
          }) + '\n',
        );
        return;
      }
      console.log(
        textTable(
          best.map((r) => ({ ...r, pnl_dollars: Number(r.pnl_dollars.toFixed(2)), roi: Number(r.roi.toFixed(4)) })),
          `Best ${best.length} of ${rows.length} backtests by ROI (≥ 20 bets), ${seconds.toFixed(1)} s`,
        ),
      );
      console.log(`\nall backtests: ${path.relative(process.cwd(), path.join(dir, 'grid.csv'))}`);
    });
}
