import type { Command } from 'commander';
import { loadModelConfig, parseModelConfig } from '../abm/config.js';
import { parseBackend } from '../experiments/backend.js';
import { validateModel } from '../experiments/validate.js';
import { powerAnalysis } from '../experiments/power.js';
import { defaultWorkers } from '../experiments/pool.js';
import { verdictRows } from '../facts/suite.js';
import { NULL_DESCRIPTIONS } from '../facts/thresholds.js';
import { textTable } from './format.js';
import { intFlag } from './options.js';
import { progressBar } from './progress.js';

interface ValidateCliOptions {
  seeds: number;
  config?: string;
  steps?: number;
  scale: number;
  workers: number;
  backend?: string;
  json?: boolean;
  progress: boolean;
  nulls: boolean;
  real: boolean;
  dataDir?: string;
  power?: boolean;
  replications: number;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'run the model across seeds beside its null models and real NFL win-probability paths; check the stylized facts (statistic, 95% CI, threshold, verdict); exit 1 when a must-pass fact fails',
    )
    .option('--seeds <n>', 'number of seeds', intFlag('--seeds', 2, 100_000), 30)
    .option('-c, --config <file>', 'model config (default: the built-in default model)')
    .option('-n, --steps <n>', 'steps per run (overrides the config)', intFlag('--steps', 100, 100_000_000))
    .option('--scale <n>', 'analysis scale: returns are summed over this many steps', intFlag('--scale', 1, 10_000), 5)
    .option('--workers <n>', 'worker threads (default: all cores; 1 = this thread)', intFlag('--workers', 1, 1024), defaultWorkers())
    .option(
      '--backend <url>',
      'local (default), or redis://[user:password@]host:port[/db]: runs go to `omega worker` processes on any machine',
      'local',
    )
    .option(
      '--no-nulls',
      'leave out the null models (zero intelligence, truth only, shuffled returns); must-pass facts that must beat a null then fail',
    )
    .option('--no-real', 'leave out the real-data columns (NFL in-game win probability)')
    .option('--data-dir <dir>', 'data directory holding nfl/ (default: $OMEGA_DATA_DIR or the shared data next to the project)')
    .option('--power', 'instead of validating: the power analysis of the calibration facts (which miscalibrations the suite detects)')
    .option('--replications <n>', 'simulated suite runs per miscalibration for --power', intFlag('--replications', 10, 100_000), 200)
    .option('--json', 'print the verdicts as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: ValidateCliOptions) => {
      if (opts.power) return printPower(opts);
      const backend = parseBackend(opts.backend);
      const overrides = opts.steps !== undefined ? { steps: opts.steps } : {};
      const config = opts.config ? loadModelConfig(opts.config, overrides) : parseModelConfig(overrides, 'command-line options');
      const jobs = opts.seeds * (opts.nulls ? 2 : 1) + (opts.real ? 1 : 0);
      const bar = progressBar('validate', jobs, opts.progress && !opts.json);
      const t0 = performance.now();
      const result = await validateModel(config, {
        seeds: opts.seeds,
        scale: opts.scale,
        workers: opts.workers,
        backend,
        nulls: opts.nulls,
        real: opts.real,
        dataDir: opts.dataDir,
        log: (line) => process.stderr.write(`omega validate: ${line}\n`),
        onProgress: (d) => bar.update(d),
      });
      bar.stop();
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            seeds: result.seeds,
            markets: result.markets,
            realGames: result.realGames,
            scale: opts.scale,
            pass: result.pass,
            seconds,
            notices: result.notices,
            verdicts: result.verdicts,
          }) + '\n',
        );
      } else {
        for (const n of result.notices) process.stderr.write(`note: ${n}\n`);
        const rows = verdictRows(result)
          .map((r) => (opts.nulls ? r : { ...r, zero_intelligence: undefined, truth_only: undefined, shuffled: undefined }))
          .map((r) => (opts.real ? r : { ...r, nfl_per_play: undefined, nfl_per_5_plays: undefined }));
        console.log(
          textTable(
            rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string | number>),
            `Stylized facts over ${result.seeds} seeds, ${result.markets} markets (returns: Δlogit(mid) over ${opts.scale} steps, volatility profile removed); cells: value [95% CI], ✗ = misses the threshold`,
          ),
        );
        if (opts.nulls) console.log(`\nNull models: ${Object.values(NULL_DESCRIPTIONS).join('; ')}.`);
        if (result.realGames)
          console.log(
            `Real data: ${result.realGames} NFL games' in-game win probability (nflfastR / nflscrapR), per play and per 5 plays.`,
          );
        const must = result.verdicts.filter((v) => v.tier === 'must');
        console.log(
          `\n${result.pass ? 'PASS' : 'FAIL'}: ${must.filter((v) => v.pass).length}/${must.length} must-pass facts hold (${seconds.toFixed(1)} s, ${backend.kind === 'redis' ? `omega workers via ${backend.display}` : `${opts.workers} worker${opts.workers > 1 ? 's' : ''}`})`,
        );
      }
      if (!result.pass) process.exitCode = 1;
    });
}

function printPower(opts: ValidateCliOptions): void {
  const t0 = performance.now();
  const rows = powerAnalysis({ seeds: opts.seeds, replications: opts.replications });
  const seconds = (performance.now() - t0) / 1000;
  if (opts.json) {
    process.stdout.write(
      JSON.stringify({ seeds: opts.seeds, markets: rows[0]?.markets, replications: opts.replications, seconds, rows }) + '\n',
    );
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  console.log(
    textTable(
      rows.map((r) => ({
        miscalibration: r.miscalibration,
        calibration_fact_detects: pct(r.calibrationDetects),
        longshot_premium_detects: pct(r.longshotDetects),
      })),
      `Power of the calibration facts: ${opts.replications} simulated validation runs of ${rows[0]?.markets} markets each (${opts.seeds} seeds), prices = a miscalibration of the martingale truth, rounded to the cent; "calibrated" shows the false-alarm rate`,
    ),
  );
  console.log(`\n(${seconds.toFixed(1)} s)`);
}
