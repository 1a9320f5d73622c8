import path from 'node:path';
import type { Command } from 'commander';
import { compareForecasts } from '../backtest/forecast.js';
import { backtestNfl, STRATEGIES, type NflBacktestConfig, type StrategyName } from '../backtest/nfl.js';
import { metricRows, tearSheet } from '../backtest/tear-sheet.js';
import { walkForward } from '../backtest/walk-forward.js';
import { ValidationError } from '../core/errors.js';
import { checkOutputDir } from '../core/output-dir.js';
import { systemClock } from '../core/clock.js';
import { projectRoot } from '../core/paths.js';
import { fiveThirtyEightHomeProbabilities, loadFiveThirtyEightElo } from '../data/nfl/elo-file.js';
import { loadGames } from '../data/nfl/games.js';
import { loadWinProbabilities } from '../data/nfl/pbp.js';
import { registerBacktestGrid } from './backtest-grid.js';
import { textTable } from './format.js';
import { intFlag, numberFlag } from './options.js';

interface BacktestCliOptions {
  seasons: string;
  strategy: string;
  edge: number;
  kelly: number;
  minPrice: number;
  maxPrice: number;
  execution: string;
  slippage: number;
  queue: string;
  latency: number;
  halfSpread: number;
  inGame?: boolean;
  cash: number;
  maxStakePerGame?: number;
  maxWeekExposure?: number;
  drawdownHalt?: number;
  dataDir?: string;
  skipInvalid?: boolean;
  walkForward?: boolean;
  json?: boolean;
  out?: string;
  report: boolean;
}

export function parseSeasons(text: string): [number, number] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!m) throw new ValidationError(`--seasons must be a season or a range like 2006-2024, got ${JSON.stringify(text)}`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from > to) throw new ValidationError(`--seasons ${text}: the first season must not be after the last`);
  return [from, to];
}

