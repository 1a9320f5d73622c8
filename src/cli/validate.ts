import type { Command } from 'commander';
import { loadModelConfig, parseModelConfig } from '../abm/config.js';
import { parseBackend } from '../experiments/backend.js';
import { validateModel } from '../experiments/validate.js';
import { defaultWorkers } from '../experiments/pool.js';
import { verdictRows } from '../facts/suite.js';
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
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('run the model across seeds and check the stylized facts: statistic, 95% bootstrap CI, threshold, verdict (exit 1 when a must-pass fact fails)')
    .option('--seeds <n>', 'number of seeds', intFlag('--seeds', 2, 100_000), 30)
    .option('-c, --config <file>', 'model config (default: the built-in default model)')
    .option('-n, --steps <n>', 'steps per run (overrides the config)', intFlag('--steps', 100, 100_000_000))
    .option('--scale <n>', 'analysis scale: returns are summed over this many steps', intFlag('--scale', 1, 10_000), 5)
    .option('--workers <n>', 'worker threads (default: all cores; 1 = this thread)', intFlag('--workers', 1, 1024), defaultWorkers())
    .option('--backend <url>', 'local (default), or redis://[user:password@]host:port[/db]: runs go to `omega worker` processes on any machine', 'local')
    .option('--json', 'print the verdicts as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: ValidateCliOptions) => {
      const backend = parseBackend(opts.backend);
      const overrides = opts.steps !== undefined ? { steps: opts.steps } : {};
      const config = opts.config ? loadModelConfig(opts.config, overrides) : parseModelConfig(overrides, 'command-line options');
      const bar = progressBar('validate', opts.seeds, opts.progress && !opts.json);
      const t0 = performance.now();
      const result = await validateModel(config, { seeds: opts.seeds, scale: opts.scale, workers: opts.workers, backend, log: (line) => process.stderr.write(`omega validate: ${line}\n`), onProgress: (d) => bar.update(d) });
      bar.stop();
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ seeds: result.seeds, scale: opts.scale, pass: result.pass, seconds, verdicts: result.verdicts }) + '\n');
      } else {
        console.log(textTable(verdictRows(result), `Stylized facts over ${result.seeds} seeds (returns: Δlogit(mid) over ${opts.scale} steps; ${config.steps} steps per run)`));
        console.log(`\n${result.pass ? 'PASS' : 'FAIL'}: ${result.verdicts.filter((v) => v.tier === 'must' && v.pass).length}/${result.verdicts.filter((v) => v.tier === 'must').length} must-pass facts hold (${seconds.toFixed(1)} s, ${backend.kind === 'redis' ? `omega workers via ${backend.display}` : `${opts.workers} worker${opts.workers > 1 ? 's' : ''}`})`);
      }
      if (!result.pass) process.exitCode = 1;
    });
}