export function registerBacktest(program: Command): void {
  const bt = program.command('backtest').description('backtest trading strategies on historical data');
  registerBacktestGrid(bt);
  bt.command('nfl')
    .description(
      'backtest a strategy on NFL games with closing lines: Kalshi-style YES contracts per team, Kalshi fees, settlement at 100¢/0¢ (ties 50¢)',
    )
    .option('--seasons <range>', 'seasons to trade, e.g. 2006-2024 (moneylines exist from 2006)', '2006-2024')
    .option('--strategy <name>', `strategy: ${STRATEGIES.join(' | ')}`, 'elo-edge')
    .option('--edge <x>', 'minimum edge after fees (probability points)', numberFlag('--edge', 0, 0.99), 0.03)
    .option('--kelly <x>', 'fraction of the Kelly stake', numberFlag('--kelly', 0.001, 1), 0.25)
    .option('--min-price <cents>', 'longshot filter: only back contracts priced at least this', intFlag('--min-price', 1, 99), 1)
    .option('--max-price <cents>', 'favourite filter: only back contracts priced at most this', intFlag('--max-price', 1, 99), 99)
    .option('--execution <model>', 'quote (fill at the quote + slippage) or book (through an order book with synthetic depth)', 'quote')
    .option('--slippage <ticks>', 'slippage in ticks against the trader (quote execution)', intFlag('--slippage', 0, 50), 0)
    .option('--queue <position>', 'book execution: resting orders join behind (back) or ahead of (front) the displayed size', 'back')
    .option('--latency <ms>', 'delay before orders reach the exchange', intFlag('--latency', 0, 86_400_000), 0)
    .option(
      '--half-spread <cents>',
      'half-spread of the synthetic quote around the de-vigged line',
      numberFlag('--half-spread', 0, 10),
      0.5,
    )
    .option('--in-game', 'also trade in-game quotes from play-by-play win probabilities (where the data have them)')
    .option('--cash <dollars>', 'starting cash', numberFlag('--cash', 1, 1e9), 1000)
    .option('--max-stake-per-game <dollars>', 'risk limit per game', numberFlag('--max-stake-per-game', 0, 1e9))
    .option('--max-week-exposure <dollars>', 'risk limit per season-week', numberFlag('--max-week-exposure', 0, 1e9))
    .option('--drawdown-halt <fraction>', 'stop opening positions after this drawdown (e.g. 0.5)', numberFlag('--drawdown-halt', 0.01, 1))
    .option('--data-dir <dir>', 'data directory holding nfl/ (default: $OMEGA_DATA_DIR, ../shared/data, or a download cache)')
    .option('--skip-invalid', 'skip malformed data rows (counted) instead of failing')
    .option('--walk-forward', 'test each season separately, trained on the seasons before it')
    .option('--json', 'print one JSON object')
    .option('-o, --out <dir>', 'tear-sheet folder (default reports/backtest-<timestamp>)')
    .option('--no-report', 'do not write the tear sheet')
    .addHelpText('after', '\nExample: npx omega backtest nfl --seasons 2006-2024 --strategy elo-edge --edge 0.03 --kelly 0.25 --json')
    .action(async (opts: BacktestCliOptions) => {
      const seasons = parseSeasons(opts.seasons);
      if (!STRATEGIES.includes(opts.strategy as StrategyName))
        throw new ValidationError(`--strategy must be one of ${STRATEGIES.join(', ')}, got ${JSON.stringify(opts.strategy)}`);
      if (opts.execution !== 'quote' && opts.execution !== 'book')
        throw new ValidationError(`--execution must be quote or book, got ${JSON.stringify(opts.execution)}`);
      if (opts.queue !== 'back' && opts.queue !== 'front')
        throw new ValidationError(`--queue must be back or front, got ${JSON.stringify(opts.queue)}`);
      if (opts.minPrice > opts.maxPrice)
        throw new ValidationError(`--min-price (${opts.minPrice}) must not exceed --max-price (${opts.maxPrice})`);
      const reportDir = opts.report
        ? checkOutputDir(
            opts.out ??
              path.join(
                projectRoot(),
                'reports',
                `backtest-${new Date(systemClock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`,
              ),
            opts.out ? '--out' : 'the tear-sheet folder',
          )
        : undefined;
      const log = (s: string) => !opts.json && process.stderr.write(`${s}\n`);
      const loaded = await loadGames({ dataDir: opts.dataDir, onInvalid: opts.skipInvalid ? 'skip' : 'fail', log });
      const games = loaded.games;
      const config: NflBacktestConfig = {
        seasons,
        strategy: opts.strategy as StrategyName,
        edge: opts.edge,
        kelly: opts.kelly,
        minPrice: opts.minPrice,
        maxPrice: opts.maxPrice,
        inGame: opts.inGame,
        execution: opts.execution as 'quote' | 'book',
        slippageTicks: opts.slippage,
        queue: opts.queue as 'back' | 'front',
        latencyMs: opts.latency,
        halfSpread: opts.halfSpread,
        startingCash: Math.round(opts.cash * 100),
        risk: {
          maxStakePerGame: opts.maxStakePerGame !== undefined ? opts.maxStakePerGame * 100 : undefined,
          maxExposurePerWeek: opts.maxWeekExposure !== undefined ? opts.maxWeekExposure * 100 : undefined,
          drawdownHalt: opts.drawdownHalt,
        },
      };
      const elo538 = loadFiveThirtyEightElo(loaded.dataDir);
      const forecast = compareForecasts(games, seasons, {
        fivethirtyeight: elo538 ? fiveThirtyEightHomeProbabilities(games, elo538.rows) : undefined,
      });
      if (opts.walkForward) {
        const folds = walkForward(games, config, seasons);
        const rows = folds.map((f) => ({
          season: f.testSeason,
          trained_on: `${f.trainSeasons[0]}-${f.trainSeasons[1]}`,
          bets: f.metrics.bets,
          pnl_dollars: Number((f.metrics.pnl / 100).toFixed(2)),
          roi: Number(f.metrics.roi.toFixed(4)),
          hit_rate: Number(f.metrics.hitRate.toFixed(3)),
          max_drawdown: Number(f.metrics.maxDrawdown.toFixed(3)),
        }));
        if (opts.json) process.stdout.write(JSON.stringify({ walk_forward: rows }) + '\n');
        else console.log(textTable(rows, `Walk-forward: ${config.strategy}, each season tested on its own with ${opts.cash} dollars`));
        return;
      }
      const inGame = opts.inGame ? loadWinProbabilities(loaded.dataDir, games) : [];
      if (opts.inGame) {
        const inRange = new Set(games.filter((g) => g.season >= seasons[0] && g.season <= seasons[1]).map((g) => g.gameId));
        if (!inGame.some((s) => inRange.has(s.gameId))) {
          const seasonsWith = [...new Set(inGame.map((s) => Number(s.gameId.slice(0, 4))))].sort((a, b) => a - b);
          throw new ValidationError(
            `--in-game needs play-by-play win probabilities, and ${loaded.dataDir}/nfl/pbp has none for seasons ${seasons[0]}-${seasons[1]}` +
              (seasonsWith.length
                ? ` (it has games of ${seasonsWith.join(', ')}); choose --seasons among those`
                : ' (no nflfastr_partial_seasons or nflscrapr_postseason files found); add them or leave --in-game out'),
          );
        }
      }
      const { result, metrics, games: n } = backtestNfl(games, config, inGame);
      const q = (x: { n: number; brier: number; log_loss: number }) => ({
        n: x.n,
        brier: Number(x.brier.toFixed(6)),
        log_loss: Number(x.log_loss.toFixed(6)),
      });
      const summary = {
        seasons: `${seasons[0]}-${seasons[1]}`,
        strategy: result.strategy,
        execution: result.execution,
        games: n,
        bets: metrics.bets,
        staked_dollars: Number((metrics.staked / 100).toFixed(2)),
        pnl_dollars: Number((metrics.pnl / 100).toFixed(2)),
        roi: Number(metrics.roi.toFixed(6)),
        hit_rate: Number(metrics.hitRate.toFixed(6)),
        sharpe: Number(metrics.sharpe.toFixed(4)),
        sortino: Number(metrics.sortino.toFixed(4)),
        max_drawdown: Number(metrics.maxDrawdown.toFixed(6)),
        max_drawdown_weeks: metrics.maxDrawdownWeeks,
        calmar: Number(metrics.calmar.toFixed(4)),
        fees_dollars: Number((metrics.fees / 100).toFixed(2)),
        clv: metrics.clv,
        forecast: {
          market: q(forecast.market),
          elo: q(forecast.elo),
          spread: q(forecast.spread),
          ...(forecast.fivethirtyeight ? { fivethirtyeight: q(forecast.fivethirtyeight) } : {}),
        },
        data: { dir: loaded.dataDir, source: loaded.source, skipped_rows: loaded.skipped.length },
        orders: result.orders.length,
        rejections: result.rejections,
      };
      const dir = reportDir;
      if (dir) {
        await tearSheet(result, metrics, forecast, {
          ...summary,
          forecast: JSON.stringify(summary.forecast),
          clv: JSON.stringify(summary.clv),
          data: JSON.stringify(summary.data),
          rejections: JSON.stringify(summary.rejections),
        }).write(dir);
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...summary, report: dir ?? null }) + '\n');
        return;
      }
      console.log(
        textTable(metricRows(metrics), `NFL backtest ${summary.seasons}: ${result.strategy}, ${n} games, ${result.execution} execution`),
      );
      console.log(
        textTable(
          [
            ['market (de-vigged)', forecast.market],
            ['elo', forecast.elo],
            ['spread', forecast.spread],
            ...(forecast.fivethirtyeight ? [['538 Elo', forecast.fivethirtyeight] as const] : []),
          ].map(([source, f]) => ({ source, ...q(f as { n: number; brier: number; log_loss: number }) })),
          '\nForecast quality (home wins; games with both moneylines and a winner, ties excluded)',
        ),
      );
      if (dir) console.log(`\ntear sheet: ${path.relative(process.cwd(), path.join(dir, 'report.html'))}`);
    });
}
